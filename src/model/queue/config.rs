//! The queue and event source mapping settings the model runs with, checked against AWS's
//! limits ([`QueueConfig::validate`]) and its recommendations ([`QueueConfig::warnings`]).

use super::limits::*;
use crate::model::limits::{MAX_TIMEOUT_SECS, MIN_TIMEOUT_SECS};

/// One SQS queue and the Lambda event source mapping that reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueConfig {
    /// The queue name; it ends the queue ARN.
    pub name: String,
    /// A FIFO queue (ordered per message group, deduplicated) instead of a standard one.
    pub fifo: bool,
    /// Most messages in one event (`BatchSize`).
    pub batch_size: u32,
    /// How long Lambda gathers messages before invoking (`MaximumBatchingWindowInSeconds`).
    pub batch_window_secs: u32,
    /// How long a received message stays hidden from other receives.
    pub visibility_timeout_secs: u32,
    /// The redrive policy's maxReceiveCount; `None` means the queue has no dead-letter queue.
    pub max_receive_count: Option<u32>,
    /// `FunctionResponseTypes: ["ReportBatchItemFailures"]` on the mapping.
    pub report_batch_item_failures: bool,
    /// The function's timeout, which the visibility timeout must cover.
    pub function_timeout_secs: u32,
}

impl QueueConfig {
    /// A standard queue with AWS's defaults: batch size 10, no window, 30 s visibility, no
    /// dead-letter queue, no partial batch responses, a 3 s function timeout.
    pub fn standard(name: &str) -> Self {
        QueueConfig {
            name: name.to_owned(),
            fifo: false,
            batch_size: DEFAULT_BATCH_SIZE,
            batch_window_secs: 0,
            visibility_timeout_secs: DEFAULT_VISIBILITY_TIMEOUT_SECS,
            max_receive_count: None,
            report_batch_item_failures: false,
            function_timeout_secs: crate::model::limits::DEFAULT_TIMEOUT_SECS,
        }
    }

    /// A FIFO queue with the same defaults; `name` should end in `.fifo`.
    pub fn fifo(name: &str) -> Self {
        QueueConfig {
            fifo: true,
            ..QueueConfig::standard(name)
        }
    }

    /// The ARN Lambda puts in `eventSourceARN`.
    pub fn arn(&self) -> String {
        use crate::model::lambda::{ACCOUNT_ID, REGION};
        format!("arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{}", self.name)
    }

    /// Every setting AWS would refuse, each with the page that says so. `Ok` when there is none.
    pub fn validate(&self) -> Result<(), Vec<ConfigProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &'static str, message: String, doc_url: &'static str| {
            problems.push(ConfigProblem {
                field,
                message,
                doc_url,
            });
        };

