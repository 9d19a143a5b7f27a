//! The Runtime API answered over real loopback connections, with requests written by hand so
//! the exact status lines and headers are visible.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use super::*;

/// Sends one HTTP/1.1 request and returns the whole answer as text.
fn send(
    endpoint: &Endpoint,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> String {
    let mut stream = TcpStream::connect(endpoint.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        endpoint.address,
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

fn invocation(request_id: &str) -> Invocation {
    Invocation {
        request_id: request_id.to_owned(),
        event_json: Arc::from(r#"{"hello":"world"}"#),
        deadline_epoch_ms: 1_800_000_000_000,
        invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:f".to_owned(),
        trace_id: "Root=1-00000000-000000000000000000000000;Sampled=0".to_owned(),
        client_context: None,
        cognito_identity: Some(r#"{"cognitoIdentityId":"id"}"#.to_owned()),
    }
}

#[test]
fn next_waits_for_an_event_and_carries_lambdas_headers() {
    let endpoint = Endpoint::start().expect("start");
    assert!(endpoint.address.ip().is_loopback());
    let address = endpoint.address;
    let poller = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .write_all(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    });
    // The poll is held open: the runtime reports it is waiting before any event exists.
    assert!(matches!(
        endpoint.next_event(Duration::from_secs(10)),
        Some(ApiEvent::NextPolled)
    ));
    std::thread::sleep(Duration::from_millis(50));
    assert!(!poller.is_finished(), "/next must wait for an event");
    assert!(endpoint.submit(invocation("req-1")));
    let answer = poller.join().expect("poller").to_lowercase();
    assert!(answer.starts_with("http/1.1 200 ok"), "{answer}");
    for header in [
        "content-type: application/json",
        "lambda-runtime-aws-request-id: req-1",
        "lambda-runtime-deadline-ms: 1800000000000",
        "lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:f",
        "lambda-runtime-trace-id: root=1-",
        "lambda-runtime-cognito-identity: {\"cognitoidentityid\":\"id\"}",
    ] {
        assert!(answer.contains(header), "{header} missing in {answer}");
    }
    assert!(!answer.contains("lambda-runtime-client-context"));
    assert!(answer.ends_with("{\"hello\":\"world\"}"), "{answer}");
}

/// Hands out `req-1` and returns the endpoint, with the runtime's poll answered.
fn endpoint_with_one_in_flight() -> Endpoint {
    let endpoint = Endpoint::start().expect("start");
    assert!(endpoint.submit(invocation("req-1")));
    let answer = send(
        &endpoint,
        "GET",
        "/2018-06-01/runtime/invocation/next",
        &[],
        "",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(matches!(
        endpoint.next_event(Duration::from_secs(5)),
        Some(ApiEvent::NextPolled)
    ));
    endpoint
}

#[test]
fn a_response_is_accepted_once_and_an_unknown_id_is_refused() {
    let endpoint = endpoint_with_one_in_flight();
    let unknown = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/invocation/other/response",
        &[],
        "{}",
    );
    assert!(unknown.starts_with("HTTP/1.1 400"), "{unknown}");
    assert!(unknown.contains("InvalidRequestID"), "{unknown}");
    let answer = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/invocation/req-1/response",
        &[],
        r#"{"ok":true}"#,
    );
    assert!(answer.starts_with("HTTP/1.1 202"), "{answer}");
    assert!(answer.ends_with(r#"{"status":"OK"}"#), "{answer}");
    match endpoint.next_event(Duration::from_secs(5)) {
        Some(ApiEvent::Response {
            request_id,
            body,
            stream_error,
            streamed,
        }) => {
            assert!(streamed.is_none(), "a buffered response");
            assert_eq!(request_id, "req-1");
            assert_eq!(body, br#"{"ok":true}"#);
            assert!(stream_error.is_none());
        }
        other => panic!("{other:?}"),
    }
    let again = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/invocation/req-1/response",
        &[],
        "{}",
    );
    assert!(again.starts_with("HTTP/1.1 400"), "answered twice: {again}");
}

#[test]
fn error_bodies_are_read_in_python_and_node_shapes() {
    let python = br#"{"errorMessage": "bad input", "errorType": "ValueError", "requestId": "r", "stackTrace": ["  File \"/var/task/app.py\", line 3, in handler\n    raise ValueError(\"bad input\")\n"]}"#;
    let error = routes::parse_error_body(python, None);
    assert_eq!(error.error_type, "ValueError");
    assert_eq!(error.error_message, "bad input");
    assert_eq!(error.trace.len(), 1);
    let node = br#"{"errorType":"TypeError","errorMessage":"x is not a function","trace":["TypeError: x is not a function","    at Runtime.handler (file:///var/task/index.mjs:2:3)"]}"#;
    let error = routes::parse_error_body(node, Some("Unhandled"));
    assert_eq!(error.error_type, "TypeError");
    assert_eq!(error.trace.len(), 2);
    let bare = routes::parse_error_body(b"it broke", Some("Custom.Error"));
    assert_eq!(error_tuple(&bare), ("Custom.Error", "it broke"));
    let nothing = routes::parse_error_body(b"", None);
    assert_eq!(nothing.error_type, "Runtime.Unknown");
}

fn error_tuple(error: &FunctionError) -> (&str, &str) {
    (&error.error_type, &error.error_message)
}

#[test]
fn an_error_post_answers_202_and_init_error_exactly_202() {
    let endpoint = endpoint_with_one_in_flight();
    let answer = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/invocation/req-1/error",
        &[("Lambda-Runtime-Function-Error-Type", "Unhandled")],
        r#"{"errorType":"Error","errorMessage":"boom","trace":[]}"#,
    );
    assert!(answer.starts_with("HTTP/1.1 202"), "{answer}");
    match endpoint.next_event(Duration::from_secs(5)) {
        Some(ApiEvent::Error { request_id, error }) => {
            assert_eq!(request_id, "req-1");
            assert_eq!(error_tuple(&error), ("Error", "boom"));
        }
        other => panic!("{other:?}"),
    }
    let init = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/init/error",
        &[],
        r#"{"errorMessage":"Unable to import module 'app': No module named 'app'","errorType":"Runtime.ImportModuleError","requestId":"","stackTrace":[]}"#,
    );
    assert!(init.starts_with("HTTP/1.1 202 Accepted"), "{init}");
    match endpoint.next_event(Duration::from_secs(5)) {
        Some(ApiEvent::InitError(error)) => {
            assert_eq!(error.error_type, "Runtime.ImportModuleError")
        }
        other => panic!("{other:?}"),
    }
    let exchanges = endpoint.take_exchanges();
    let lines: Vec<&str> = exchanges.iter().map(|e| e.request_line.as_str()).collect();
    assert_eq!(
        lines,
        [
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/req-1/error",
            "POST /2018-06-01/runtime/init/error"
        ]
    );
}

#[test]
fn a_response_over_6_mb_gets_413() {
    let endpoint = endpoint_with_one_in_flight();
    let big = format!(
        "\"{}\"",
        "x".repeat(crate::model::limits::MAX_SYNC_RESPONSE_BYTES)
    );
    let answer = send(
        &endpoint,
        "POST",
        "/2018-06-01/runtime/invocation/req-1/response",
        &[],
        &big,
    );
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..80.min(answer.len())]
    );
    assert!(matches!(
        endpoint.next_event(Duration::from_secs(5)),
        Some(ApiEvent::ResponseTooLarge { .. })
    ));
}

#[test]
fn a_streamed_response_is_collected_and_its_error_trailer_read() {
    let endpoint = endpoint_with_one_in_flight();
    let mut stream = TcpStream::connect(endpoint.address).expect("connect");
    let trailer_body = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        r#"{"errorType":"Error","errorMessage":"stream broke"}"#,
    );
    let request = format!(
        "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n\
         Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n\
         5\r\nhello\r\n6\r\n world\r\n0\r\nLambda-Runtime-Function-Error-Type: Error\r\n\
         Lambda-Runtime-Function-Error-Body: {trailer_body}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    assert!(answer.starts_with("HTTP/1.1 202"), "{answer}");
    match endpoint.next_event(Duration::from_secs(5)) {
        Some(ApiEvent::Response {
            body,
            stream_error,
            streamed,
            ..
        }) => {
            assert_eq!(body, b"hello world");
            let streamed = streamed.expect("a streamed response");
            let pieces: Vec<u8> = streamed.chunks.into_iter().flat_map(|(_, b)| b).collect();
            assert_eq!(pieces, b"hello world", "the chunks make up the body");
            let error = stream_error.expect("the trailer's error");
            assert_eq!(error_tuple(&error), ("Error", "stream broke"));
        }
        other => panic!("{other:?}"),
    }
}
