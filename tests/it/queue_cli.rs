//! `lambda-lab queue` end to end: messages through an SQS queue and its event source mapping
//! to a real handler, with AWS's delivery rules: partial batch responses retry only the named
//! message, a poison message ends in the dead-letter queue after maxReceiveCount receives,
//! a whole batch is retried when the function fails, FIFO groups keep their order.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const MESSAGES: &str = r#"{"body": "{\"orderId\": 1043, \"item\": \"coffee beans\", \"quantity\": 2}", "messageAttributes": {"source": "checkout-api"}}
{"orderId": 1044, "item": "green tea", "quantity":
{"body": "{\"orderId\": 1045, \"item\": \"oat milk\", \"quantity\": 6}"}
"#;

fn sqs_batch() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/sqs-batch.mjs")
}

/// Runs `lambda-lab queue ARGS` with `messages` on stdin (`--messages -`), the clock 1,000×.
fn queue(code: &Path, messages: &str, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["queue", "--messages", "-", "--json", "--code"])
        .arg(code)
        .args(args)
        .args(if args.contains(&"--speed") {
            &[][..]
        } else {
            &["--speed", "1000"][..]
        })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run queue");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(messages.as_bytes())
        .expect("write messages");
    child.wait_with_output().expect("queue ends")
}

fn records(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record per line"))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_poison_message_is_retried_alone_and_ends_in_the_dead_letter_queue_after_3_receives() {
    let output = queue(
        &sqs_batch(),
        MESSAGES,
        &["--report-batch-item-failures", "--max-receive-count", "3"],
    );
    let stderr = text(&output.stderr);
    // A message in the dead-letter queue: not every message was processed.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let records = records(&output);
    assert_eq!(
        records.len(),
        3,
        "one batch of 3, then the poison message twice"
    );
    assert!(records.iter().all(|r| r["status"] == "success"));
    // The handler's own lines: the good orders once, the poison message on each receive.
    assert_eq!(
        stderr.matches("order 1043: would reserve").count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("order 1045: would reserve").count(),
        1,
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("3 of 3 messages done").count(),
        0,
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("0 of 1 messages done").count(),
        2,
        "{stderr}"
    );
    // Visible again 30 s (the visibility timeout) after the receive, on the queue's clock.
    // The clock runs 100 times real time, so the receive itself may come a second or two
    // after 0 on a loaded machine (CI saw 31 s once): the timeout is what is asserted.
    let visible_again_secs: u64 =
        regex::Regex::new(r"failed on receive 1: visible again at (\d+) s")
            .unwrap()
            .captures(&stderr)
            .and_then(|found| found[1].parse().ok())
            .unwrap_or_else(|| panic!("no 'visible again' line: {stderr}"));
    assert!(
        (30..=35).contains(&visible_again_secs),
        "30 s after a receive in the first seconds: {visible_again_secs}"
    );
    assert!(
        stderr.contains("failed on receive 3: at ")
            && stderr.contains("it goes to the dead-letter queue"),
        "{stderr}"
    );
    assert!(stderr.contains(
        "Summary: 3 sent, 2 delivered and deleted, 1 retried, 1 in the dead-letter queue, 0 still in the queue; 5 receives in all."
    ), "{stderr}");
    assert_eq!(stderr.matches("deleted after 1 receive").count(), 2);
    assert_eq!(
        stderr
            .matches("in the dead-letter queue after 3 receives")
            .count(),
        1
    );
    // AWS recommends at least 5.
    assert!(stderr.contains("maxReceiveCount of at least 5"), "{stderr}");
}

#[test]
fn without_report_batch_item_failures_a_returned_list_is_ignored_and_the_poison_is_deleted() {
    let output = queue(&sqs_batch(), MESSAGES, &["--max-receive-count", "3"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(records(&output).len(), 1);
    assert!(
        stderr.contains("Lambda deleted every message in the batch"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("deleted after 1 receive").count(),
        3,
        "{stderr}"
    );
}

#[test]
fn a_failing_function_retries_the_whole_batch_until_the_dead_letter_queue() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("fails.mjs");
    std::fs::write(
        &code,
        "export const handler = async (event) => { throw new Error(`cannot handle ${event.Records.length}`); };\n",
    )
    .unwrap();
    let output = queue(
        &code,
        MESSAGES,
        &[
            "--max-receive-count",
            "2",
            "--visibility-timeout-secs",
            "20",
        ],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let records = records(&output);
    assert_eq!(records.len(), 2, "the batch of 3, twice");
    assert!(records.iter().all(|r| r["status"] == "error"));
    assert_eq!(
        stderr
            .matches("in the dead-letter queue after 2 receives")
            .count(),
        3,
        "{stderr}"
    );
    // The function's 3 s timeout needs a visibility timeout of at least 18 s: 20 s is fine.
    assert!(!stderr.contains("six times"), "{stderr}");
}

#[test]
fn a_fifo_queue_keeps_each_groups_order() {
    let messages = [
        r#"{"body": "{\"orderId\": 1, \"item\": \"a\", \"quantity\": 1}", "messageGroupId": "customer-1"}"#,
        r#"{"body": "{\"orderId\": 2, \"item\": \"b\", \"quantity\": 1}", "messageGroupId": "customer-2"}"#,
        r#"{"body": "{\"orderId\": 3, \"item\": \"c\", \"quantity\": 1}", "messageGroupId": "customer-1"}"#,
        r#"{"body": "{\"orderId\": 4, \"item\": \"d\", \"quantity\": 1}", "messageGroupId": "customer-2"}"#,
    ]
    .join("\n");
    let output = queue(&sqs_batch(), &messages, &["--fifo", "--batch-size", "2"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let order: Vec<usize> = ["order 1:", "order 2:", "order 3:", "order 4:"]
        .iter()
        .map(|needle| {
            stderr
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} {stderr}"))
        })
        .collect();
    assert!(order[0] < order[2], "customer-1 in order: {stderr}");
    assert!(order[1] < order[3], "customer-2 in order: {stderr}");
    assert!(stderr.contains("[group customer-1]"), "{stderr}");
}

#[test]
fn bad_settings_and_messages_exit_2_naming_the_problem() {
    for (args, messages, expected) in [
        (vec!["--fifo", "--batch-size", "20"], "x\n", "batch"),
        (
            vec![],
            "{\"body\": \"x\", \"messageAttributes\": 5}\n",
            "line 1",
        ),
        (vec![], "\n\n", "no message"),
        (vec!["--speed", "0.5"], "x\n", "--speed 0.5"),
    ] {
        let output = queue(&sqs_batch(), messages, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let output = queue(
        &sqs_batch(),
        "x\n",
        &["--timeout-secs", "10", "--visibility-timeout-secs", "30"],
    );
    let stderr = text(&output.stderr);
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("60"), "6 × 10 s: {stderr}");
}
