//! `lambda-lab http` as a client meets it: a real HTTP endpoint on loopback where each request
//! reaches the handler as the HTTP API or function URL event, and the answer comes back as
//! that front door converts it (its own 404 for no route, its 500 for a failed function).

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command};

/// Sends one request and returns the status line, headers and body as text.
pub(crate) fn request(
    address: &str,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

/// Starts `lambda-lab http ARGS` on a free port; returns the child, its address and stderr.
pub(crate) fn start(args: &[&str]) -> (Child, String, BufReader<std::process::ChildStderr>) {
    let mut all: Vec<&std::ffi::OsStr> = ["http", "--port", "0"]
        .iter()
        .map(std::ffi::OsStr::new)
        .collect();
    all.extend(args.iter().map(std::ffi::OsStr::new));
    crate::common::spawn_server(&all)
}

/// Ctrl+C, then the server's stdout (one line per invocation).
pub(crate) fn stop(mut server: Child) -> String {
    let pid = rustix::process::Pid::from_raw(server.id() as i32).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
    let status = server.wait().expect("http exits");
    assert!(status.success(), "{status}");
    let mut out = String::new();
    server
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("stdout");
    out
}

#[test]
fn an_http_api_route_reaches_the_handler_and_its_answer_comes_back_as_http() {
    let code = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/api.mjs");
    let (server, address, mut stderr) = start(&[
        "--code",
        &code.to_string_lossy(),
        "--route",
        "GET /orders/{orderId}",
        "--json",
    ]);
    let found = request(&address, "GET", "/orders/1042?include=items", "", "");
    assert!(found.starts_with("HTTP/1.1 200"), "{found}");
    assert!(found.contains("content-type: application/json"), "{found}");
    assert!(found.contains(r#""orderId":1042"#), "{found}");
    let missing = request(&address, "GET", "/orders/9", "", "");
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    assert!(
        missing.contains("order 9 not found"),
        "the handler's own 404: {missing}"
    );
    let no_route = request(&address, "DELETE", "/orders/1042", "", "");
    assert!(no_route.starts_with("HTTP/1.1 404"), "{no_route}");
    assert!(
        no_route.ends_with(r#"{"message":"Not Found"}"#),
        "{no_route}"
    );
    let records = stop(server);
    let records: Vec<serde_json::Value> = records
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record per line"))
        .collect();
    // The front door's own 404 ran nothing.
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["cold"], true);
    assert_eq!(records[1]["cold"], false);
    let mut log = String::new();
    stderr.read_to_string(&mut log).expect("stderr");
    assert!(
        log.contains(r#""GET /orders/1042?include=items HTTP/1.1" 200"#),
        "an access-log line per request: {log}"
    );
    assert!(
        log.contains(r#""DELETE /orders/1042 HTTP/1.1" 404"#),
        "{log}"
    );
    // The handler logs the route key the event carried.
    assert!(
        log.contains(r#"matched route "GET /orders/{orderId}""#),
        "{log}"
    );
}

#[test]
fn a_function_url_infers_a_plain_answer_and_a_failed_http_api_function_is_a_500() {
    let dir = tempfile::tempdir().unwrap();
    let echo = dir.path().join("echo.mjs");
    std::fs::write(
        &echo,
        "export const handler = async (event) => ({ path: event.rawPath, q: event.queryStringParameters, body: event.body, b64: event.isBase64Encoded, domain: event.requestContext.domainName });\n",
    )
    .unwrap();
    let (server, address, _stderr) = start(&[
        "--code",
        &echo.to_string_lossy(),
        "--integration",
        "function-url",
    ]);
    let answer = request(
        &address,
        "POST",
        "/any/path?tag=a&tag=b",
        "Content-Type: application/x-www-form-urlencoded\r\n",
        "a=1&b=2",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // No statusCode: the function URL infers 200, application/json, the object as the body.
    assert!(
        answer.contains("content-type: application/json"),
        "{answer}"
    );
    let body: serde_json::Value =
        serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["path"], "/any/path");
    assert_eq!(body["q"]["tag"], "a,b");
    assert_eq!(body["body"], "YT0xJmI9Mg==");
    assert_eq!(body["b64"], true);
    assert!(body["domain"].as_str().unwrap().contains(".lambda-url."));
    stop(server);

    let failing = dir.path().join("fail.mjs");
    std::fs::write(
        &failing,
        "export const handler = async () => { throw new Error(\"boom\"); };\n",
    )
    .unwrap();
    let (server, address, _stderr) = start(&["--code", &failing.to_string_lossy()]);
    let failed = request(&address, "GET", "/", "", "");
    assert!(failed.starts_with("HTTP/1.1 500"), "{failed}");
    assert!(
        failed.ends_with(r#"{"message":"Internal Server Error"}"#),
        "{failed}"
    );
    stop(server);
}

#[test]
fn bad_routes_and_routes_on_a_function_url_exit_2_with_the_reason() {
    let code = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/api.mjs");
    for (args, expected) in [
        (
            vec!["--route", "orders"],
            "a method, a space and a path are needed",
        ),
        (
            vec!["--integration", "function-url", "--route", "GET /x"],
            "a function URL has no routes",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
            .args(["http", "--port", "0", "--code"])
            .arg(&code)
            .args(&args)
            .output()
            .expect("run http");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn a_rest_api_sends_the_1_0_event_and_answers_unknown_paths_with_its_403() {
    let dir = tempfile::tempdir().unwrap();
    let echo = dir.path().join("rest.mjs");
    std::fs::write(
        &echo,
        "export const handler = async (event) => ({ statusCode: 201, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] }, body: JSON.stringify({ resource: event.resource, id: event.pathParameters.id, stage: event.requestContext.stage, q: event.multiValueQueryStringParameters }) });\n",
    )
    .unwrap();
    let (server, address, _stderr) = start(&[
        "--code",
        &echo.to_string_lossy(),
        "--integration",
        "rest-api",
        "--route",
        "POST /items/{id}",
    ]);
    let created = request(&address, "POST", "/items/7?tag=a&tag=b", "", "{}");
    assert!(created.starts_with("HTTP/1.1 201"), "{created}");
    assert!(created.contains("set-cookie: a=1"), "{created}");
    assert!(created.contains("set-cookie: b=2"), "{created}");
    let body: serde_json::Value =
        serde_json::from_str(created.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"resource": "/items/{id}", "id": "7", "stage": "prod", "q": {"tag": ["a", "b"]}})
    );
    let unknown = request(&address, "GET", "/items/7", "", "");
    assert!(unknown.starts_with("HTTP/1.1 403"), "{unknown}");
    assert!(
        unknown.ends_with(r#"{"message":"Missing Authentication Token"}"#),
        "{unknown}"
    );
    stop(server);
}
