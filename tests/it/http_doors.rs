//! `lambda-lab http` under load and at its limits: an ALB in front (its own event), a handler
//! that hangs while other requests are answered on their own environments, the front door's
//! answer when Lambda throttles, and API Gateway's integration timeout while the function runs.

use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;

use crate::http_cli::{request, start, stop};

/// A handler that answers with the event it got, after `?sleep=MS` milliseconds.
fn echo_handler(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("echo.mjs");
    std::fs::write(
        &path,
        r#"// Answers with the event it received, after ?sleep=MS milliseconds.
const sleepMillis = (event) =>
  Number((event.queryStringParameters || {}).sleep || (event.multiValueQueryStringParameters || {}).sleep || 0);

export const handler = async (event) => {
  const millis = sleepMillis(event);
  if (millis > 0) await new Promise((resolve) => setTimeout(resolve, millis));
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) };
};
"#,
    )
    .unwrap();
    path
}

fn body_json(answer: &str) -> serde_json::Value {
    serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap_or_default())
        .unwrap_or_else(|error| panic!("{error}: {answer}"))
}

#[test]
fn an_alb_sends_its_own_event_with_the_query_still_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let code = echo_handler(dir.path());
    let (server, address, _stderr) =
        start(&["--code", &code.to_string_lossy(), "--integration", "alb"]);
    let answer = request(&address, "GET", "/search?q=coffee%20beans&page=2", "", "");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let event = body_json(&answer);
    assert!(
        event["requestContext"]["elb"]["targetGroupArn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/"),
        "{event}"
    );
    assert_eq!(event["path"], "/search");
    assert_eq!(event["queryStringParameters"]["q"], "coffee%20beans");
    assert_eq!(event["headers"]["x-forwarded-for"], "127.0.0.1");
    assert_eq!(event["isBase64Encoded"], false);
    stop(server);

    let (server, address, _stderr) = start(&[
        "--code",
        &code.to_string_lossy(),
        "--integration",
        "alb",
        "--multi-value-headers",
    ]);
    let answer = request(&address, "GET", "/search?tag=decaf&tag=organic", "", "");
    let event = body_json(&answer);
    assert_eq!(
        event["multiValueQueryStringParameters"]["tag"],
        serde_json::json!(["decaf", "organic"])
    );
    assert!(event.get("headers").is_none(), "{event}");
    stop(server);
}

#[test]
fn a_hanging_request_does_not_hold_up_the_next_and_over_the_limit_is_throttled() {
    let dir = tempfile::tempdir().unwrap();
    let code = echo_handler(dir.path());
    let (server, address, _stderr) = start(&[
        "--code",
        &code.to_string_lossy(),
        "--timeout-secs",
        "30",
        "--json",
    ]);
    // The slow request holds its environment until the test says it may finish: a request
    // sleeping 20 s stands in for a handler that hangs.
    let (slow_done, slow_answer) = mpsc::channel();
    let slow_address = address.clone();
    std::thread::spawn(move || {
        let answer = request(&slow_address, "GET", "/slow?sleep=20000", "", "");
        let _ = slow_done.send(answer);
    });
    // Wait until the slow request is running (its environment is busy).
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let fast = request(&address, "GET", "/fast", "", "");
    assert!(fast.starts_with("HTTP/1.1 200"), "{fast}");
    assert!(
        slow_answer.try_recv().is_err(),
        "the fast request was answered while the slow one still ran"
    );
    let records = stop(server);
    // One record per finished invoke; the fast one ran on a second environment.
    let fast_record: serde_json::Value = records
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|record| record["status"] == "success")
        .expect("the fast request's record");
    assert_eq!(fast_record["environment_id"], 2, "{fast_record}");

    let (server, address, _stderr) = start(&[
        "--code",
        &code.to_string_lossy(),
        "--timeout-secs",
        "30",
        "--reserved-concurrency",
        "1",
        "--json",
    ]);
    let slow_address = address.clone();
    std::thread::spawn(move || {
        let _ = request(&slow_address, "GET", "/slow?sleep=20000", "", "");
    });
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let throttled = request(&address, "GET", "/fast", "", "");
    assert!(throttled.starts_with("HTTP/1.1 500"), "{throttled}");
    assert!(
        throttled.ends_with(r#"{"message":"Internal Server Error"}"#),
        "{throttled}"
    );
    let records = stop(server);
    assert!(
        records
            .lines()
            .any(|line| line.contains(r#""status":"throttled""#)),
        "{records}"
    );
}

#[test]
fn api_gateway_answers_at_its_integration_timeout_while_the_function_runs_on() {
    let dir = tempfile::tempdir().unwrap();
    let code = echo_handler(dir.path());
    let (server, address, mut stderr) = start(&[
        "--code",
        &code.to_string_lossy(),
        "--integration",
        "rest-api",
        "--integration-timeout-ms",
        "300",
    ]);
    let answer = request(&address, "GET", "/slow?sleep=1500", "", "");
    assert!(answer.starts_with("HTTP/1.1 504"), "{answer}");
    assert!(
        answer.ends_with(r#"{"message": "Endpoint request timed out"}"#),
        "{answer}"
    );
    let quick = request(&address, "GET", "/quick", "", "");
    assert!(quick.starts_with("HTTP/1.1 200"), "{quick}");
    // Let the slow invoke end, so its record is printed before the stop.
    std::thread::sleep(std::time::Duration::from_millis(1800));
    let out = stop(server);
    assert!(
        out.contains("after the front door's timeout answer"),
        "the slow invoke still ends and is reported: {out}"
    );
    let mut log = String::new();
    stderr.read_to_string(&mut log).unwrap();
    assert!(
        log.contains(r#""GET /slow?sleep=1500 HTTP/1.1" 504"#),
        "{log}"
    );
}

#[test]
fn timeouts_and_headers_for_the_wrong_front_door_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let code = echo_handler(dir.path());
    for (args, expected) in [
        (
            vec![
                "--integration",
                "function-url",
                "--integration-timeout-ms",
                "100",
            ],
            "is an API Gateway setting",
        ),
        (
            vec![
                "--integration",
                "rest-api",
                "--integration-timeout-ms",
                "29001",
            ],
            "outside 50-29000 ms",
        ),
        (vec!["--multi-value-headers"], "add --integration alb"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
            .args(["http", "--port", "0", "--code"])
            .arg(&code)
            .args(&args)
            .output()
            .expect("run http");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn sigterm_stops_the_server_like_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let code = echo_handler(dir.path());
    let (mut server, address, _stderr) = start(&["--code", &code.to_string_lossy()]);
    assert!(request(&address, "GET", "/", "", "").starts_with("HTTP/1.1 200"));
    let pid = rustix::process::Pid::from_raw(server.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let status = server.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(std::net::TcpStream::connect(&address).is_err());
}
