//! Real runtimes as processes: a Python handler through the bundled bootstrap and a custom
//! runtime's own `bootstrap`, each polling its Runtime API endpoint, with Lambda's records:
//! cold then warm, errors, timeouts, memory, exits, a clean environment, and no process left
//! behind.

use std::path::{Path, PathBuf};

use lambda_lab::model::lambda::ColdReason;
use lambda_lab::runtime::config::{Executor, FunctionConfig};
use lambda_lab::runtime::pool::Pool;

use crate::common::{error_type, once};
use lambda_lab::runtime::record::Status;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/processes")
        .join(name)
}

fn python_pool(timeout_secs: u32) -> Pool {
    Pool::new(FunctionConfig {
        function_name: "python-test".into(),
        runtime: "python3.13".into(),
        executor: Executor::Process,
        handler: "app.lambda_handler".into(),
        code_path: fixture("python/app.py"),
        timeout_secs,
        ..FunctionConfig::default()
    })
}

#[test]
fn a_python_handler_starts_cold_then_stays_warm_and_prints_between_start_and_end() {
    let mut pool = python_pool(3);
    let first = once(&mut pool, "{}");
    assert_eq!(first.status, Status::Success, "{:?}", first.logs);
    assert!(first.cold);
    assert_eq!(first.cold_reason, Some(ColdReason::FirstInvoke));
    assert!(first.init_duration_ms.is_some_and(|ms| ms > 0.0));
    let response = first.response_value().expect("a JSON response");
    assert_eq!(response["count"], 1);
    assert_eq!(response["request_id"], first.request_id.as_str());
    // Init's print comes before START; the invoke's between START and END.
    let start = first
        .logs
        .iter()
        .position(|l| l.starts_with("START"))
        .expect("START");
    let init = first
        .logs
        .iter()
        .position(|l| l == "init: module loaded")
        .expect("init line");
    let invoke = first
        .logs
        .iter()
        .position(|l| l == "invoke 1")
        .expect("invoke line");
    let end = first
        .logs
        .iter()
        .position(|l| l.starts_with("END"))
        .expect("END");
    assert!(
        init < start && start < invoke && invoke < end,
        "{:#?}",
        first.logs
    );
    assert!(first.logs.last().is_some_and(|l| l.starts_with("REPORT")));
    assert!(
        first.max_memory_used_mb >= 5,
        "{}",
        first.max_memory_used_mb
    );

    let second = once(&mut pool, "{}");
    assert!(!second.cold, "{:#?}", second.logs);
    assert_eq!(second.environment_id, first.environment_id);
    assert_eq!(second.response_value().expect("JSON")["count"], 2);
    assert!(second.init_duration_ms.is_none());
}

