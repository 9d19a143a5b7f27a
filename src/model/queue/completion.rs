//! What happens to a batch's messages once the function has run ([`Queue::complete`]): deleted
//! on success, left to reappear after their visibility timeout on failure, and, with
//! ReportBatchItemFailures, only the messages the function names kept; the rules of
//! "Implementing partial batch responses" ([`ESM_ERRORS`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::limits::{ESM_ERRORS, LAMBDA_WITH_SQS};
use super::{BatchId, Queue, State};

/// How the invocation for a batch ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchOutcome {
    /// The function returned; `response_json` is its response payload, if any.
    Success { response_json: Option<String> },
    /// The function failed: an error, a timeout, or a throttle. All mean the batch failed.
    FunctionError,
}

/// What Lambda decided about the batch as a whole, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Success without ReportBatchItemFailures: every message is deleted.
    Succeeded,
    /// ReportBatchItemFailures with no failures reported (a null or empty list, an empty or null
    /// response): every message is deleted.
    NoItemFailures,
    /// ReportBatchItemFailures naming `failed` messages: only they stay.
    ItemFailures { failed: usize },
    /// The function failed: every message stays.
    FunctionError,
    /// ReportBatchItemFailures with a response Lambda cannot use: the whole batch failed.
    InvalidResponse { problem: String },
}

impl Verdict {
    /// One sentence for a learner.
    pub fn describe(&self) -> String {
        match self {
            Verdict::Succeeded => "the function succeeded, so Lambda deleted every message in the batch".to_owned(),
            Verdict::NoItemFailures => "the function reported no failed items, so Lambda deleted every message".to_owned(),
            Verdict::ItemFailures { failed } => format!(
                "the function reported {failed} failed item(s): Lambda deleted the rest and left those to reappear after their visibility timeout"
            ),
            Verdict::FunctionError => "the invocation failed, so every message in the batch reappears after its visibility timeout".to_owned(),
            Verdict::InvalidResponse { problem } => format!(
                "the partial batch response was unusable ({problem}), so Lambda treated the whole batch as failed"
            ),
        }
    }

    /// The page the rule comes from.
    pub fn doc_url(&self) -> &'static str {
        match self {
            Verdict::Succeeded | Verdict::FunctionError => LAMBDA_WITH_SQS,
            _ => ESM_ERRORS,
        }
    }
}

/// The result of completing one batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub batch_id: BatchId,
    pub verdict: Verdict,
    /// Deleted from the queue, in batch order.
    pub deleted: Vec<String>,
    /// Left in the queue to be received again, in batch order.
    pub retried: Vec<Retry>,
    /// Meant to be deleted but not deleted, because the delete came too late.
    pub not_deleted: Vec<NotDeleted>,
    /// FIFO only: groups in which a message was deleted after an earlier one of the same group
    /// failed, so the group will be processed out of order. AWS advises that a function on a
    /// FIFO queue stop at the first failure and report it and every later message.
    pub fifo_order_broken: Vec<String>,
}

/// A message that stays in the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    pub message_id: String,
    /// Receives so far.
    pub receive_count: u32,
    /// When its visibility timeout ends and it can be received again.
    pub visible_again_at_ms: u64,
    /// Its next receive would exceed maxReceiveCount, so SQS will move it to the dead-letter
    /// queue instead.
    pub dead_letter_on_next_receive: bool,
}

/// A message the batch meant to delete but could not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotDeleted {
    pub message_id: String,
    pub why: LateDelete,
}

/// Why a delete came too late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LateDelete {
    /// The visibility timeout ended and another batch received the message: this batch's
    /// receipt handle is no longer the latest, and SQS "might not" delete with an old one
    /// ([`super::limits::SQS_DELETE_MESSAGE`]).
    // Unconfirmed: "might not"; the model never deletes with an old handle.
    ReceivedAgain,
    /// FIFO: a delete after the visibility timeout fails ([`super::limits::SQS_VISIBILITY`]).
    VisibilityExpired,
    /// The message already left the queue (moved to the dead-letter queue).
    AlreadyGone,
}

/// A batch that cannot be completed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompleteError {
    #[error("{0} is not open: it was never dispatched by this queue or was already completed")]
    UnknownBatch(BatchId),
}

