//! An SQS queue read by a Lambda event source mapping, as a pure model: producers
//! [`Queue::send`] messages, the mapping [`Queue::poll`]s them into batches (batch size,
//! batching window, 6 MB payload), the driver invokes the function with [`Queue::event_json`]
//! and reports how it went with [`Queue::complete`] (delete, partial batch response, retry after
//! the visibility timeout, dead-letter queue after maxReceiveCount receives).
//!
//! Time is always a `now_ms` argument and randomness comes from a seeded generator, so a driver
//! can run the model in real time or fast-forward it with [`Queue::next_wake_ms`], and the same
//! inputs give the same run. [`Queue::counts`] and [`Queue::summary`] say where every message
//! sent is, so stopping a run never loses one silently.
//!
//! Every AWS rule cites its page from [`limits`]; what AWS does not document is marked
//! `// Unconfirmed:` where the code decides it.

mod completion;
mod config;
mod delivery;
mod event;
pub mod limits;
mod message;
mod summary;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use base64::Engine as _;
use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use sha2::Digest as _;

pub use completion::{
    BatchOutcome, CompleteError, Completion, LateDelete, NotDeleted, Retry, Verdict,
};
pub use config::{ConfigProblem, ConfigWarning, QueueConfig};
pub use delivery::{Batch, BatchId, BatchRecord, BatchTrigger};
pub use event::{md5_of_body, md5_of_message_attributes};
pub use message::{
    AttributeValue, MessageAttribute, OutgoingMessage, ParseError, SendError, parse_messages,
};
pub use summary::{Counts, MessageSummary, Place, Summary};

use limits::DEDUPLICATION_INTERVAL_MS;

/// The first FIFO sequence number, taken from the FIFO example event in [`limits::LAMBDA_WITH_SQS`].
const FIRST_SEQUENCE_NUMBER: u128 = 18_849_496_460_467_696_128;
/// Gap between consecutive sequence numbers.
// Unconfirmed: AWS documents sequence numbers only as "large, non-consecutive" and increasing
// ([`limits::SQS_FIFO_TERMS`]); the gap is the one between the shipped FIFO sample's messages.
const SEQUENCE_NUMBER_STEP: u128 = 1_000_000_000_000;
/// Random bytes in a receipt handle: with the `AQEB` prefix the shipped samples show, the
/// handle has their length (244 characters).
// Unconfirmed: receipt handles are opaque; only their look is copied.
const RECEIPT_HANDLE_RANDOM_BYTES: usize = 180;

/// An SQS queue with a Lambda event source mapping reading it.
#[derive(Debug)]
pub struct Queue {
    config: QueueConfig,
    /// Every message ever sent, in send order; nothing is removed, so the summary is complete.
    messages: Vec<Stored>,
    by_id: HashMap<String, usize>,
    /// FIFO deduplication ids accepted, with the send time and message id that claimed them.
    dedup_claims: HashMap<String, (u64, String)>,
    /// Batches dispatched and not yet completed: their message indices in batch order.
    open_batches: BTreeMap<BatchId, Vec<usize>>,
    next_batch_id: u64,
    next_sequence_number: u128,
    rng: Pcg64Mcg,
}

/// One message in the queue and everything that happened to it.
#[derive(Clone, Debug)]
struct Stored {
    message_id: String,
    message: OutgoingMessage,
    sent_ms: u64,
    /// FIFO only.
    sequence_number: Option<String>,
    /// FIFO only: the given id, or the content-based one.
    deduplication_id: Option<String>,
    /// When the message is (or was) next visible: sent time plus delay, or, once received, the
    /// end of its latest visibility timeout.
    available_at_ms: u64,
    receive_count: u32,
    first_receive_ms: Option<u64>,
    /// The latest receive: which batch, with which receipt handle.
    last_receive: Option<(BatchId, String)>,
    state: State,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Queued,
    Deleted {
        at_ms: u64,
    },
    DeadLettered {
        at_ms: u64,
    },
    /// Accepted but never stored: a FIFO duplicate inside the deduplication interval.
    Deduplicated {
        original_message_id: String,
    },
}

impl Stored {
    fn visible(&self, now_ms: u64) -> bool {
        self.state == State::Queued && now_ms >= self.available_at_ms
    }

    /// Received and neither deleted nor visible again yet.
    fn in_flight(&self, now_ms: u64) -> bool {
        self.state == State::Queued && self.last_receive.is_some() && now_ms < self.available_at_ms
    }
}

