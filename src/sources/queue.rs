//! An SQS queue with a Lambda event source mapping delivering to a function: the messages are
//! sent at the start, then the mapping ([`model::queue`](crate::model::queue)) hands out
//! batches on the source's clock and each batch is one synchronous invoke, as Lambda's pollers
//! make it. How the invoke ended decides what the queue does with the batch (delete, retry
//! after the visibility timeout, the dead-letter queue). One batch runs at a time: on AWS,
//! pollers may run several batches of a standard queue at once.

use super::{Clock, StopFlag};
use crate::model::queue::{BatchOutcome, Counts, OutgoingMessage, Queue, QueueConfig, Retry};
use crate::runtime::pool::Pool;
use crate::runtime::record::{InvocationRecord, Status};

/// How long SQS keeps a message by default before deleting it unread (MessageRetentionPeriod,
/// 4 days: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html).
/// A message that fails forever without a dead-letter queue ends here.
pub const DEFAULT_RETENTION_MS: u64 = 4 * 24 * 3_600 * 1_000;

/// A queue being delivered: the model, and when (on the source's clock) it started.
pub struct QueueRun {
    queue: Queue,
    started_ms: u64,
}

/// One batch's invoke and what the queue did with its messages.
#[derive(Clone, Debug)]
pub struct QueueDelivery {
    /// "batch 2 of 3 messages (receive 2)".
    pub label: String,
    pub event_json: String,
    pub record: InvocationRecord,
    /// What Lambda and SQS did with the batch, a line each.
    pub verdict: Vec<String>,
}

/// What a queue run reports as it goes.
#[derive(Clone, Debug)]
pub enum QueueUpdate {
    Delivered(Box<QueueDelivery>),
    /// The queue's counts, `clock_secs` after it started.
    Counts {
        clock_secs: f64,
        counts: Counts,
    },
}

/// Where every message went, for the end of a run.
#[derive(Clone, Debug)]
pub struct QueueSummary {
    pub lines: Vec<String>,
    /// Every message was processed and deleted.
    pub all_deleted: bool,
}

