use super::*;

#[test]
fn a_full_batch_goes_before_the_window_ends() {
    let mut q = queue(standard(3, 10));
    send(&mut q, "a", 0);
    send(&mut q, "b", 0);
    assert!(q.poll(0).is_none(), "two of three, window open");
    send(&mut q, "c", 100);
    let batch = q.poll(100).expect("batch size reached");
    assert_eq!(batch.trigger, BatchTrigger::BatchSizeReached);
    assert_eq!(bodies(&q, &batch), vec!["a", "b", "c"]);
    assert_eq!(receive_counts(&batch), vec![1, 1, 1]);
}

#[test]
fn a_partial_batch_goes_when_the_window_ends() {
    let mut q = queue(standard(5, 10));
    send(&mut q, "a", 0);
    send(&mut q, "b", 4_000);
    assert_eq!(
        q.next_wake_ms(4_000),
        Some(10_000),
        "the window counts from the first message"
    );
    assert!(q.poll(9_999).is_none());
    let batch = q.poll(10_000).expect("window elapsed");
    assert_eq!(batch.trigger, BatchTrigger::WindowElapsed);
    assert_eq!(batch.dispatched_ms, 10_000);
    assert_eq!(bodies(&q, &batch), vec!["a", "b"]);
}

#[test]
fn the_window_starts_when_the_first_message_becomes_visible() {
    let mut q = queue(standard(5, 10));
    assert_eq!(q.next_wake_ms(0), None, "nothing to wait for");
    send(&mut q, "a", 5_000);
    assert!(q.poll(14_999).is_none());
    assert!(q.poll(15_000).is_some());
}

#[test]
fn without_a_window_whatever_is_visible_goes_at_once() {
    let mut q = queue(standard(10, 0));
    send(&mut q, "a", 0);
    assert_eq!(q.next_wake_ms(0), Some(0));
    let batch = q.poll(0).expect("no window");
    assert_eq!(batch.trigger, BatchTrigger::WindowElapsed);
    assert!(q.poll(0).is_none(), "the message is in flight");
}

#[test]
fn a_backlog_larger_than_the_batch_is_split() {
    let mut q = queue(standard(2, 0));
    for body in ["a", "b", "c", "d", "e"] {
        send(&mut q, body, 0);
    }
    let sizes: Vec<usize> = std::iter::from_fn(|| q.poll(0))
        .map(|b| b.records.len())
        .collect();
    assert_eq!(sizes, vec![2, 2, 1]);
    assert_eq!(
        q.counts(0),
        Counts {
            in_flight: 5,
            ..Counts::default()
        }
    );
}

#[test]
fn the_six_megabyte_payload_ends_the_window_early() {
    let mut q = queue(standard(100, 60));
    let body = "x".repeat(1_000_000);
    for _ in 0..7 {
        send(&mut q, &body, 0);
    }
    let batch = q.poll(0).expect("payload limit");
    assert_eq!(batch.trigger, BatchTrigger::PayloadLimit);
    assert_eq!(
        batch.records.len(),
        6,
        "a seventh 1 MB message would pass 6,291,456 bytes"
    );
    let compact: serde_json::Value = serde_json::from_str(&q.event_json(&batch)).expect("JSON");
    assert!(compact.to_string().len() <= limits::MAX_EVENT_BYTES);
    assert!(q.poll(0).is_none(), "the last one waits for its window");
    // The six in flight become visible again at 30 s, before the window's end at 60 s.
    assert_eq!(q.next_wake_ms(0), Some(30_000));
}

