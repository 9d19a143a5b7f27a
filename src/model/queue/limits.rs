//! The AWS numbers and documentation pages the SQS queue model follows, written once, each with
//! the page it comes from (checked 2026-12). Everything else in `model::queue` cites these.

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/// Lambda guide, "Using Lambda with Amazon SQS": the batching window ends when the window
/// expires, the invocation payload quota is reached or the batch size is reached; the event
/// shape.
pub const LAMBDA_WITH_SQS: &str = "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
/// Lambda guide, "Lambda parameters for Amazon SQS event source mappings": batch size maxima
/// (10,000 standard, 10 FIFO); "Batching window is not supported for FIFO queues".
pub const ESM_PARAMETERS: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html";
/// Lambda guide, "Creating and configuring an Amazon SQS event source mapping": visibility
/// timeout at least six times the function timeout (plus the batching window); the function
/// timeout must not exceed the visibility timeout; maxReceiveCount of at least 5.
pub const ESM_CONFIGURE: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html";
/// Lambda guide, "Handling errors for an SQS event source in Lambda", "Implementing partial
/// batch responses": the report syntax, the success and failure conditions, and the FIFO note.
pub const ESM_ERRORS: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html";
/// Lambda guide, "Configuring scaling behavior for SQS event source mappings": FIFO batches
/// keep order within a message group and a failed group is retried before more of it is read.
pub const ESM_SCALING: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html";
/// Lambda API, CreateEventSourceMapping: BatchSize 1–10,000; MaximumBatchingWindowInSeconds
/// 0–300; a BatchSize over 10 needs a window of at least 1 s.
pub const CREATE_ESM_API: &str =
    "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html";
/// Lambda API, CreateFunction: a function timeout is 1–900 seconds (the numbers live in
/// [`crate::model::limits`]).
pub const CREATE_FUNCTION_API: &str =
    "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html";
/// SQS guide, "Amazon SQS visibility timeout": 0 s to 12 h; a FIFO message group returns no
/// more messages while one is in flight; FIFO DeleteMessage fails outside the visibility window.
pub const SQS_VISIBILITY: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html";
/// SQS guide, "Using dead-letter queues in Amazon SQS": what maxReceiveCount counts; a DLQ on a
/// FIFO queue can break the order of messages.
pub const SQS_DLQ: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html";
/// SQS guide, "Configure a dead-letter queue": Maximum receives between 1 and 1,000.
pub const SQS_CONFIGURE_DLQ: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html";
/// SQS API, CreateQueue: queue names (80 characters, letters, digits, `-`, `_`, FIFO names end
/// in `.fifo`); RedrivePolicy "When the ReceiveCount for a message exceeds the maxReceiveCount
/// for a queue, Amazon SQS moves the message to the dead-letter-queue".
pub const SQS_CREATE_QUEUE: &str =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html";
/// SQS API, SendMessage: body of 1 character to 1 MiB; DelaySeconds 0–900 and not per message
/// on FIFO queues; MessageGroupId required on FIFO queues.
pub const SQS_SEND_MESSAGE: &str =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html";
/// SQS API, DeleteMessage: with an old receipt handle "the request will succeed, but the
/// message might not be deleted".
pub const SQS_DELETE_MESSAGE: &str =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html";
/// SQS guide, "FIFO queue delivery logic": order per message group; a receive returns as many
/// messages of one group as possible, then other groups, each in order.
pub const SQS_FIFO_LOGIC: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html";
/// SQS guide, "Exactly-once processing": the 5-minute deduplication interval and content-based
/// deduplication (a SHA-256 hash of the body, not the attributes).
pub const SQS_FIFO_DEDUP: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html";
/// SQS guide, "FIFO queue key terms": sequence numbers are large, non-consecutive and increase
/// within a message group.
pub const SQS_FIFO_TERMS: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html";
/// SQS guide, "Message metadata for Amazon SQS": up to 10 message attributes, their name and
/// type rules, and "Calculating the MD5 message digest for message attributes".
pub const SQS_MESSAGE_METADATA: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html";

// ---------------------------------------------------------------------------------------------
// Event source mapping (Lambda)
// ---------------------------------------------------------------------------------------------