#[test]
fn a_python_exception_is_a_function_error_and_the_environment_stays_warm() {
    let mut pool = python_pool(3);
    let failed = once(&mut pool, r#"{"fail": true}"#);
    assert_eq!(failed.status, Status::Error);
    assert_eq!(error_type(&failed), "ValueError");
    assert_eq!(
        failed.error.as_ref().map(|e| e.error_message.as_str()),
        Some("bad input")
    );
    // The error document is Python's, as Lambda returns it: not the Node runtime's shape.
    let document = serde_json::to_value(failed.error.as_ref().expect("error")).expect("JSON");
    assert_eq!(
        document["requestId"],
        failed.request_id.as_str(),
        "{document}"
    );
    assert!(document["stackTrace"].is_array(), "{document}");
    assert!(document.get("trace").is_none(), "{document}");
    let next = once(&mut pool, "{}");
    assert!(!next.cold, "a handled error keeps the environment");
    assert_eq!(next.response_value().expect("JSON")["count"], 2);
}

#[test]
fn a_timeout_kills_the_process_and_the_next_invoke_is_cold_after_a_reset() {
    let mut pool = python_pool(1);
    let timed_out = once(&mut pool, r#"{"sleep": 5}"#);
    assert_eq!(timed_out.status, Status::Timeout);
    assert_eq!(error_type(&timed_out), "Sandbox.Timedout");
    assert!(
        timed_out.error.as_ref().is_some_and(|e| e
            .error_message
            .ends_with("Task timed out after 1.00 seconds")),
        "{:?}",
        timed_out.error
    );
    assert!(
        (1000.0..1500.0).contains(&timed_out.duration_ms),
        "{}",
        timed_out.duration_ms
    );
    let next = once(&mut pool, "{}");
    assert_eq!(next.cold_reason, Some(ColdReason::Reset));
    assert_eq!(
        next.response_value().expect("JSON")["count"],
        1,
        "globals are lost in a reset"
    );
}

#[test]
fn going_over_the_memory_size_ends_the_process_with_out_of_memory() {
    let mut pool = python_pool(3);
    let record = once(&mut pool, r#"{"alloc_mb": 300}"#);
    assert_eq!(record.status, Status::OutOfMemory, "{:#?}", record.logs);
    assert_eq!(error_type(&record), "Runtime.OutOfMemory");
    assert_eq!(record.max_memory_used_mb, 128);
    assert!(
        record
            .logs
            .last()
            .is_some_and(|l| l.ends_with("Status: error\tError Type: Runtime.OutOfMemory"))
    );
}

#[test]
fn a_process_that_exits_mid_invoke_is_a_runtime_exit_error() {
    let mut pool = python_pool(3);
    let record = once(&mut pool, r#"{"exit": 3}"#);
    assert_eq!(record.status, Status::Error);
    assert_eq!(error_type(&record), "Runtime.ExitError");
    let message = format!(
        "RequestId: {} Error: Runtime exited with error: exit status 3",
        record.request_id
    );
    assert_eq!(
        record.error.as_ref().map(|e| e.error_message.clone()),
        Some(message.clone())
    );
    assert!(record.logs.contains(&message), "{:#?}", record.logs);
    assert!(
        record
            .logs
            .last()
            .is_some_and(|l| l.ends_with("Status: error\tError Type: Runtime.ExitError"))
    );
    let next = once(&mut pool, "{}");
    assert_eq!(next.cold_reason, Some(ColdReason::Reset));
}

#[test]
fn the_process_sees_lambdas_variables_and_nothing_of_the_host() {
    let mut pool = python_pool(3);
    let record = once(&mut pool, r#"{"env": true}"#);
    let keys: Vec<String> = record.response_value().expect("JSON")["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect();
    for expected in [
        "AWS_LAMBDA_RUNTIME_API",
        "_HANDLER",
        "LAMBDA_TASK_ROOT",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_LOG_GROUP_NAME",
        "AWS_REGION",
        "AWS_ACCESS_KEY_ID",
        "TZ",
        "PATH",
    ] {
        assert!(
            keys.iter().any(|k| k == expected),
            "{expected} missing from {keys:?}"
        );
    }
    // The test runner's own variables (cargo sets these) must not reach the function.
    for host in ["CARGO", "CARGO_MANIFEST_DIR", "HOME", "RUSTUP_HOME", "USER"] {
        assert!(
            !keys.iter().any(|k| k == host),
            "{host} leaked into the function"
        );
    }
}

fn process_alive(pid: u64) -> bool {
    // A zombie has been killed; only a running (or sleeping) process counts.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| !stat.contains(") Z "))
        .unwrap_or(false)
}

#[test]
fn no_process_outlives_its_pool() {
    let mut pool = python_pool(3);
    let record = once(&mut pool, r#"{"child": true}"#);
    let child_pid = record.response_value().expect("JSON")["child_pid"]
        .as_u64()
        .expect("the child's pid");
    assert!(process_alive(child_pid));
    drop(pool);
    // The kill is synchronous; give the kernel a moment to reap the grandchild.
    for _ in 0..100 {
        if !process_alive(child_pid) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("process {child_pid} outlived its environment");
}

fn custom_pool(folder: &str) -> Pool {
    Pool::new(FunctionConfig {
        function_name: "custom-test".into(),
        runtime: "provided.al2023".into(),
        executor: Executor::Process,
        handler: "function.handler".into(),
        code_path: fixture(folder),
        ..FunctionConfig::default()
    })
}

#[test]
fn a_custom_runtime_bootstrap_runs_as_lambda_runs_it() {
    let mut pool = custom_pool("custom");
    let records = [
        once(&mut pool, r#"{"a":1}"#),
        once(&mut pool, r#"{"fail":true}"#),
    ];
    let [ok, failed] = &records;
    assert_eq!(ok.status, Status::Success, "{:#?}", ok.logs);
    assert!(ok.cold);
    assert_eq!(
        ok.response.as_ref().map(|r| r.text().to_owned()).as_deref(),
        Some(r#"{"echo":{"a":1},"handler":"function.handler"}"#)
    );
    assert!(
        ok.logs.contains(&"custom runtime starting".to_owned()),
        "{:#?}",
        ok.logs
    );
    assert!(
        ok.logs.contains(&format!("got {}", ok.request_id)),
        "{:#?}",
        ok.logs
    );
    assert_eq!(failed.status, Status::Error);
    assert!(!failed.cold);
    assert_eq!(error_type(failed), "Custom.Failure");
}

#[test]
fn a_custom_runtime_without_bootstrap_fails_as_lambda_says() {
    let mut pool = custom_pool("nobootstrap");
    let record = once(&mut pool, "{}");
    assert_eq!(record.status, Status::Error);
    assert_eq!(error_type(&record), "Runtime.InvalidEntrypoint");
    assert_eq!(
        record.error.as_ref().map(|e| e.error_message.as_str()),
        Some("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")
    );
}

#[test]
fn a_python_reset_keeps_tmp_as_lambda_does() {
    let mut pool = python_pool(1);
    let timed_out = once(&mut pool, r#"{"write_tmp": "partial", "sleep": 5}"#);
    assert_eq!(timed_out.status, Status::Timeout);
    let next = once(&mut pool, r#"{"read_tmp": true}"#);
    assert_eq!(next.cold_reason, Some(ColdReason::Reset));
    let response = next.response_value().expect("JSON");
    assert_eq!(response["count"], 1, "globals start over after the reset");
    assert_eq!(response["marker"], "partial", "/tmp survives the reset");
}

fn node_pool(timeout_secs: u32) -> Pool {
    Pool::new(FunctionConfig {
        function_name: "node-test".into(),
        runtime: "nodejs24.x".into(),
        executor: Executor::Process,
        handler: "index.handler".into(),
        code_path: fixture("node/index.mjs"),
        timeout_secs,
        ..FunctionConfig::default()
    })
}

#[test]
fn a_real_node_handler_runs_cold_then_warm_with_the_node_runtimes_log_lines() {
    let mut pool = node_pool(3);
    let first = once(&mut pool, "{}");
    assert_eq!(first.status, Status::Success, "{:#?}", first.logs);
    assert!(first.cold);
    let response = first.response_value().expect("JSON");
    assert_eq!(response["count"], 1);
    assert_eq!(response["requestId"], first.request_id.as_str());
    // The real process, not the embedded engine: QuickJS has no `process.version` like this.
    assert!(
        response["node"]
            .as_str()
            .is_some_and(|v| v.starts_with('v')),
        "{response}"
    );
    // Node's console lines: time, request id, level, message. During INIT there is no
    // request id: the nodejs24.x client (aws-lambda-ric 4.x) prints "-" there.
    assert!(
        first
            .logs
            .iter()
            .any(|l| l.ends_with("\t-\tINFO\tinit: module loaded")),
        "{:#?}",
        first.logs
    );
    assert!(
        first
            .logs
            .iter()
            .any(|l| l.ends_with(&format!("\t{}\tINFO\tinvoke 1", first.request_id))),
        "{:#?}",
        first.logs
    );
    let second = once(&mut pool, "{}");
    assert!(!second.cold);
    assert_eq!(second.response_value().expect("JSON")["count"], 2);

    let failed = once(&mut pool, r#"{"fail": true}"#);
    assert_eq!(failed.status, Status::Error);
    assert_eq!(error_type(&failed), "TypeError");
    assert!(
        failed
            .logs
            .iter()
            .any(|l| l.contains("\tERROR\tInvoke Error \t")),
        "{:#?}",
        failed.logs
    );
}

#[test]
fn a_real_node_timeout_and_exit_end_the_process() {
    let mut pool = node_pool(1);
    let timed_out = once(&mut pool, r#"{"wait": 5000}"#);
    assert_eq!(timed_out.status, Status::Timeout);
    let exited = once(&mut pool, r#"{"exit": 2}"#);
    assert_eq!(exited.cold_reason, Some(ColdReason::Reset));
    assert_eq!(error_type(&exited), "Runtime.ExitError");
    assert!(
        exited
            .error
            .as_ref()
            .is_some_and(|e| e.error_message.ends_with("exit status 2")),
        "{:?}",
        exited.error
    );
}

#[test]
fn a_python_layer_given_by_a_relative_path_is_importable() {
    // cargo runs tests in the package folder; the process runs in the task root.
    let mut pool = Pool::new(FunctionConfig {
        function_name: "layer-test".into(),
        runtime: "python3.13".into(),
        executor: Executor::Process,
        handler: "app.lambda_handler".into(),
        code_path: fixture("uses_layer/app.py"),
        layers: vec![PathBuf::from("tests/fixtures/processes/layer")],
        ..FunctionConfig::default()
    });
    let record = once(&mut pool, "{}");
    assert_eq!(record.status, Status::Success, "{:#?}", record.logs);
    assert_eq!(
        record.response_value().expect("JSON")["shouted"],
        "FROM THE LAYER"
    );
}

#[test]
fn a_runtime_that_quits_after_answering_leaves_no_warm_environment() {
    let mut pool = custom_pool("once");
    let first = once(&mut pool, "{}");
    assert_eq!(first.status, Status::Success, "{:#?}", first.logs);
    // What it printed after answering, before it would have polled again, is this invoke's.
    assert!(
        first.logs.contains(&"quitting after one answer".to_owned()),
        "{:#?}",
        first.logs
    );
    let second = once(&mut pool, "{}");
    assert_eq!(second.status, Status::Success, "{:#?}", second.logs);
    assert!(second.cold, "the quit environment is not reused");
}

#[test]
fn a_runtime_that_exits_during_init_is_reported_in_the_invoke_with_its_request_id() {
    let mut pool = Pool::new(FunctionConfig {
        function_name: "exit-at-init".into(),
        runtime: "python3.13".into(),
        executor: Executor::Process,
        handler: "app.lambda_handler".into(),
        code_path: fixture("exit_at_init/app.py"),
        ..FunctionConfig::default()
    });
    let record = once(&mut pool, "{}");
    assert_eq!(record.status, Status::Error);
    assert_eq!(error_type(&record), "Runtime.ExitError");
    let message = format!(
        "RequestId: {} Error: Runtime exited with error: exit status 2",
        record.request_id
    );
    assert_eq!(
        record.error.as_ref().map(|e| e.error_message.clone()),
        Some(message.clone())
    );
    let start = record
        .logs
        .iter()
        .position(|l| l.starts_with("START"))
        .expect("START");
    assert_eq!(
        record.logs.get(start + 1),
        Some(&message),
        "{:#?}",
        record.logs
    );
    assert_eq!(
        record.logs.get(start + 2).map(String::as_str),
        Some("Runtime.ExitError")
    );
}

#[test]
fn a_real_node_runtime_streams_a_response_in_chunks_the_record_keeps() {
    let mut pool = Pool::new(FunctionConfig {
        function_name: "stream-report".into(),
        runtime: "nodejs24.x".into(),
        executor: Executor::Process,
        handler: "stream-report.handler".into(),
        code_path: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("assets/handlers/stream-report.mjs"),
        ..FunctionConfig::default()
    });
    let record = once(&mut pool, r#"{"steps": 3, "delayMs": 100}"#);
    assert_eq!(record.status, Status::Success, "{:#?}", record.logs);
    let stream = record.stream.expect("a streamed response");
    let (prelude, body) = stream.http_parts().expect("an HTTP integration response");
    assert_eq!(prelude["statusCode"], 200);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "step 1 of 3 done\nstep 2 of 3 done\nstep 3 of 3 done\nall done\n"
    );
    assert!(stream.chunks.len() >= 3, "{:?}", stream.chunks);
}
