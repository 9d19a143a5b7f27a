//! The embedded runtime against Lambda's behaviour: warm reuse, cold starts and why,
//! throttling, timeouts, memory, and the error shapes the Node runtime gives.

use std::path::{Path, PathBuf};

use lambda_lab::model::lambda::ColdReason;
use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::pool::Pool;

use crate::common::{error_type, once};
use lambda_lab::runtime::record::Status;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/handlers")
        .join(name)
}

fn pool(file: &str, handler: &str) -> Pool {
    Pool::new(FunctionConfig {
        function_name: "test-fn".into(),
        handler: handler.into(),
        code_path: fixture(file),
        timeout_secs: 1,
        ..FunctionConfig::default()
    })
}

/// The engine as nodejs22.x, whose runtime client still runs callback handlers.
fn pool22(file: &str, handler: &str) -> Pool {
    Pool::new(FunctionConfig {
        runtime: "nodejs22.x".into(),
        ..pool(file, handler).config().clone()
    })
}

#[test]
fn the_counter_counts_warm_invokes_and_starts_over_after_a_timeout() {
    let mut pool = pool("counter.mjs", "counter.handler");
    let counts: Vec<_> = (0..3)
        .map(|_| once(&mut pool, "{}"))
        .map(|r| {
            (
                r.response_value().unwrap()["count"].as_i64().unwrap(),
                r.cold,
            )
        })
        .collect();
    assert_eq!(counts, [(1, true), (2, false), (3, false)]);

    // An endless loop with a 1 s timeout ends as a timeout, and the environment is reset.
    let timed_out = once(&mut pool, r#"{"hang": true}"#);
    assert_eq!(timed_out.status, Status::Timeout);
    assert!(
        timed_out
            .logs
            .iter()
            .any(|l| l.contains("Task timed out after 1.0"))
    );
    assert!(
        timed_out
            .logs
            .last()
            .unwrap()
            .ends_with("\tStatus: timeout")
    );

    let after = once(&mut pool, "{}");
    assert_eq!(after.response_value().unwrap()["count"], 1);
    assert_eq!(after.cold_reason, Some(ColdReason::Reset));
    assert!(after.logs.last().unwrap().contains("\tInit Duration: "));
}

#[test]
fn concurrent_invokes_start_one_environment_each_and_the_reserved_limit_throttles() {
    let mut pool = pool("slow.mjs", "slow.handler");
    let batch = vec![r#"{"delayMs": 100}"#.to_owned(); 4];
    let records = pool.invoke_batch(&batch);
    let environments: std::collections::BTreeSet<_> =
        records.iter().map(|r| r.environment_id).collect();
    assert_eq!(environments.len(), 4);
    assert!(records.iter().all(|r| r.cold));
    assert_eq!(records[0].cold_reason, Some(ColdReason::FirstInvoke));
    assert_eq!(records[3].cold_reason, Some(ColdReason::AllBusy));
    // The same four again reuse the four warm environments.
    assert!(pool.invoke_batch(&batch).iter().all(|r| !r.cold));

    let mut limited = Pool::new(FunctionConfig {
        reserved_concurrency: Some(2),
        ..pool.config().clone()
    });
    let records = limited.invoke_batch(&vec![r#"{"delayMs": 50}"#.to_owned(); 3]);
    let throttled: Vec<_> = records
        .iter()
        .filter(|r| r.status == Status::Throttled)
        .collect();
    assert_eq!(throttled.len(), 1);
    let error = throttled[0].error.as_ref().unwrap();
    assert_eq!(error.error_type, "TooManyRequestsException");
    assert_eq!(error.error_message, "Rate Exceeded.");
    assert_eq!(
        throttled[0].throttle_reason.as_deref(),
        Some("ReservedFunctionConcurrentInvocationLimitExceeded")
    );
}

#[test]
fn errors_have_the_node_runtime_shapes() {
    let run = |handler: &str| once(&mut pool22("errors.mjs", handler), "{}");

    let thrown = run("errors.typeError");
    assert_eq!(thrown.status, Status::Error);
    let error = thrown.error.as_ref().unwrap();
    assert_eq!(
        (error.error_type.as_str(), error.error_message.as_str()),
        ("TypeError", "wrong type")
    );
    assert_eq!(error.trace[0], "TypeError: wrong type");
    assert!(
        thrown
            .logs
            .iter()
            .any(|l| l.contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\""))
    );

    let plain = run("errors.plainString");
    assert_eq!(error_type(&plain), "string");
    assert_eq!(plain.error.unwrap().error_message, "plain string");

    let deep = run("errors.deep");
    assert_eq!(error_type(&deep), "RangeError");
    assert_eq!(
        deep.error.unwrap().error_message,
        "Maximum call stack size exceeded"
    );

    // Its own pool with room: the out of memory must come before a (now hard) 1 s deadline
    // even in a debug build on a busy machine.
    let hungry = once(
        &mut Pool::new(FunctionConfig {
            timeout_secs: 30,
            ..pool22("errors.mjs", "errors.hungry").config().clone()
        }),
        "{}",
    );
    assert_eq!(hungry.status, Status::OutOfMemory);
    assert_eq!(error_type(&hungry), "Runtime.OutOfMemory");
    assert_eq!(hungry.max_memory_used_mb, 128);
    assert!(
        hungry
            .logs
            .last()
            .unwrap()
            .ends_with("\tStatus: error\tError Type: Runtime.OutOfMemory")
    );

    // What aws-lambda-ric 3.x posts for a response JSON.stringify cannot write (recorded in
    // tests/fixtures/runtime_api/nodejs/expected/22-not-serializable.json).
    let circular = run("errors.circular");
    assert_eq!(error_type(&circular), "Error");
    assert_eq!(
        circular.error.unwrap().error_message,
        "Unable to stringify response body"
    );
    assert_eq!(
        error_type(&run("errors.missing")),
        "Runtime.HandlerNotFound"
    );
    assert_eq!(
        run("errors.missing").error.unwrap().error_message,
        "errors.missing is undefined or not exported"
    );
    assert_eq!(error_type(&run("errors")), "Runtime.MalformedHandlerName");
    assert_eq!(
        error_type(&run("nothere.handler")),
        "Runtime.ImportModuleError"
    );
    assert!(
        run("nothere.handler")
            .error
            .unwrap()
            .error_message
            .starts_with("Error: Cannot find module 'nothere'")
    );
    assert_eq!(
        run("errors.nested.deeper.handler").response_value(),
        Some(serde_json::json!("nested ok"))
    );

    let syntax = once(&mut pool("syntax.mjs", "syntax.handler"), "{}");
    assert_eq!(error_type(&syntax), "Runtime.UserCodeSyntaxError");
}

#[test]
fn context_environment_and_console_lines_match_lambda() {
    let mut config = FunctionConfig {
        function_name: "ctx-fn".into(),
        handler: "errors.context".into(),
        code_path: fixture("errors.mjs"),
        memory_size_mb: 256,
        ..FunctionConfig::default()
    };
    config.environment.insert("GREETING".into(), "hi".into());
    let record = once(&mut Pool::new(config.clone()), "{}");
    assert_eq!(
        record.response_value().unwrap(),
        serde_json::json!({
            "functionName": "ctx-fn",
            "memoryLimitInMB": "256",
            "remainingPositive": true,
            "requestIdLength": 36,
            "arn": "arn:aws:lambda:us-east-1:123456789012:function:ctx-fn",
            "region": "us-east-1",
            "custom": "hi",
        })
    );

    config.handler = "errors.logs".into();
    let record = once(&mut Pool::new(config), "{}");
    let id = &record.request_id;
    assert_eq!(
        record.logs[0],
        format!("START RequestId: {id} Version: $LATEST")
    );
    let app: Vec<&str> = record.logs[1..4]
        .iter()
        .map(|line| line.splitn(4, '\t').collect::<Vec<_>>())
        .map(|fields| {
            assert_eq!(fields[1], id);
            fields[2]
        })
        .collect();
    assert_eq!(app, ["INFO", "ERROR", "WARN"]);
    assert!(
        record.logs[1].ends_with("\tobject { a: 1, b: 'x' } [ 1, 2 ]"),
        "{}",
        record.logs[1]
    );
    assert!(record.logs[3].ends_with("\tcareful now"));
    assert_eq!(record.logs[4], format!("END RequestId: {id}"));
    assert!(record.logs[5].starts_with(&format!("REPORT RequestId: {id}\tDuration: ")));
    assert_eq!(record.response_value(), Some(serde_json::Value::Null));
}

#[test]
fn commonjs_callback_handlers_and_require_work() {
    let mut pool = pool22("cjs", "index.handler");
    let record = once(&mut pool, r#"{"name": "Ada"}"#);
    assert_eq!(
        record.response_value(),
        Some(serde_json::json!("hello Ada")),
        "{:?}",
        record.error
    );
}

#[test]
fn the_command_line_prints_json_lines_and_exit_codes() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["invoke", "--code"])
        .arg(fixture("counter.mjs"))
        .args(["--event", "-", "--repeat", "2", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"{}")?;
            child.wait_with_output()
        })
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for key in [
        "request_id",
        "cold",
        "cold_reason",
        "init_duration_ms",
        "duration_ms",
        "billed_duration_ms",
        "memory_size_mb",
        "max_memory_used_mb",
        "status",
        "response",
        "error",
        "logs",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(lines[0]["cold"], true);
    assert_eq!(lines[1]["cold"], false);
    assert_eq!(lines[1]["response"]["count"], 2);

    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["invoke", "--code"])
        .arg(fixture("counter.mjs"))
        .args(["--event", "/nonexistent.json"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let memory = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["invoke", "--memory-mb", "20000", "--event"])
        .arg(fixture("empty-event.json"))
        .arg("--code")
        .arg(fixture("counter.mjs"))
        .output()
        .expect("runs");
    assert_eq!(memory.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&memory.stderr).contains(
        "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"
    ));
}

/// Lambda returns the bytes JSON.stringify made: keys in the handler's order, not sorted.
#[test]
fn the_response_is_printed_as_the_handler_stringified_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["invoke", "--code"])
        .arg(root.join("assets/handlers/api.mjs"))
        .arg("--event")
        .arg(root.join("sample-events/apigateway-http/get.json"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(
            r#"{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\"orderId\":1042,\"status\":\"PAID\""#
        ),
        "{stdout}"
    );
}

