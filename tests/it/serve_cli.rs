//! `lambda-lab serve` as a client meets it: Lambda's Invoke endpoint on loopback, answered
//! with the Invoke API's status codes and headers, one record per invocation on stdout, and
//! every runtime process gone after Ctrl+C.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

/// POSTs `body` and returns the answer's status line, headers and body as text.
fn post(address: &str, path: &str, headers: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

#[test]
fn serve_answers_like_the_invoke_api_and_stops_cleanly_on_ctrl_c() {
    let code = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/processes/custom");
    let (mut server, address, mut stderr) = crate::common::spawn_server(&[
        "serve".as_ref(),
        "--port".as_ref(),
        "0".as_ref(),
        "--code".as_ref(),
        code.as_os_str(),
    ]);
    let invocations = "/2015-03-31/functions/function/invocations";

    let ok = post(&address, invocations, "", r#"{"x":1}"#);
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    assert!(ok.contains("x-amz-executed-version: $LATEST"), "{ok}");
    assert!(
        ok.ends_with(r#"{"echo":{"x":1},"handler":"index.handler"}"#),
        "{ok}"
    );

    let failed = post(&address, invocations, "", r#"{"fail":true}"#);
    assert!(failed.starts_with("HTTP/1.1 200"), "{failed}");
    assert!(
        failed.contains("x-amz-function-error: Unhandled"),
        "{failed}"
    );
    assert!(failed.contains("Custom.Failure"), "{failed}");

    let dry = post(
        &address,
        invocations,
        "X-Amz-Invocation-Type: DryRun\r\n",
        "{}",
    );
    assert!(dry.starts_with("HTTP/1.1 204"), "{dry}");
    let event = post(
        &address,
        invocations,
        "X-Amz-Invocation-Type: Event\r\n",
        "{}",
    );
    assert!(event.starts_with("HTTP/1.1 202"), "{event}");
    let named = post(
        &address,
        "/2015-03-31/functions/custom/invocations",
        "",
        "{}",
    );
    assert!(
        named.starts_with("HTTP/1.1 200"),
        "the function's own name works: {named}"
    );
    let missing = post(
        &address,
        "/2015-03-31/functions/other/invocations",
        "",
        "{}",
    );
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
    assert!(missing.contains("ResourceNotFoundException"), "{missing}");
    let bad = post(&address, invocations, "", "{bad");
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");

    // An invoke still running when Ctrl+C comes (its handler sleeps 600 s, its timeout is
    // 3 s away): the stop must not wait for it.
    let address_for_sleeper = address.clone();
    let sleeper = std::thread::spawn(move || {
        post(&address_for_sleeper, invocations, "", r#"{"sleep":true}"#)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Ctrl+C: the server stops and ends its runtime processes.
    let pid = rustix::process::Pid::from_raw(server.id() as i32).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
    let status = server.wait().expect("serve exits");
    assert!(status.success(), "{status}");
    // The sleeping invoke was ended by the stop (its process killed), not by its timeout.
    let answer = sleeper.join().expect("the sleeping request");
    assert!(answer.contains("Runtime.ExitError"), "{answer}");
    assert!(answer.contains("signal: killed"), "{answer}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).expect("stderr");
    assert!(
        rest.contains("every execution environment was shut down"),
        "{rest}"
    );
    let mut records = String::new();
    server
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut records)
        .expect("stdout");
    let lines: Vec<serde_json::Value> = records
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record per line"))
        .collect();
    // Two synchronous, one asynchronous, one by name, the one ended by the stop; DryRun and
    // the refused ones run nothing.
    assert_eq!(lines.len(), 5, "{records}");
    assert_eq!(lines[0]["cold"], true);
    assert_eq!(lines[1]["cold"], false);
    let bootstraps = std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path().join("cmdline")).ok())
        .filter(|cmdline| cmdline.contains(&*code.join("bootstrap").to_string_lossy()))
        .count();
    assert_eq!(bootstraps, 0, "a runtime process outlived serve");
}