#[test]
fn a_failed_message_comes_back_after_its_visibility_timeout_with_receive_count_two() {
    let mut q = queue(standard(10, 0));
    let id = send(&mut q, "order", 0);
    let first = q.poll(1_000).expect("received");
    let completion = q
        .complete(first.id, BatchOutcome::FunctionError, 2_000)
        .expect("open batch");
    assert_eq!(completion.verdict, Verdict::FunctionError);
    assert_eq!(completion.deleted, Vec::<String>::new());
    assert_eq!(
        completion.retried,
        vec![Retry {
            message_id: id.clone(),
            receive_count: 1,
            visible_again_at_ms: 31_000,
            dead_letter_on_next_receive: false,
        }]
    );
    // Not redelivered early: the failure does not end the visibility timeout.
    assert!(q.poll(30_999).is_none());
    assert_eq!(q.counts(30_999).in_flight, 1);
    assert_eq!(q.next_wake_ms(2_000), Some(31_000));

    let second = q.poll(31_000).expect("visible again");
    assert_eq!(second.message_ids(), vec![id.as_str()]);
    assert_eq!(receive_counts(&second), vec![2]);
    assert_ne!(
        second.records[0].receipt_handle,
        first.records[0].receipt_handle
    );
    assert_eq!(
        second.records[0].first_receive_ms, 1_000,
        "set on the first receive only"
    );

    let event: serde_json::Value = serde_json::from_str(&q.event_json(&second)).expect("JSON");
    let attributes = &event["Records"][0]["attributes"];
    assert_eq!(attributes["ApproximateReceiveCount"], "2");
    assert_eq!(attributes["ApproximateFirstReceiveTimestamp"], "1000");
    assert_eq!(attributes["SentTimestamp"], "0");

    let done = q
        .complete(second.id, success(), 32_000)
        .expect("open batch");
    assert_eq!(done.deleted, vec![id]);
    assert_eq!(
        q.summary(32_000).messages[0].describe(),
        "deleted after 2 receives"
    );
}

#[test]
fn a_batch_not_completed_in_time_is_received_again() {
    let mut q = queue(standard(10, 0));
    let id = send(&mut q, "slow", 0);
    let first = q.poll(0).expect("received");
    let second = q.poll(30_000).expect("the visibility timeout ended");
    assert_eq!(receive_counts(&second), vec![2]);

    // The first invocation's delete carries an old receipt handle.
    let late = q.complete(first.id, success(), 31_000).expect("open batch");
    assert_eq!(late.deleted, Vec::<String>::new());
    assert_eq!(
        late.not_deleted,
        vec![NotDeleted {
            message_id: id.clone(),
            why: LateDelete::ReceivedAgain
        }]
    );
    let on_time = q
        .complete(second.id, success(), 31_000)
        .expect("open batch");
    assert_eq!(on_time.deleted, vec![id]);
}

#[test]
fn a_standard_delete_after_the_timeout_still_works_if_nobody_received_it_again() {
    let mut q = queue(standard(10, 0));
    let id = send(&mut q, "slow", 0);
    let batch = q.poll(0).expect("received");
    assert_eq!(q.counts(30_000).visible, 1);
    let completion = q.complete(batch.id, success(), 35_000).expect("open batch");
    assert_eq!(completion.deleted, vec![id]);
    assert_eq!(
        q.counts(35_000),
        Counts {
            deleted: 1,
            ..Counts::default()
        }
    );
}

#[test]
fn a_poison_message_reaches_the_dlq_after_max_receive_count_receives() {
    let config = QueueConfig {
        max_receive_count: Some(3),
        ..standard(10, 0)
    };
    let mut q = queue(config);
    let poison = send(&mut q, "{\"orderId\": 1044, \"quantity\": ", 0);
    let mut now_ms = 0;
    let mut counts_seen = Vec::new();
    while let Some(batch) = q.poll(now_ms) {
        counts_seen.push(batch.records[0].receive_count);
        let completion = q
            .complete(batch.id, BatchOutcome::FunctionError, now_ms + 500)
            .expect("open");
        let will_dead_letter = completion.retried[0].dead_letter_on_next_receive;
        assert_eq!(will_dead_letter, batch.records[0].receive_count == 3);
        now_ms = q.next_wake_ms(now_ms).expect("the message comes back");
    }
    assert_eq!(counts_seen, vec![1, 2, 3]);
    assert_eq!(
        now_ms, 90_000,
        "moved when it would have been received a fourth time"
    );
    assert_eq!(
        q.counts(now_ms),
        Counts {
            dead_lettered: 1,
            ..Counts::default()
        }
    );
    let summary = q.summary(now_ms);
    assert_eq!(summary.messages[0].message_id, poison);
    assert_eq!(
        summary.messages[0].place,
        Place::DeadLettered { at_ms: 90_000 }
    );
    assert_eq!(
        summary.messages[0].describe(),
        "in the dead-letter queue after 3 receives"
    );
    assert_eq!(q.next_wake_ms(now_ms), None);
}

