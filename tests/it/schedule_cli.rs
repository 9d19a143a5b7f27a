//! `lambda-lab schedule` end to end: a cron schedule fast-forwarded fires a real handler with
//! the Scheduled Event EventBridge sends, on the expression's fire times; invalid expressions
//! exit 2 with AWS's message and the reason; a failing function is retried as EventBridge's
//! asynchronous invoke is.

use std::path::Path;
use std::process::{Command, Output};

fn schedule(code: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["schedule", "--json", "--code"])
        .arg(code)
        .args(args)
        .output()
        .expect("run schedule")
}

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn a_cron_schedule_fast_forwarded_fires_the_scheduled_event_on_each_fire_time() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("echo.mjs");
    std::fs::write(&code, "export const handler = async (event) => event;\n").unwrap();
    let output = schedule(
        &code,
        &[
            "--expression",
            "cron(0/15 * * * ? *)",
            "--fast",
            "--count",
            "4",
            "--rule-name",
            "every-quarter",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Next fire times:"), "{stderr}");
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["status"], "success");
            record["response"].clone()
        })
        .collect();
    assert_eq!(events.len(), 4);
    let sample: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-events/eventbridge/scheduled.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut minutes = Vec::new();
    for event in &events {
        assert_eq!(keys(event), keys(&sample));
        assert_eq!(event["detail-type"], "Scheduled Event");
        assert_eq!(event["source"], "aws.events");
        assert_eq!(
            event["resources"][0],
            "arn:aws:events:us-east-1:123456789012:rule/every-quarter"
        );
        let time = event["time"].as_str().unwrap();
        assert!(time.ends_with(":00Z"), "{time}");
        let minute: u32 = time[14..16].parse().unwrap();
        assert!([0, 15, 30, 45].contains(&minute), "{time}");
        minutes.push(minute);
    }
    // Consecutive fire times, 15 minutes apart.
    for pair in minutes.windows(2) {
        assert_eq!((pair[0] + 15) % 60, pair[1], "{minutes:?}");
    }
    // Every event has its own id.
    let ids: std::collections::HashSet<&str> =
        events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn invalid_expressions_exit_2_with_aws_message_and_the_reason() {
    let code =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/eventbridge-scheduled.mjs");
    for (expression, reason) in [
        ("cron(0 10 * * * *)", "use ? in one of them"),
        ("rate(1 minutes)", "rate(1 minute)"),
        ("cron(0 10 * * ?)", ""),
        ("every day", ""),
        ("cron(0 10 ? * 8 *)", "8"),
    ] {
        let output = schedule(&code, &["--expression", expression, "--count", "1"]);
        assert_eq!(output.status.code(), Some(2), "{expression}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("Parameter ScheduleExpression is not valid."),
            "{expression}: {stderr}"
        );
        assert!(stderr.contains(reason), "{expression}: {stderr}");
    }
}

#[test]
fn a_failing_scheduled_function_is_retried_twice_then_counted_as_failed() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("fails.mjs");
    std::fs::write(
        &code,
        "export const handler = async () => { throw new Error(\"report service down\"); };\n",
    )
    .unwrap();
    let output = schedule(
        &code,
        &["--expression", "rate(5 minutes)", "--fast", "--count", "1"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let attempts: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(attempts.len(), 3, "the first run and two retries");
    assert!(attempts.iter().all(|a| a["status"] == "error"));
    // Retries of an asynchronous event keep its request id.
    assert!(
        attempts
            .iter()
            .all(|a| a["request_id"] == attempts[0]["request_id"])
    );
    assert!(stderr.contains("1 failed every attempt"), "{stderr}");
}