        if self.name.is_empty() || self.name.chars().count() > MAX_QUEUE_NAME_CHARS {
            problem(
                "name",
                format!("a queue name has 1 to {MAX_QUEUE_NAME_CHARS} characters"),
                SQS_CREATE_QUEUE,
            );
        }
        // The `.fifo` suffix is the only place a period may appear.
        let stem = self.name.strip_suffix(FIFO_SUFFIX).unwrap_or(&self.name);
        if !stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            problem(
                "name",
                format!(
                    "\"{}\" may use only letters, digits, hyphens and underscores (and a final {FIFO_SUFFIX} on a FIFO queue)",
                    self.name
                ),
                SQS_CREATE_QUEUE,
            );
        }
        if self.fifo && !self.name.ends_with(FIFO_SUFFIX) {
            problem(
                "name",
                format!("a FIFO queue's name must end in {FIFO_SUFFIX}"),
                SQS_CREATE_QUEUE,
            );
        }
        if !self.fifo && self.name.ends_with(FIFO_SUFFIX) {
            // Unconfirmed: CreateQueue documents the suffix for FIFO queues only; that it refuses
            // the suffix on a standard queue is inferred from the name rules (no periods).
            problem(
                "name",
                format!("only a FIFO queue's name may end in {FIFO_SUFFIX}"),
                SQS_CREATE_QUEUE,
            );
        }

        let max_batch = if self.fifo {
            MAX_BATCH_SIZE_FIFO
        } else {
            MAX_BATCH_SIZE_STANDARD
        };
        if !(MIN_BATCH_SIZE..=max_batch).contains(&self.batch_size) {
            let kind = if self.fifo { "FIFO" } else { "standard" };
            problem(
                "batch_size",
                format!("batch size is {MIN_BATCH_SIZE} to {max_batch} for a {kind} queue"),
                ESM_PARAMETERS,
            );
        }
        if self.batch_window_secs > MAX_BATCH_WINDOW_SECS {
            problem(
                "batch_window_secs",
                format!("the batching window is 0 to {MAX_BATCH_WINDOW_SECS} seconds"),
                CREATE_ESM_API,
            );
        }
        // A FIFO batch cannot exceed 10, so the rule only ever applies to standard queues (and
        // saying "add a window" to a FIFO queue, which cannot have one, would mislead).
        if !self.fifo
            && self.batch_size > LARGE_BATCH_THRESHOLD
            && self.batch_window_secs < MIN_WINDOW_FOR_LARGE_BATCH_SECS
        {
            problem(
                "batch_window_secs",
                format!(
                    "a batch size over {LARGE_BATCH_THRESHOLD} needs a batching window of at least {MIN_WINDOW_FOR_LARGE_BATCH_SECS} s"
                ),
                CREATE_ESM_API,
            );
        }
        if self.fifo && self.batch_window_secs > 0 {
            // Unconfirmed: the page says the window "is not supported for FIFO queues"; whether
            // the API refuses it or ignores it is not documented. Refusing keeps the model honest.
            problem(
                "batch_window_secs",
                "a batching window is not supported for FIFO queues".to_owned(),
                ESM_PARAMETERS,
            );
        }
        if self.visibility_timeout_secs > MAX_VISIBILITY_TIMEOUT_SECS {
            problem(
                "visibility_timeout_secs",
                format!(
                    "the visibility timeout is 0 to {MAX_VISIBILITY_TIMEOUT_SECS} seconds (12 hours)"
                ),
                SQS_VISIBILITY,
            );
        }
        if let Some(max) = self.max_receive_count
            && !(MIN_MAX_RECEIVE_COUNT..=MAX_MAX_RECEIVE_COUNT).contains(&max)
        {
            problem(
                "max_receive_count",
                format!("maxReceiveCount is {MIN_MAX_RECEIVE_COUNT} to {MAX_MAX_RECEIVE_COUNT}"),
                SQS_CONFIGURE_DLQ,
            );
        }
        if !(MIN_TIMEOUT_SECS..=MAX_TIMEOUT_SECS).contains(&self.function_timeout_secs) {
            problem(
                "function_timeout_secs",
                format!("a function timeout is {MIN_TIMEOUT_SECS} to {MAX_TIMEOUT_SECS} seconds"),
                CREATE_FUNCTION_API,
            );
        }
        if self.function_timeout_secs > self.visibility_timeout_secs {
            problem(
                "visibility_timeout_secs",
                format!(
                    "Lambda refuses a mapping whose function timeout ({} s) exceeds the queue's visibility timeout ({} s)",
                    self.function_timeout_secs, self.visibility_timeout_secs
                ),
                ESM_CONFIGURE,
            );
        }

        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// What AWS recommends against, though it accepts it.
    pub fn warnings(&self) -> Vec<ConfigWarning> {
        let mut warnings = Vec::new();
        let recommended_secs = self.recommended_visibility_timeout_secs();
        if self.visibility_timeout_secs < recommended_secs {
            let plus_window = if self.batch_window_secs > 0 {
                format!(" plus the {} s batching window", self.batch_window_secs)
            } else {
                String::new()
            };
            warnings.push(ConfigWarning {
                field: "visibility_timeout_secs",
                message: format!(
                    "AWS recommends a visibility timeout of at least {RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR} times the function timeout{plus_window} ({recommended_secs} s here), so Lambda has time to retry a throttled batch; it is {} s",
                    self.visibility_timeout_secs
                ),
                doc_url: ESM_CONFIGURE,
            });
        }
        if let Some(max) = self.max_receive_count
            && max < RECOMMENDED_MIN_MAX_RECEIVE_COUNT
        {
            warnings.push(ConfigWarning {
                field: "max_receive_count",
                message: format!(
                    "AWS recommends a maxReceiveCount of at least {RECOMMENDED_MIN_MAX_RECEIVE_COUNT}, so a message is not dead-lettered by throttling alone; it is {max}"
                ),
                doc_url: ESM_CONFIGURE,
            });
        }
        if self.fifo && self.max_receive_count.is_some() {
            warnings.push(ConfigWarning {
                field: "max_receive_count",
                message: "a dead-letter queue on a FIFO queue takes a failing message out of its group, so the messages after it are processed out of order".to_owned(),
                doc_url: SQS_DLQ,
            });
        }
        warnings
    }

    /// Six times the function timeout plus the batching window, in seconds.
    pub fn recommended_visibility_timeout_secs(&self) -> u32 {
        RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR
            .saturating_mul(self.function_timeout_secs)
            .saturating_add(self.batch_window_secs)
    }
}

/// A setting AWS refuses: which field, why, and the page that says so.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message} ({doc_url})")]
pub struct ConfigProblem {
    pub field: &'static str,
    pub message: String,
    pub doc_url: &'static str,
}

/// A setting AWS accepts but advises against: which field, why, and the page that says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigWarning {
    pub field: &'static str,
    pub message: String,
    pub doc_url: &'static str,
}
