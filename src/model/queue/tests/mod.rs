//! Tests of the SQS queue model, all on explicit `now_ms` values, with shared set-up here.

mod config;
mod delivery;
mod event;
mod fifo;
mod messages;
mod partial;

use super::*;

/// A valid standard queue with this batch size and window; 30 s visibility, 3 s function.
fn standard(batch_size: u32, batch_window_secs: u32) -> QueueConfig {
    QueueConfig {
        batch_size,
        batch_window_secs,
        ..QueueConfig::standard("orders-queue")
    }
}

/// A valid FIFO queue with this batch size.
fn fifo(batch_size: u32) -> QueueConfig {
    QueueConfig {
        batch_size,
        ..QueueConfig::fifo("orders.fifo")
    }
}

fn queue(config: QueueConfig) -> Queue {
    Queue::with_seed(config, 7).expect("a valid configuration")
}

fn send(queue: &mut Queue, body: &str, now_ms: u64) -> String {
    queue
        .send(OutgoingMessage::new(body), now_ms)
        .expect("SQS accepts the message")
        .message_id
}

fn send_in_group(queue: &mut Queue, body: &str, group: &str, now_ms: u64) -> String {
    queue
        .send(OutgoingMessage::new(body).in_group(group), now_ms)
        .expect("SQS accepts the message")
        .message_id
}

fn success() -> BatchOutcome {
    BatchOutcome::Success {
        response_json: None,
    }
}

/// A success whose response names `ids` as failed.
fn failures(ids: &[&str]) -> BatchOutcome {
    let items: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| serde_json::json!({ "itemIdentifier": id }))
        .collect();
    BatchOutcome::Success {
        response_json: Some(serde_json::json!({ "batchItemFailures": items }).to_string()),
    }
}

fn response(json: &str) -> BatchOutcome {
    BatchOutcome::Success {
        response_json: Some(json.to_owned()),
    }
}

/// The bodies of a batch's messages, in event order.
fn bodies(queue: &Queue, batch: &Batch) -> Vec<String> {
    let event: serde_json::Value =
        serde_json::from_str(&queue.event_json(batch)).expect("the event is JSON");
    event["Records"]
        .as_array()
        .expect("Records is a list")
        .iter()
        .map(|r| r["body"].as_str().expect("body is a string").to_owned())
        .collect()
}

fn receive_counts(batch: &Batch) -> Vec<u32> {
    batch.records.iter().map(|r| r.receive_count).collect()
}
