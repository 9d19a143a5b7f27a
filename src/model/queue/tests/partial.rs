use super::*;

/// A queue with ReportBatchItemFailures on (or off) and one batch of three messages in flight.
fn three_in_flight(report_batch_item_failures: bool) -> (Queue, Batch, Vec<String>) {
    let mut q = queue(QueueConfig {
        report_batch_item_failures,
        ..standard(10, 0)
    });
    let ids = vec![
        send(&mut q, "one", 0),
        send(&mut q, "two", 0),
        send(&mut q, "three", 0),
    ];
    let batch = q.poll(0).expect("three visible");
    (q, batch, ids)
}

#[test]
fn a_partial_failure_retries_only_the_named_message() {
    let (mut q, batch, ids) = three_in_flight(true);
    let completion = q
        .complete(batch.id, failures(&[ids[1].as_str()]), 1_000)
        .expect("open");
    assert_eq!(completion.verdict, Verdict::ItemFailures { failed: 1 });
    assert_eq!(completion.deleted, vec![ids[0].clone(), ids[2].clone()]);
    assert_eq!(completion.retried.len(), 1);
    assert_eq!(completion.retried[0].message_id, ids[1]);
    assert_eq!(completion.retried[0].visible_again_at_ms, 30_000);
    assert!(completion.verdict.describe().contains("1 failed item"));

    assert!(q.poll(29_999).is_none());
    let again = q.poll(30_000).expect("the failed one");
    assert_eq!(bodies(&q, &again), vec!["two"]);
    assert_eq!(receive_counts(&again), vec![2]);
}

#[test]
fn without_report_batch_item_failures_a_response_is_ignored() {
    let (mut q, batch, ids) = three_in_flight(false);
    let completion = q
        .complete(batch.id, failures(&[ids[1].as_str()]), 1_000)
        .expect("open");
    assert_eq!(completion.verdict, Verdict::Succeeded);
    assert_eq!(completion.deleted, ids);
}

#[test]
fn without_report_batch_item_failures_an_error_retries_the_whole_batch() {
    let (mut q, batch, ids) = three_in_flight(false);
    let completion = q
        .complete(batch.id, BatchOutcome::FunctionError, 1_000)
        .expect("open");
    assert_eq!(completion.verdict, Verdict::FunctionError);
    let retried: Vec<&str> = completion
        .retried
        .iter()
        .map(|r| r.message_id.as_str())
        .collect();
    assert_eq!(retried, ids.iter().map(String::as_str).collect::<Vec<_>>());
    let again = q.poll(30_000).expect("all three again");
    assert_eq!(receive_counts(&again), vec![2, 2, 2]);
}

#[test]
fn an_error_fails_the_whole_batch_even_with_report_batch_item_failures() {
    let (mut q, batch, _) = three_in_flight(true);
    let completion = q
        .complete(batch.id, BatchOutcome::FunctionError, 1_000)
        .expect("open");
    assert_eq!(completion.retried.len(), 3);
    assert!(completion.deleted.is_empty());
}

#[test]
fn empty_or_null_responses_mean_every_message_succeeded() {
    for outcome in [
        success(),
        response(""),
        response("null"),
        response("{}"),
        response(r#"{"batchItemFailures": []}"#),
        response(r#"{"batchItemFailures": null}"#),
        response(r#"{"statusCode": 200}"#),
    ] {
        let (mut q, batch, ids) = three_in_flight(true);
        let completion = q.complete(batch.id, outcome.clone(), 1_000).expect("open");
        assert_eq!(completion.verdict, Verdict::NoItemFailures, "{outcome:?}");
        assert_eq!(completion.deleted, ids, "{outcome:?}");
    }
}

#[test]
fn an_unusable_partial_response_fails_the_whole_batch() {
    let (_, _, ids) = three_in_flight(true);
    let unknown = format!(
        r#"{{"batchItemFailures": [{{"itemIdentifier": "{}"}}, {{"itemIdentifier": "not-in-batch"}}]}}"#,
        ids[0]
    );
    for (json, expected) in [
        ("{\"batchItemFailures\": [", "not valid JSON"),
        (
            r#"{"batchItemFailures": [{"itemIdentifier": ""}]}"#,
            "empty string",
        ),
        (
            r#"{"batchItemFailures": [{"itemIdentifier": null}]}"#,
            "is null",
        ),
        (
            r#"{"batchItemFailures": [{"itemId": "x"}]}"#,
            "has no itemIdentifier",
        ),
        (
            unknown.as_str(),
            "not the messageId of a message in this batch",
        ),
        (r#"{"batchItemFailures": "all"}"#, "not a list"),
        (r#""ok""#, "not an object"),
        (
            r#"{"batchItemFailures": [{"itemIdentifier": 7}]}"#,
            "not a string",
        ),
    ] {
        let (mut q, batch, _) = three_in_flight(true);
        let completion = q.complete(batch.id, response(json), 1_000).expect("open");
        match &completion.verdict {
            Verdict::InvalidResponse { problem } => {
                assert!(problem.contains(expected), "{json}: {problem}")
            }
            other => panic!("{json}: {other:?}"),
        }
        assert!(completion.deleted.is_empty(), "{json}");
        assert_eq!(completion.retried.len(), 3, "{json}");
        assert!(
            completion
                .verdict
                .doc_url()
                .ends_with("services-sqs-errorhandling.html")
        );
    }
}

#[test]
fn naming_every_message_keeps_every_message() {
    let (mut q, batch, ids) = three_in_flight(true);
    let all: Vec<&str> = ids.iter().map(String::as_str).collect();
    let completion = q.complete(batch.id, failures(&all), 1_000).expect("open");
    assert_eq!(completion.verdict, Verdict::ItemFailures { failed: 3 });
    assert!(completion.deleted.is_empty());
}