#[test]
fn the_dlq_move_does_not_take_a_place_in_the_batch() {
    let config = QueueConfig {
        max_receive_count: Some(1),
        ..standard(1, 0)
    };
    let mut q = queue(config);
    send(&mut q, "poison", 0);
    let first = q.poll(0).expect("received");
    q.complete(first.id, BatchOutcome::FunctionError, 100)
        .expect("open");
    send(&mut q, "good", 40_000);
    // The poison message has been visible since 30 s, so it comes first, but it goes to the
    // dead-letter queue and the one-message batch still gets the good message.
    let next = q.poll(40_000).expect("the good message");
    assert_eq!(bodies(&q, &next), vec!["good"]);
    assert_eq!(q.counts(40_000).dead_lettered, 1);
}

#[test]
fn completing_an_unknown_or_finished_batch_is_an_error() {
    let mut q = queue(standard(10, 0));
    send(&mut q, "a", 0);
    let batch = q.poll(0).expect("received");
    q.complete(batch.id, success(), 1).expect("open");
    assert_eq!(
        q.complete(batch.id, success(), 2),
        Err(CompleteError::UnknownBatch(batch.id))
    );
    assert_eq!(
        q.complete(BatchId(99), success(), 2),
        Err(CompleteError::UnknownBatch(BatchId(99)))
    );
}

#[test]
fn counts_and_summary_account_for_every_message() {
    let config = QueueConfig {
        max_receive_count: Some(1),
        report_batch_item_failures: true,
        ..standard(10, 0)
    };
    let mut q = queue(config);
    let ok = send(&mut q, "ok", 0);
    let bad = send(&mut q, "bad", 0);
    q.send(
        OutgoingMessage {
            delay_secs: Some(60),
            ..OutgoingMessage::new("later")
        },
        0,
    )
    .expect("sent");
    let batch = q.poll(0).expect("two visible");
    q.complete(batch.id, failures(&[bad.as_str()]), 1_000)
        .expect("open");
    send(&mut q, "waiting", 2_000);
    q.poll(40_000)
        .expect("waiting is received; bad is dead-lettered");

    let counts = q.counts(40_000);
    assert_eq!(
        counts,
        Counts {
            visible: 0,
            delayed: 1,
            in_flight: 1,
            dead_lettered: 1,
            deleted: 1,
            deduplicated: 0
        }
    );
    let summary = q.summary(40_000);
    assert_eq!(summary.messages.len(), counts.total());
    assert_eq!(summary.messages[0].message_id, ok);
    assert_eq!(
        (
            summary.delivered(),
            summary.dead_lettered(),
            summary.still_queued()
        ),
        (1, 1, 2)
    );
    assert_eq!((summary.retried(), summary.total_receives()), (0, 3));
    let described: Vec<String> = summary
        .messages
        .iter()
        .map(MessageSummary::describe)
        .collect();
    assert_eq!(
        described,
        vec![
            "deleted after 1 receive",
            "in the dead-letter queue after 1 receive",
            "delayed until 60000 ms",
            "in flight after 1 receive, visible again at 70000 ms",
        ]
    );
}

#[test]
fn the_same_seed_and_inputs_give_the_same_run() {
    let run = || {
        let mut q = queue(standard(10, 0));
        send(&mut q, "a", 0);
        let batch = q.poll(0).expect("received");
        q.event_json(&batch)
    };
    assert_eq!(run(), run());
    let other_seed = {
        let mut q = Queue::with_seed(standard(10, 0), 8).expect("valid");
        send(&mut q, "a", 0);
        let batch = q.poll(0).expect("received");
        q.event_json(&batch)
    };
    assert_ne!(run(), other_seed);
}
