use super::*;

#[test]
fn messages_of_a_group_arrive_in_order() {
    let mut q = queue(fifo(10));
    for body in ["a1", "a2", "a3"] {
        send_in_group(&mut q, body, "a", 0);
    }
    let batch = q.poll(0).expect("one group");
    assert_eq!(bodies(&q, &batch), vec!["a1", "a2", "a3"]);
}

#[test]
fn a_batch_takes_as_much_of_one_group_as_it_can_then_the_next() {
    let mut q = queue(fifo(10));
    for (body, group) in [("a1", "a"), ("b1", "b"), ("a2", "a"), ("b2", "b")] {
        send_in_group(&mut q, body, group, 0);
    }
    let batch = q.poll(0).expect("both groups");
    assert_eq!(bodies(&q, &batch), vec!["a1", "a2", "b1", "b2"]);
}

#[test]
fn groups_interleave_across_batches() {
    let mut q = queue(fifo(2));
    for (body, group) in [
        ("a1", "a"),
        ("b1", "b"),
        ("a2", "a"),
        ("b2", "b"),
        ("a3", "a"),
    ] {
        send_in_group(&mut q, body, group, 0);
    }
    let first = q.poll(0).expect("group a");
    assert_eq!(bodies(&q, &first), vec!["a1", "a2"]);
    let second = q.poll(0).expect("group b, as a is in flight");
    assert_eq!(bodies(&q, &second), vec!["b1", "b2"]);
    assert!(q.poll(0).is_none(), "a3 waits for its group");
    q.complete(first.id, success(), 100).expect("open");
    let third = q.poll(100).expect("group a again");
    assert_eq!(bodies(&q, &third), vec!["a3"]);
}

#[test]
fn a_group_with_a_message_in_flight_is_blocked() {
    let mut q = queue(fifo(1));
    send_in_group(&mut q, "a1", "a", 0);
    send_in_group(&mut q, "a2", "a", 0);
    send_in_group(&mut q, "b1", "b", 0);
    let a1 = q.poll(0).expect("a1");
    assert_eq!(bodies(&q, &a1), vec!["a1"]);
    let b1 = q.poll(0).expect("b1 while a is blocked");
    assert_eq!(bodies(&q, &b1), vec!["b1"]);
    assert!(
        q.poll(0).is_none(),
        "a2 is visible but its group is blocked"
    );
    assert_eq!(
        q.counts(0),
        Counts {
            visible: 1,
            in_flight: 2,
            ..Counts::default()
        }
    );
    assert_eq!(
        q.next_wake_ms(0),
        Some(30_000),
        "when a1's visibility timeout ends"
    );
    q.complete(a1.id, success(), 500).expect("open");
    let a2 = q.poll(500).expect("a unblocked");
    assert_eq!(bodies(&q, &a2), vec!["a2"]);
}

#[test]
fn a_failed_group_is_retried_before_the_rest_of_it() {
    let mut q = queue(fifo(10));
    send_in_group(&mut q, "a1", "a", 0);
    let batch = q.poll(0).expect("a1");
    send_in_group(&mut q, "a2", "a", 1_000);
    q.complete(batch.id, BatchOutcome::FunctionError, 2_000)
        .expect("open");
    assert!(q.poll(2_000).is_none(), "a2 must not overtake a1");
    let retry = q.poll(30_000).expect("a1 again, then a2");
    assert_eq!(bodies(&q, &retry), vec!["a1", "a2"]);
    assert_eq!(receive_counts(&retry), vec![2, 1]);
}

#[test]
fn a_partial_failure_that_skips_ahead_is_flagged() {
    let config = QueueConfig {
        report_batch_item_failures: true,
        ..fifo(10)
    };
    let mut q = queue(config.clone());
    let ids: Vec<String> = ["a1", "a2", "a3"]
        .iter()
        .map(|b| send_in_group(&mut q, b, "a", 0))
        .collect();
    let batch = q.poll(0).expect("a1..a3");
    // Reporting a2 alone deletes a3, which ran after a failure: the group's order is broken.
    let completion = q
        .complete(batch.id, failures(&[ids[1].as_str()]), 100)
        .expect("open");
    assert_eq!(completion.deleted, vec![ids[0].clone(), ids[2].clone()]);
    assert_eq!(completion.fifo_order_broken, vec!["a".to_owned()]);

    // Stopping at the first failure and reporting the rest, as AWS advises, keeps the order.
    let mut q = queue(config);
    let ids: Vec<String> = ["a1", "a2", "a3"]
        .iter()
        .map(|b| send_in_group(&mut q, b, "a", 0))
        .collect();
    let batch = q.poll(0).expect("a1..a3");
    let completion = q
        .complete(batch.id, failures(&[ids[1].as_str(), ids[2].as_str()]), 100)
        .expect("open");
    assert_eq!(completion.deleted, vec![ids[0].clone()]);
    assert!(completion.fifo_order_broken.is_empty());
    let retry = q.poll(30_000).expect("a2, a3");
    assert_eq!(bodies(&q, &retry), vec!["a2", "a3"]);
}

#[test]
fn a_fifo_delete_after_the_visibility_timeout_fails() {
    let mut q = queue(fifo(10));
    let id = send_in_group(&mut q, "slow", "a", 0);
    let batch = q.poll(0).expect("received");
    let completion = q.complete(batch.id, success(), 30_000).expect("open");
    assert_eq!(
        completion.not_deleted,
        vec![NotDeleted {
            message_id: id,
            why: LateDelete::VisibilityExpired
        }]
    );
    assert_eq!(q.counts(30_000).visible, 1);
}

#[test]
fn a_dead_lettered_head_lets_the_rest_of_its_group_through() {
    let config = QueueConfig {
        max_receive_count: Some(1),
        ..fifo(10)
    };
    let mut q = queue(config);
    send_in_group(&mut q, "a1", "a", 0);
    let batch = q.poll(0).expect("a1");
    send_in_group(&mut q, "a2", "a", 10);
    q.complete(batch.id, BatchOutcome::FunctionError, 100)
        .expect("open");
    let next = q.poll(30_000).expect("a2");
    assert_eq!(bodies(&q, &next), vec!["a2"]);
    assert_eq!(q.counts(30_000).dead_lettered, 1);
}