impl QueueRun {
    /// The queue with `messages` sent at the clock's start, or why AWS would refuse it.
    pub fn new(
        config: QueueConfig,
        messages: Vec<OutgoingMessage>,
        clock: &Clock,
    ) -> Result<Self, String> {
        let now_ms = clock.now_ms();
        let mut queue = Queue::new(config, now_ms).map_err(|problems| {
            problems
                .iter()
                .map(|problem| format!("{} ({})", problem.message, problem.doc_url))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        for (n, message) in messages.into_iter().enumerate() {
            queue
                .send(message, now_ms)
                .map_err(|error| format!("message {}: {error}", n + 1))?;
        }
        Ok(Self {
            queue,
            started_ms: now_ms,
        })
    }

    /// AWS's recommendations the settings miss, a sentence each with its source.
    pub fn warnings(&self) -> Vec<String> {
        self.queue
            .config()
            .warnings()
            .into_iter()
            .map(|warning| format!("{} ({})", warning.message, warning.doc_url))
            .collect()
    }

    /// Delivers batches until every message is deleted or dead-lettered, the retention
    /// period passes, or `stop` is set; the counts as they were at the end come last.
    pub fn deliver(
        &mut self,
        pool: &mut Pool,
        clock: &Clock,
        stop: &StopFlag,
        on_update: &mut dyn FnMut(QueueUpdate),
    ) {
        self.deliver_batches(pool, clock, stop, on_update);
        let now_ms = clock.now_ms();
        on_update(QueueUpdate::Counts {
            clock_secs: self.clock_secs(now_ms),
            counts: self.queue.counts(now_ms),
        });
    }

    fn deliver_batches(
        &mut self,
        pool: &mut Pool,
        clock: &Clock,
        stop: &StopFlag,
        on_update: &mut dyn FnMut(QueueUpdate),
    ) {
        let mut batches = 0u64;
        loop {
            let now_ms = clock.now_ms();
            on_update(QueueUpdate::Counts {
                clock_secs: self.clock_secs(now_ms),
                counts: self.queue.counts(now_ms),
            });
            if stop.is_set() || now_ms >= self.started_ms + DEFAULT_RETENTION_MS {
                return;
            }
            if let Some(batch) = self.queue.poll(now_ms) {
                batches += 1;
                let event_json = self.queue.event_json(&batch);
                let receives: Vec<u32> = batch.records.iter().map(|r| r.receive_count).collect();
                let record = pool
                    .invoke_batch(std::slice::from_ref(&event_json))
                    .remove(0);
                let outcome = if record.status == Status::Success {
                    BatchOutcome::Success {
                        response_json: record
                            .response
                            .as_ref()
                            .map(|payload| payload.text().to_owned()),
                    }
                } else {
                    BatchOutcome::FunctionError
                };
                let verdict = match self.queue.complete(batch.id, outcome, clock.now_ms()) {
                    Ok(completion) => {
                        let mut lines = vec![completion.verdict.describe()];
                        lines.extend(
                            completion
                                .retried
                                .iter()
                                .map(|retry| self.retry_line(retry)),
                        );
                        lines.extend(completion.not_deleted.iter().map(|late| {
                            format!("{} was not deleted: {:?}", late.message_id, late.why)
                        }));
                        for group in &completion.fifo_order_broken {
                            lines.push(format!(
                                "message group {group} is now out of order: a later message was \
                                 deleted after an earlier one failed"
                            ));
                        }
                        lines
                    }
                    Err(error) => vec![error.to_string()],
                };
                let label = format!(
                    "batch {batches}: {} ({})",
                    crate::model::format::counted(receives.len(), "message", "messages"),
                    receive_counts(&receives)
                );
                on_update(QueueUpdate::Delivered(Box::new(QueueDelivery {
                    label,
                    event_json,
                    record,
                    verdict,
                })));
                continue;
            }
            match self.queue.next_wake_ms(now_ms) {
                Some(wake_ms) => {
                    let wake_ms = wake_ms.min(self.started_ms + DEFAULT_RETENTION_MS);
                    if !clock.sleep_until(wake_ms, stop) {
                        return;
                    }
                }
                None => return,
            }
        }
    }

    fn clock_secs(&self, now_ms: u64) -> f64 {
        now_ms.saturating_sub(self.started_ms) as f64 / 1_000.0
    }

    fn retry_line(&self, retry: &Retry) -> String {
        let after_secs = self.clock_secs(retry.visible_again_at_ms);
        if retry.dead_letter_on_next_receive {
            format!(
                "{} failed on receive {}: at {after_secs:.0} s it goes to the dead-letter queue \
                 (maxReceiveCount reached)",
                retry.message_id, retry.receive_count
            )
        } else {
            format!(
                "{} failed on receive {}: visible again at {after_secs:.0} s",
                retry.message_id, retry.receive_count
            )
        }
    }

    /// Where every message went: the totals, then a line per message.
    pub fn summary_lines(&self, clock: &Clock) -> QueueSummary {
        let summary = self.queue.summary(clock.now_ms());
        let mut lines = vec![format!(
            "Summary: {} sent, {} delivered and deleted, {} retried, {} in the dead-letter \
             queue, {} still in the queue; {} receives in all.",
            summary.messages.len(),
            summary.delivered(),
            summary.retried(),
            summary.dead_lettered(),
            summary.still_queued(),
            summary.total_receives()
        )];
        for message in &summary.messages {
            let body: String = message.body.chars().take(40).collect();
            let group = message
                .message_group_id
                .as_ref()
                .map_or(String::new(), |group| format!(" [group {group}]"));
            lines.push(format!(
                "  {}{group} {body:?}: {}",
                message.message_id,
                message.describe()
            ));
        }
        QueueSummary {
            all_deleted: summary.delivered() == summary.messages.len(),
            lines,
        }
    }
}

/// "receive 1" or "receives 1, 1, 2".
fn receive_counts(receives: &[u32]) -> String {
    let mut distinct = receives.to_vec();
    distinct.dedup();
    if distinct.len() == 1 {
        format!("receive {}", distinct[0])
    } else {
        let all: Vec<String> = receives.iter().map(u32::to_string).collect();
        format!("receives {}", all.join(", "))
    }
}
