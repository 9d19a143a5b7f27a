//! The event source mapping's side of the queue: which visible messages go into the next batch,
//! when the batching window lets it go ([`Queue::poll`]), and when anything can next happen
//! ([`Queue::next_wake_ms`]).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::limits::MAX_EVENT_BYTES;
use super::{Queue, State, Stored};

/// `{"Records":[]}`: the bytes of the event around its records.
const EVENT_ENVELOPE_BYTES: usize = 14;
/// Stands in for a receipt handle when sizing a record before it is received; it has a real
/// handle's length.
const PLACEHOLDER_RECEIPT_HANDLE_CHARS: usize = 244;

/// Identifies a dispatched batch until it is completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BatchId(pub u64);

impl fmt::Display for BatchId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "batch {}", self.0)
    }
}

/// One invocation's worth of messages, received from the queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub id: BatchId,
    pub dispatched_ms: u64,
    /// Why the mapping stopped gathering and invoked.
    pub trigger: BatchTrigger,
    /// In the order the event lists them.
    pub records: Vec<BatchRecord>,
}

impl Batch {
    pub fn message_ids(&self) -> Vec<&str> {
        self.records.iter().map(|r| r.message_id.as_str()).collect()
    }
}

/// One message as this receive delivered it.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchRecord {
    pub message_id: String,
    /// New on every receive.
    pub receipt_handle: String,
    /// Including this receive.
    pub receive_count: u32,
    pub first_receive_ms: u64,
    /// The record exactly as the event carries it.
    pub(super) event_record: Value,
}

/// What ended the batching window. Source: [`super::limits::LAMBDA_WITH_SQS`]: Lambda gathers
/// "until the batch window expires, the invocation payload size quota is reached, or the
/// configured maximum batch size is reached".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchTrigger {
    /// The batch holds `batch_size` messages.
    BatchSizeReached,
    /// The window has passed since the first message in the batch became visible (a window of
    /// 0 s passes at once).
    WindowElapsed,
    /// The next message would have taken the event over 6 MB.
    PayloadLimit,
}

/// What a poll at some instant would do; computed without changing the queue, so
/// [`Queue::next_wake_ms`] can ask the same question as [`Queue::poll`].
struct Plan {
    take: Vec<usize>,
    dead_letter: Vec<usize>,
    trigger: Option<BatchTrigger>,
    window_end_ms: Option<u64>,
}

impl Queue {
    /// One poll of the event source mapping at `now_ms`.
    ///
    /// Gathers visible messages (standard: oldest-visible first; FIFO: see below) up to the
    /// batch size and returns a batch once the batch is full, the batching window has passed
    /// since the first of them became visible, or one more would take the event over the 6 MB
    /// payload quota; until then `None`. The messages in the batch are received: hidden until
    /// `now_ms` plus the visibility timeout, their receive count raised, their first-receive
    /// time set once.
    ///
    /// A message whose receive count already equals maxReceiveCount is not received again but
    /// moved to the dead-letter queue, as SQS does "when the ReceiveCount for a message exceeds
    /// the maxReceiveCount" ([`super::limits::SQS_CREATE_QUEUE`]); that happens even on a poll that returns
    /// `None`, as the real poller receives during the window.
    ///
    /// FIFO: a message group with a message in flight gives nothing (SQS returns no more of a
    /// group until its received messages are deleted or visible again,
    /// [`super::limits::SQS_VISIBILITY`]); the other groups give their messages in order, as
    /// many of one group as fit before the next group, oldest group first
    /// ([`super::limits::SQS_FIFO_LOGIC`], [`super::limits::ESM_SCALING`]).
    ///
    /// Unconfirmed: Lambda's pollers receive messages while the window is open, so the window
    /// counts against the visibility timeout there; here messages are received when the batch
    /// goes, which keeps a message visible (and counted as visible) while it waits. AWS also
    /// notes that a poller on a quiet queue may wait up to 20 s; that is not modelled.
    pub fn poll(&mut self, now_ms: u64) -> Option<Batch> {
        let plan = self.plan(now_ms);
        for &index in &plan.dead_letter {
            self.messages[index].state = State::DeadLettered { at_ms: now_ms };
        }
        let trigger = plan.trigger?;

        let id = BatchId(self.next_batch_id);
        self.next_batch_id += 1;
        let visibility_ms = u64::from(self.config.visibility_timeout_secs) * 1_000;
        let mut records = Vec::with_capacity(plan.take.len());
        for &index in &plan.take {
            let receipt_handle = self.new_receipt_handle();
            let stored = &mut self.messages[index];
            stored.receive_count += 1;
            let first_receive_ms = *stored.first_receive_ms.get_or_insert(now_ms);
            stored.available_at_ms = now_ms.saturating_add(visibility_ms);
            stored.last_receive = Some((id, receipt_handle.clone()));
            let stored = &self.messages[index];
            records.push(BatchRecord {
                message_id: stored.message_id.clone(),
                event_record: self.record_value(
                    stored,
                    &receipt_handle,
                    stored.receive_count,
                    first_receive_ms,
                ),
                receipt_handle,
                receive_count: stored.receive_count,
                first_receive_ms,
            });
        }
        self.open_batches.insert(id, plan.take);
        Some(Batch {
            id,
            dispatched_ms: now_ms,
            trigger,
            records,
        })
    }