/// Default batch size of an SQS event source mapping. Source: [`ESM_PARAMETERS`].
pub const DEFAULT_BATCH_SIZE: u32 = 10;
/// Smallest batch size. Source: [`CREATE_ESM_API`] (valid range 1–10,000).
pub const MIN_BATCH_SIZE: u32 = 1;
/// Largest batch size for a standard queue. Source: [`ESM_PARAMETERS`].
pub const MAX_BATCH_SIZE_STANDARD: u32 = 10_000;
/// Largest batch size for a FIFO queue. Source: [`ESM_PARAMETERS`].
pub const MAX_BATCH_SIZE_FIFO: u32 = 10;
/// A batch size above this needs a batching window of at least [`MIN_WINDOW_FOR_LARGE_BATCH_SECS`].
/// Source: [`CREATE_ESM_API`], "when you set BatchSize to a value greater than 10, you must set
/// MaximumBatchingWindowInSeconds to at least 1".
pub const LARGE_BATCH_THRESHOLD: u32 = 10;
/// See [`LARGE_BATCH_THRESHOLD`].
pub const MIN_WINDOW_FOR_LARGE_BATCH_SECS: u32 = 1;
/// Longest batching window, 5 minutes. Source: [`CREATE_ESM_API`] (valid range 0–300).
pub const MAX_BATCH_WINDOW_SECS: u32 = 300;
/// AWS recommends a visibility timeout of at least this many function timeouts (plus the
/// batching window), so Lambda can retry a throttled batch. Source: [`ESM_CONFIGURE`] and
/// [`LAMBDA_WITH_SQS`].
pub const RECOMMENDED_VISIBILITY_TIMEOUT_FACTOR: u32 = 6;
/// AWS recommends a maxReceiveCount of at least 5, so throttling alone does not dead-letter a
/// message. Source: [`ESM_CONFIGURE`].
pub const RECOMMENDED_MIN_MAX_RECEIVE_COUNT: u32 = 5;
/// The event Lambda sends must fit the synchronous invocation payload quota (6 MB); the
/// batching window ends early when the next record would not fit. Source: [`LAMBDA_WITH_SQS`]
/// and [`CREATE_ESM_API`]; the number is the crate's one copy of that quota.
pub const MAX_EVENT_BYTES: usize = crate::model::limits::MAX_SYNC_REQUEST_BYTES;

// ---------------------------------------------------------------------------------------------
// Queue (SQS)
// ---------------------------------------------------------------------------------------------

/// Default visibility timeout of a new queue. Source: [`SQS_VISIBILITY`].
pub const DEFAULT_VISIBILITY_TIMEOUT_SECS: u32 = 30;
/// Longest visibility timeout, 12 hours (the shortest is 0). Source: [`SQS_VISIBILITY`].
pub const MAX_VISIBILITY_TIMEOUT_SECS: u32 = 43_200;
/// Smallest maxReceiveCount. Source: [`SQS_CONFIGURE_DLQ`] ("between 1 and 1,000").
pub const MIN_MAX_RECEIVE_COUNT: u32 = 1;
/// Largest maxReceiveCount. Same source.
pub const MAX_MAX_RECEIVE_COUNT: u32 = 1_000;
/// Longest queue name. Source: [`SQS_CREATE_QUEUE`].
pub const MAX_QUEUE_NAME_CHARS: usize = 80;
/// A FIFO queue's name ends in this. Source: [`SQS_CREATE_QUEUE`].
pub const FIFO_SUFFIX: &str = ".fifo";
/// Largest message, body and attributes together: 1 MiB. Source: [`SQS_SEND_MESSAGE`] ("The
/// maximum size is 1 MiB or 1,048,576 bytes") and [`SQS_MESSAGE_METADATA`] ("All components of
/// a message attribute are included in the 1 MiB message size restriction").
pub const MAX_MESSAGE_BYTES: usize = 1_048_576;
/// Longest per-message delay, 15 minutes. Source: [`SQS_SEND_MESSAGE`].
pub const MAX_DELAY_SECS: u32 = 900;
/// Most message attributes on one message. Source: [`SQS_MESSAGE_METADATA`].
pub const MAX_MESSAGE_ATTRIBUTES: usize = 10;
/// Longest attribute name and longest data type. Source: [`SQS_MESSAGE_METADATA`].
pub const MAX_ATTRIBUTE_NAME_CHARS: usize = 256;
/// The FIFO deduplication interval: 5 minutes. Source: [`SQS_FIFO_DEDUP`].
pub const DEDUPLICATION_INTERVAL_MS: u64 = 5 * 60 * 1_000;