impl Queue {
    /// Applies how the invocation for `batch_id` ended, at `now_ms`.
    ///
    /// Without ReportBatchItemFailures a success deletes every message and a failure keeps them
    /// all ([`LAMBDA_WITH_SQS`]). With it, the success response is read as a partial batch
    /// response ([`ESM_ERRORS`]): `{"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}`
    /// keeps only the named messages; an empty or null list, an empty object, null or no
    /// response deletes them all; invalid JSON, an empty, null or missing `itemIdentifier`, or
    /// one that is not a message of this batch fails the whole batch.
    ///
    /// A kept message is not made visible early: it reappears when its visibility timeout ends.
    pub fn complete(
        &mut self,
        batch_id: BatchId,
        outcome: BatchOutcome,
        now_ms: u64,
    ) -> Result<Completion, CompleteError> {
        let indices = self
            .open_batches
            .remove(&batch_id)
            .ok_or(CompleteError::UnknownBatch(batch_id))?;
        let batch_ids: Vec<&str> = indices
            .iter()
            .map(|&i| self.messages[i].message_id.as_str())
            .collect();
        let all: BTreeSet<String> = batch_ids.iter().map(|&id| id.to_owned()).collect();

        let (verdict, failed) = match outcome {
            BatchOutcome::FunctionError => (Verdict::FunctionError, all),
            BatchOutcome::Success { .. } if !self.config.report_batch_item_failures => {
                (Verdict::Succeeded, BTreeSet::new())
            }
            BatchOutcome::Success { response_json } => {
                match reported_failures(response_json.as_deref(), &batch_ids) {
                    Ok(failed) if failed.is_empty() => (Verdict::NoItemFailures, failed),
                    Ok(failed) => (
                        Verdict::ItemFailures {
                            failed: failed.len(),
                        },
                        failed,
                    ),
                    Err(problem) => (Verdict::InvalidResponse { problem }, all),
                }
            }
        };

        let mut completion = Completion {
            batch_id,
            verdict,
            deleted: Vec::new(),
            retried: Vec::new(),
            not_deleted: Vec::new(),
            fifo_order_broken: Vec::new(),
        };
        // Per FIFO group: whether a message of it has failed earlier in this batch.
        let mut group_failed: BTreeMap<String, bool> = BTreeMap::new();
        let max_receive_count = self.config.max_receive_count;
        let fifo = self.config.fifo;

        for &index in &indices {
            let stored = &mut self.messages[index];
            let group = stored.message.message_group_id.clone().unwrap_or_default();
            if failed.contains(&stored.message_id) {
                if fifo {
                    group_failed.insert(group, true);
                }
                if stored.state == State::Queued {
                    completion.retried.push(Retry {
                        message_id: stored.message_id.clone(),
                        receive_count: stored.receive_count,
                        visible_again_at_ms: stored.available_at_ms,
                        dead_letter_on_next_receive: max_receive_count
                            .is_some_and(|max| stored.receive_count >= max),
                    });
                }
                continue;
            }

            let late = if stored.state != State::Queued {
                Some(LateDelete::AlreadyGone)
            } else if stored
                .last_receive
                .as_ref()
                .is_none_or(|(id, _)| *id != batch_id)
            {
                Some(LateDelete::ReceivedAgain)
            } else if fifo && now_ms >= stored.available_at_ms {
                Some(LateDelete::VisibilityExpired)
            } else {
                None
            };
            match late {
                Some(why) => completion.not_deleted.push(NotDeleted {
                    message_id: stored.message_id.clone(),
                    why,
                }),
                None => {
                    stored.state = State::Deleted { at_ms: now_ms };
                    completion.deleted.push(stored.message_id.clone());
                    if fifo
                        && group_failed.get(&group).copied().unwrap_or(false)
                        && !completion.fifo_order_broken.contains(&group)
                    {
                        completion.fifo_order_broken.push(group);
                    }
                }
            }
        }
        Ok(completion)
    }
}

/// The message ids a partial batch response names as failed, or why the response fails the
/// whole batch. The success and failure conditions of [`ESM_ERRORS`].
fn reported_failures(
    response: Option<&str>,
    batch_ids: &[&str],
) -> Result<BTreeSet<String>, String> {
    // No payload at all is the "null EventResponse".
    let Some(text) = response.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(BTreeSet::new());
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("the response is not valid JSON: {e}"))?;
    let fields = match value {
        Value::Null => return Ok(BTreeSet::new()),
        Value::Object(fields) => fields,
        // Unconfirmed: AWS lists "an invalid JSON response" as a failure but does not say what
        // a valid JSON value that is not an object (a string, a number, a list) counts as; the
        // model treats it as unusable too.
        other => {
            return Err(format!(
                "the response is {other}, not an object with batchItemFailures"
            ));
        }
    };
    let items = match fields.get("batchItemFailures") {
        // Unconfirmed: an object without batchItemFailures (say {"statusCode": 200}) is taken
        // as the documented "null batchItemFailures list"; an empty object is documented.
        None | Some(Value::Null) => return Ok(BTreeSet::new()),
        Some(Value::Array(items)) => items,
        // Unconfirmed: a batchItemFailures that is not a list is not covered by the page.
        Some(other) => return Err(format!("batchItemFailures is {other}, not a list")),
    };

    let mut failed = BTreeSet::new();
    for item in items {
        let identifier = item
            .as_object()
            .and_then(|entry| entry.get("itemIdentifier"));
        match identifier {
            None => {
                return Err(format!(
                    "{item} has no itemIdentifier (check the key's spelling)"
                ));
            }
            Some(Value::Null) => return Err("an itemIdentifier is null".to_owned()),
            Some(Value::String(id)) if id.is_empty() => {
                return Err("an itemIdentifier is an empty string".to_owned());
            }
            Some(Value::String(id)) if !batch_ids.contains(&id.as_str()) => {
                return Err(format!(
                    "itemIdentifier \"{id}\" is not the messageId of a message in this batch"
                ));
            }
            Some(Value::String(id)) => {
                failed.insert(id.clone());
            }
            // Unconfirmed: a non-string identifier (a number) is treated like a bad one.
            Some(other) => return Err(format!("itemIdentifier {other} is not a string messageId")),
        }
    }
    Ok(failed)
}