    /// The earliest time at or after `now_ms` at which a poll could do something (return a
    /// batch or dead-letter a message): `now_ms` itself if it already could, else the next
    /// visibility timeout expiry, delay end or batching window end. `None` when nothing will
    /// ever happen without a new send.
    pub fn next_wake_ms(&self, now_ms: u64) -> Option<u64> {
        let plan = self.plan(now_ms);
        if plan.trigger.is_some() || !plan.dead_letter.is_empty() {
            return Some(now_ms);
        }
        let becomes_visible = self
            .messages
            .iter()
            .filter(|stored| stored.state == State::Queued && stored.available_at_ms > now_ms)
            .map(|stored| stored.available_at_ms);
        becomes_visible
            .chain(plan.window_end_ms.filter(|&end| end > now_ms))
            .min()
    }

    fn plan(&self, now_ms: u64) -> Plan {
        let candidates = if self.config.fifo {
            self.fifo_candidates(now_ms)
        } else {
            self.standard_candidates(now_ms)
        };
        let batch_size = self.config.batch_size as usize;
        let mut take = Vec::new();
        let mut dead_letter = Vec::new();
        let mut event_bytes = EVENT_ENVELOPE_BYTES;
        let mut payload_full = false;
        for index in candidates {
            if take.len() >= batch_size {
                break;
            }
            let stored = &self.messages[index];
            if self
                .config
                .max_receive_count
                .is_some_and(|max| stored.receive_count >= max)
            {
                dead_letter.push(index);
                continue;
            }
            let separator = usize::from(!take.is_empty());
            let record_bytes = self.record_size_bytes(stored, now_ms) + separator;
            // The first record always goes: SQS caps a message at 1 MiB, far below 6 MB.
            if !take.is_empty() && event_bytes + record_bytes > MAX_EVENT_BYTES {
                payload_full = true;
                break;
            }
            event_bytes += record_bytes;
            take.push(index);
        }

        let window_ms = u64::from(self.config.batch_window_secs) * 1_000;
        let window_end_ms = take
            .iter()
            .map(|&index| self.messages[index].available_at_ms)
            .min()
            .map(|first_visible_ms| first_visible_ms.saturating_add(window_ms));
        let trigger = if take.is_empty() {
            None
        } else if take.len() >= batch_size {
            Some(BatchTrigger::BatchSizeReached)
        } else if payload_full {
            Some(BatchTrigger::PayloadLimit)
        } else if window_end_ms.is_some_and(|end| now_ms >= end) {
            Some(BatchTrigger::WindowElapsed)
        } else {
            None
        };
        Plan {
            take,
            dead_letter,
            trigger,
            window_end_ms,
        }
    }

    /// Visible messages, the longest-visible first, then in send order.
    // Unconfirmed: a standard queue promises no order ("best-effort ordering"); this one is
    // chosen because it is deterministic and easy to follow.
    fn standard_candidates(&self, now_ms: u64) -> Vec<usize> {
        let mut visible: Vec<usize> = (0..self.messages.len())
            .filter(|&i| self.messages[i].visible(now_ms))
            .collect();
        visible.sort_by_key(|&i| (self.messages[i].available_at_ms, i));
        visible
    }

    /// Each unblocked group's messages in order, the group with the oldest first message first.
    fn fifo_candidates(&self, now_ms: u64) -> Vec<usize> {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (index, stored) in self.messages.iter().enumerate() {
            if stored.state == State::Queued {
                let group = stored
                    .message
                    .message_group_id
                    .as_deref()
                    .unwrap_or_default();
                groups.entry(group).or_default().push(index);
            }
        }
        let mut open: Vec<Vec<usize>> = groups
            .into_values()
            .filter(|members| !members.iter().any(|&i| self.messages[i].in_flight(now_ms)))
            .map(|members| {
                // Order holds only if nothing passes a message that is not visible yet.
                members
                    .into_iter()
                    .take_while(|&i| self.messages[i].visible(now_ms))
                    .collect()
            })
            .filter(|members: &Vec<usize>| !members.is_empty())
            .collect();
        open.sort_by_key(|members| members[0]);
        open.concat()
    }

    /// Bytes of `stored`'s record in the compact event, as if received now.
    fn record_size_bytes(&self, stored: &Stored, now_ms: u64) -> usize {
        let placeholder = "A".repeat(PLACEHOLDER_RECEIPT_HANDLE_CHARS);
        let first_receive_ms = stored.first_receive_ms.unwrap_or(now_ms);
        self.record_value(
            stored,
            &placeholder,
            stored.receive_count + 1,
            first_receive_ms,
        )
        .to_string()
        .len()
    }
}