impl Queue {
    /// A queue with no messages, its generator seeded from the queue name and `now_ms`, so two
    /// runs with the same inputs produce the same ids. Refuses a configuration AWS would refuse.
    pub fn new(config: QueueConfig, now_ms: u64) -> Result<Queue, Vec<ConfigProblem>> {
        // FNV-1a over the name: a fixed, dependency-free mix, so the seed never changes between
        // builds the way `DefaultHasher` may.
        let name_hash = config
            .name
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
            });
        Queue::with_seed(config, name_hash ^ now_ms)
    }

    /// A queue whose ids and receipt handles come from `seed`.
    pub fn with_seed(config: QueueConfig, seed: u64) -> Result<Queue, Vec<ConfigProblem>> {
        config.validate()?;
        Ok(Queue {
            config,
            messages: Vec::new(),
            by_id: HashMap::new(),
            dedup_claims: HashMap::new(),
            open_batches: BTreeMap::new(),
            next_batch_id: 1,
            next_sequence_number: FIRST_SEQUENCE_NUMBER,
            rng: Pcg64Mcg::seed_from_u64(seed),
        })
    }

    pub fn config(&self) -> &QueueConfig {
        &self.config
    }

    /// Sends one message, as `SendMessage` does, and says what SQS answered.
    ///
    /// On a FIFO queue a message without a deduplication id gets a content-based one, the
    /// SHA-256 of its body in hex, as the queue has content-based deduplication on (the shipped
    /// FIFO sample's ids are exactly that). A message whose deduplication id was accepted less
    /// than 5 minutes earlier is accepted but never delivered; the summary lists it as
    /// deduplicated. Source: [`limits::SQS_FIFO_DEDUP`].
    pub fn send(
        &mut self,
        message: OutgoingMessage,
        now_ms: u64,
    ) -> Result<SendReceipt, SendError> {
        message.check(self.config.fifo)?;
        let message_id = self.new_message_id();
        let mut sequence_number = None;
        let mut deduplication_id = None;
        let mut state = State::Queued;

        if self.config.fifo {
            let dedup = message
                .message_deduplication_id
                .clone()
                .unwrap_or_else(|| hex::encode(sha2::Sha256::digest(message.body.as_bytes())));
            match self.dedup_claims.get(&dedup) {
                Some((claimed_ms, original))
                    if now_ms < claimed_ms.saturating_add(DEDUPLICATION_INTERVAL_MS) =>
                {
                    // Unconfirmed: AWS does not say which message id a duplicate send returns;
                    // the model gives it a fresh one and records which message it duplicates.
                    state = State::Deduplicated {
                        original_message_id: original.clone(),
                    };
                }
                _ => {
                    self.dedup_claims
                        .insert(dedup.clone(), (now_ms, message_id.clone()));
                    sequence_number = Some(self.next_sequence_number.to_string());
                    self.next_sequence_number += SEQUENCE_NUMBER_STEP;
                }
            }
            deduplication_id = Some(dedup);
        }

        let delay_ms = u64::from(message.delay_secs.unwrap_or(0)) * 1_000;
        let receipt = SendReceipt {
            message_id: message_id.clone(),
            sequence_number: sequence_number.clone(),
            duplicate_of: match &state {
                State::Deduplicated {
                    original_message_id,
                } => Some(original_message_id.clone()),
                _ => None,
            },
        };
        self.by_id.insert(message_id.clone(), self.messages.len());
        self.messages.push(Stored {
            message_id,
            message,
            sent_ms: now_ms,
            sequence_number,
            deduplication_id,
            available_at_ms: now_ms.saturating_add(delay_ms),
            receive_count: 0,
            first_receive_ms: None,
            last_receive: None,
            state,
        });
        Ok(receipt)
    }

    /// How many messages are in each place at `now_ms`.
    pub fn counts(&self, now_ms: u64) -> Counts {
        let mut counts = Counts::default();
        for stored in &self.messages {
            match stored.state {
                State::Deleted { .. } => counts.deleted += 1,
                State::DeadLettered { .. } => counts.dead_lettered += 1,
                State::Deduplicated { .. } => counts.deduplicated += 1,
                State::Queued if stored.visible(now_ms) => counts.visible += 1,
                State::Queued if stored.in_flight(now_ms) => counts.in_flight += 1,
                State::Queued => counts.delayed += 1,
            }
        }
        counts
    }

    /// Every message sent, in send order, with where it is at `now_ms` and how often it was
    /// received.
    pub fn summary(&self, now_ms: u64) -> Summary {
        let messages = self
            .messages
            .iter()
            .map(|stored| MessageSummary {
                message_id: stored.message_id.clone(),
                message_group_id: stored.message.message_group_id.clone(),
                body: stored.message.body.clone(),
                sent_ms: stored.sent_ms,
                receive_count: stored.receive_count,
                place: match &stored.state {
                    State::Deleted { at_ms } => Place::Deleted { at_ms: *at_ms },
                    State::DeadLettered { at_ms } => Place::DeadLettered { at_ms: *at_ms },
                    State::Deduplicated {
                        original_message_id,
                    } => Place::Deduplicated {
                        original_message_id: original_message_id.clone(),
                    },
                    State::Queued if stored.visible(now_ms) => Place::Visible,
                    State::Queued if stored.in_flight(now_ms) => Place::InFlight {
                        visible_again_at_ms: stored.available_at_ms,
                    },
                    State::Queued => Place::Delayed {
                        visible_at_ms: stored.available_at_ms,
                    },
                },
            })
            .collect();
        Summary { messages }
    }

    /// A message id in the UUID version 4 form SQS uses, from the seeded generator.
    fn new_message_id(&mut self) -> String {
        let mut bytes = [0u8; 16];
        self.rng.fill_bytes(&mut bytes);
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }

    /// A fresh opaque receipt handle, one per receive.
    fn new_receipt_handle(&mut self) -> String {
        let mut bytes = [0u8; RECEIPT_HANDLE_RANDOM_BYTES];
        self.rng.fill_bytes(&mut bytes);
        format!(
            "AQEB{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }
}

/// What SQS answers a send with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendReceipt {
    pub message_id: String,
    /// FIFO only, and only for a message that was stored.
    pub sequence_number: Option<String>,
    /// FIFO only: the message this one duplicates; it will never be delivered.
    pub duplicate_of: Option<String>,
}
