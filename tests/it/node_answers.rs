//! The embedded engine's words and surroundings as on Lambda's Node.js runtimes: V8's error
//! messages for everyday TypeErrors, stack traces naming /var/task (never this machine's
//! folders), console.fatal, the runtime's PATH / LD_LIBRARY_PATH / _X_AMZN_TRACE_ID, and the
//! Node.js version of the runtime picked. (The runtime clients' own answers are compared case
//! by case in engine_conformance.rs.)

use std::path::PathBuf;

use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::pool::Pool;
use lambda_lab::runtime::record::InvocationRecord;

use crate::common::once;

fn run(handler: &str, runtime: &str) -> InvocationRecord {
    let folder =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handlers/node_answers");
    let mut pool = Pool::new(FunctionConfig {
        function_name: "node-answers".into(),
        runtime: runtime.into(),
        handler: format!("index.{handler}"),
        code_path: folder,
        ..FunctionConfig::default()
    });
    once(&mut pool, "{}")
}

#[test]
fn everyday_type_errors_read_as_v8_writes_them() {
    let answer = run("wording", "nodejs24.x").response_value().unwrap();
    assert_eq!(
        answer,
        serde_json::json!([
            "TypeError: Cannot read properties of undefined (reading 'length')",
            "TypeError: Cannot read properties of null (reading 'x')",
            "TypeError: event.Records is not iterable",
            "TypeError: context.fail is not a function",
            "TypeError: s.push is not a function",
            "TypeError: Assignment to constant variable.",
            "TypeError: Cannot set properties of null (setting 'foo')",
            "TypeError: Reduce of empty array with no initial value",
        ])
    );
}

#[test]
fn stack_traces_name_var_task_as_file_urls_for_es_modules() {
    let record = run("stack", "nodejs24.x");
    let trace = record.error.unwrap().trace;
    assert_eq!(trace[0], "Error: where am I?");
    assert!(
        trace[1].starts_with("    at stack (file:///var/task/index.mjs:"),
        "{trace:?}"
    );
    let host = env!("CARGO_MANIFEST_DIR");
    assert!(
        !trace
            .iter()
            .chain(&record.logs)
            .any(|line| line.contains(host)),
        "no host path: {trace:?}"
    );
}

#[test]
fn the_runtime_adds_console_fatal_its_paths_and_a_trace_header() {
    for (runtime, major) in [("nodejs24.x", "v24."), ("nodejs22.x", "v22.")] {
        let record = run("runtimeExtras", runtime);
        let answer = record.response_value().unwrap();
        assert!(
            answer["version"].as_str().unwrap().starts_with(major),
            "{answer}"
        );
        assert_eq!(answer["path"], "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        assert!(
            answer["ldLibraryPath"]
                .as_str()
                .unwrap()
                .ends_with(":/opt/lib")
        );
        assert!(
            answer["traceId"].as_str().unwrap().starts_with("Root=1-"),
            "{answer}"
        );
        assert!(
            record
                .logs
                .iter()
                .any(|l| l.ends_with("\tFATAL\tthe sky is falling")),
            "{:#?}",
            record.logs
        );
    }
}

#[test]
fn a_stream_that_fails_keeps_what_was_written_and_reports_the_error() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/runtime_api/nodejs/handlers/stream");
    let mut pool = Pool::new(FunctionConfig {
        function_name: "stream".into(),
        handler: "index.failing".into(),
        code_path: folder,
        ..FunctionConfig::default()
    });
    let record = once(&mut pool, "{}");
    assert_eq!(record.status, lambda_lab::runtime::record::Status::Error);
    assert_eq!(record.error.unwrap().error_message, "stream broke");
    let stream = record.stream.expect("the bytes already sent");
    assert_eq!(stream.body(), b"partial ");
    assert_eq!(stream.content_type, "application/octet-stream");
}

#[test]
fn a_callback_handler_is_warned_about_on_nodejs22_and_refused_on_nodejs24() {
    let classic = run("callbackStyle", "nodejs22.x");
    assert_eq!(
        classic.response_value(),
        Some(serde_json::json!("answered through the callback"))
    );
    assert!(
        classic.logs.iter().any(|l| l.contains("\tWARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24.")),
        "{:#?}",
        classic.logs
    );
    let modern = run("callbackStyle", "nodejs24.x");
    let error = modern.error.unwrap();
    assert_eq!(error.error_type, "Runtime.CallbackHandlerDeprecated");
    assert!(error.error_message.starts_with(
        "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24."
    ));
}

#[test]
fn invoke_prints_a_streamed_response_chunk_by_chunk() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .arg("invoke")
        .arg("--code")
        .arg(root.join("assets/handlers/stream-report.mjs"))
        .arg("--event")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(br#"{"steps": 2, "delayMs": 10}"#)?;
            child.wait_with_output()
        })
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "Streamed response (application/vnd.awslambda.http-integration-response): 5 chunks"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("  chunk 3 at "), "{stderr}");
    assert!(
        stdout.starts_with(r#"{"headers":"#) || stdout.starts_with(r#"{"statusCode":200"#),
        "{stdout}"
    );
    assert!(stdout.contains("step 2 of 2 done\nall done\n"), "{stdout}");
}