#[test]
fn event_invokes_answer_202_retry_failures_twice_and_keep_the_failed_event() {
    let mut failing = pool("errors.mjs", "errors.typeError");
    let invocation = failing.invoke_event(r#"{"order": 7}"#);
    assert_eq!(invocation.status_code, 202);
    assert_eq!(
        invocation.attempts.len(),
        3,
        "the first run and two retries"
    );
    assert!(
        invocation
            .attempts
            .iter()
            .all(|a| a.request_id == invocation.request_id && a.status == Status::Error),
        "retries keep the request id"
    );
    let failure = invocation
        .failure
        .expect("kept for the on-failure destination");
    assert_eq!(failure.event_json, r#"{"order": 7}"#);
    assert_eq!(failure.error.unwrap().error_type, "TypeError");
    assert_eq!(failing.on_failure.len(), 1);

    let mut fine = pool("errors.mjs", "errors.nested.deeper.handler");
    let invocation = fine.invoke_event("{}");
    assert_eq!(invocation.status_code, 202);
    assert_eq!(invocation.attempts.len(), 1);
    assert!(invocation.failure.is_none());

    // Asynchronous payloads are limited to 1 MB (256 KB before October 2025).
    let big = format!(r#"{{"data":"{}"}}"#, "x".repeat(1_048_576));
    let rejected = fine.invoke_event(&big);
    assert_eq!(rejected.status_code, 413);
    assert_eq!(
        error_type(&rejected.attempts[0]),
        "RequestEntityTooLargeException"
    );
}

#[test]
fn an_environment_idle_past_the_idle_lifetime_is_reclaimed_and_the_next_invoke_is_cold() {
    let mut pool = pool("counter.mjs", "counter.handler");
    assert!(once(&mut pool, "{}").cold);
    assert!(!once(&mut pool, "{}").cold);
    // The idle lifetime is an adjustable assumption; zero reclaims at once.
    pool.idle_lifetime = std::time::Duration::ZERO;
    let after_idle = once(&mut pool, "{}");
    assert!(after_idle.cold);
    assert_eq!(after_idle.cold_reason, Some(ColdReason::IdleExpiry));
    assert_eq!(
        after_idle.response_value().unwrap()["count"],
        1,
        "globals start over"
    );
}

#[test]
fn a_callback_answer_waits_for_the_event_loop_unless_told_not_to() {
    let mut waits = pool22("callbacks.mjs", "callbacks.waits");
    let record = once(&mut waits, "{}");
    assert_eq!(record.response_value(), Some(serde_json::json!("done")));
    let timer = record
        .logs
        .iter()
        .position(|l| l.contains("timer ran before the answer"));
    let end = record.logs.iter().position(|l| l.starts_with("END "));
    assert!(timer.is_some() && timer < end, "{:#?}", record.logs);

    let mut no_wait = pool22("callbacks.mjs", "callbacks.noWait");
    let first = once(&mut no_wait, "{}");
    assert_eq!(first.response_value(), Some(serde_json::json!("done")));
    assert!(!first.logs.iter().any(|l| l.contains("leftover timer")));
    // Frozen with the timer pending; it runs during the next invoke of that environment.
    let second = once(&mut no_wait, "{}");
    assert!(!second.cold);
    assert!(
        second.logs.iter().any(|l| l.contains("leftover timer")),
        "{:#?}",
        second.logs
    );

    // An interval never lets the loop empty: the answer is never sent and the invoke times out.
    let mut forever = pool22("callbacks.mjs", "callbacks.forever");
    assert_eq!(once(&mut forever, "{}").status, Status::Timeout);
}

#[test]
fn provisioned_concurrency_initialises_environments_before_the_first_request() {
    let mut pool = Pool::new(FunctionConfig {
        function_name: "test-fn".into(),
        handler: "callbacks.initType".into(),
        code_path: fixture("callbacks.mjs"),
        timeout_secs: 1,
        provisioned_concurrency: 2,
        ..FunctionConfig::default()
    });
    assert_eq!(pool.provisioned_ready(), 2);
    let records = pool.invoke_batch(&vec!["{}".to_owned(); 3]);
    let served: Vec<(bool, Option<serde_json::Value>)> = records
        .iter()
        .map(|r| (r.cold, r.response_value()))
        .collect();
    assert_eq!(
        served,
        [
            (false, Some(serde_json::json!("provisioned-concurrency"))),
            (false, Some(serde_json::json!("provisioned-concurrency"))),
            (true, Some(serde_json::json!("on-demand"))),
        ],
        "two warm on provisioned environments, the third spills over to on-demand"
    );
    assert_eq!(records[2].cold_reason, Some(ColdReason::AllBusy));
    assert!(
        records[0].init_duration_ms.is_none(),
        "init happened before the request"
    );
    // Provisioned environments are not reclaimed for idleness.
    pool.idle_lifetime = std::time::Duration::ZERO;
    assert!(!once(&mut pool, "{}").cold);
}

#[test]
fn max_memory_used_is_the_peak_during_the_invoke_not_the_heap_at_its_end() {
    let mut pool = pool("peak.mjs", "peak.handler");
    let small = once(&mut pool, r#"{"megabytes": 0}"#);
    let big = once(&mut pool, r#"{"megabytes": 16}"#);
    assert_eq!(big.status, Status::Success);
    assert!(
        big.max_memory_used_mb >= small.max_memory_used_mb + 16,
        "{} MB then {} MB",
        small.max_memory_used_mb,
        big.max_memory_used_mb
    );
    // The next invoke measures its own peak again.
    let after = once(&mut pool, r#"{"megabytes": 0}"#);
    assert!(
        after.max_memory_used_mb < big.max_memory_used_mb,
        "{after:?}"
    );
}

#[test]
fn a_reset_after_a_timeout_loses_module_state_but_keeps_tmp() {
    let mut pool = pool("tmp-marker.mjs", "tmp-marker.handler");
    let timed_out = once(&mut pool, r#"{"write": "left behind"}"#);
    assert_eq!(timed_out.status, Status::Timeout);
    let next = once(&mut pool, "{}");
    assert_eq!(next.cold_reason, Some(ColdReason::Reset));
    let response = next.response_value().expect("JSON");
    assert_eq!(response["invokes"], 1, "globals start over after the reset");
    assert_eq!(response["marker"], "left behind", "/tmp survives the reset");
}

#[test]
fn a_new_code_revision_is_a_deployment_the_next_invoke_runs_the_new_code_cold() {
    use lambda_lab::runtime::job::Pools;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("edited.mjs");
    std::fs::write(&file, "export const handler = async () => 'old';").unwrap();
    let config = FunctionConfig {
        function_name: "edited".into(),
        handler: "edited.handler".into(),
        code_path: file.clone(),
        code_revision: 1,
        ..FunctionConfig::default()
    };
    let mut pools = Pools::default();
    let first = pools
        .for_config(&config)
        .invoke_batch(&["{}".to_owned()])
        .remove(0);
    assert_eq!(
        first.response.map(|r| r.text().to_owned()).as_deref(),
        Some("\"old\"")
    );
    std::fs::write(&file, "export const handler = async () => 'new';").unwrap();
    // The same revision reuses the warm environment, which still holds the old code …
    let warm = pools
        .for_config(&config)
        .invoke_batch(&["{}".to_owned()])
        .remove(0);
    assert!(!warm.cold);
    assert_eq!(
        warm.response.map(|r| r.text().to_owned()).as_deref(),
        Some("\"old\"")
    );
    // … a new revision is a deployment: a new environment, cold, with the new code.
    let deployed = FunctionConfig {
        code_revision: 2,
        ..config
    };
    let after = pools
        .for_config(&deployed)
        .invoke_batch(&["{}".to_owned()])
        .remove(0);
    assert_eq!(after.cold_reason, Some(ColdReason::ConfigChange));
    assert_eq!(
        after.response.map(|r| r.text().to_owned()).as_deref(),
        Some("\"new\"")
    );
}

#[test]
fn a_handler_stuck_in_native_calls_still_times_out_at_its_deadline() {
    // Billed time is the timeout, not however long the engine took to notice: the pool
    // answers at the deadline and abandons the environment, and the next invoke is cold.
    for handler in ["native-loop.fill", "native-loop.allocate"] {
        let mut pool = Pool::new(FunctionConfig {
            function_name: "native".into(),
            handler: handler.into(),
            code_path: fixture("native-loop.mjs"),
            timeout_secs: 1,
            memory_size_mb: 512,
            ..FunctionConfig::default()
        });
        let record = once(&mut pool, "{}");
        assert_eq!(
            record.status,
            Status::Timeout,
            "{handler}: {:#?}",
            record.logs
        );
        // Within a few ms of the deadline (a loaded machine may add some; the engine alone
        // took minutes here before the pool watched the deadline).
        assert!(
            record.billed_duration_ms <= 1_250,
            "{handler}: {}",
            record.billed_duration_ms
        );
        let next = once(&mut pool, "{}");
        assert!(next.cold, "{handler}: the stuck environment is not reused");
    }
}
