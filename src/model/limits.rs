//! Every AWS Lambda quota, limit and labelled assumption the app uses, written once, each with
//! its source and the date it was checked. The runtime, the models, the CLI and the pages all
//! read these; nothing else in the crate writes an AWS number down again.
//!
//! Sources are the rows of `../shared/FACTS.md` (checked 2026-11, updated 2026-12), which cite
//! AWS's pages. Prices live in [`crate::model::pricing`], beside the billing rules that use
//! them; the cold-start measurements in [`crate::model::coldstart`].

use std::ops::RangeInclusive;
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Function configuration (CreateFunction API; Lambda quotas page; checked 2026-11)
// ---------------------------------------------------------------------------------------------

/// Smallest memory size. Source: Lambda quotas page; CreateFunction API (checked 2026-11).
pub const MIN_MEMORY_MB: u32 = 128;
/// Largest memory size. Same source.
pub const MAX_MEMORY_MB: u32 = 10_240;
/// What a new function gets. Same source.
pub const DEFAULT_MEMORY_MB: u32 = 128;
/// [`MIN_MEMORY_MB`] to [`MAX_MEMORY_MB`], in 1 MB steps.
pub const MEMORY_MB_RANGE: RangeInclusive<u32> = MIN_MEMORY_MB..=MAX_MEMORY_MB;

/// Lambda gives one full vCPU at 1,769 MB and CPU in proportion to memory (up to 6 vCPUs at
/// 10,240 MB). Source: Lambda developer guide, "Memory and computing power" (checked 2026-11).
pub const FULL_VCPU_MEMORY_MB: u32 = 1_769;

/// Shortest timeout. Source: CreateFunction API (checked 2026-11).
pub const MIN_TIMEOUT_SECS: u32 = 1;
/// Longest timeout: 15 minutes. Same source.
pub const MAX_TIMEOUT_SECS: u32 = 900;
/// What a new function gets. Same source.
pub const DEFAULT_TIMEOUT_SECS: u32 = 3;
/// The longest any invocation can run, [`MAX_TIMEOUT_SECS`] in ms.
pub const MAX_FUNCTION_DURATION_MS: f64 = MAX_TIMEOUT_SECS as f64 * 1_000.0;

/// Smallest (and default) ephemeral storage, /tmp. Source: Lambda quotas page (checked 2026-11).
pub const MIN_EPHEMERAL_STORAGE_MB: u32 = 512;
/// Largest ephemeral storage. Same source.
pub const MAX_EPHEMERAL_STORAGE_MB: u32 = 10_240;
/// What a new function gets. Same source.
pub const DEFAULT_EPHEMERAL_STORAGE_MB: u32 = MIN_EPHEMERAL_STORAGE_MB;

/// Layers per function, extracted to /opt in order. Source: Lambda quotas page (checked 2026-11).
pub const MAX_LAYERS: usize = 5;

/// Function code and all its layers together, unzipped: 250 MB, which Lambda's API states in
/// bytes ("Unzipped size must be smaller than 262144000 bytes"; less the layers' size when a
/// function is created with layers). Source: Lambda quotas page (checked 2026-11);
/// InvalidParameterValueException texts as CloudFormation and the AWS CLI print them.
pub const MAX_UNZIPPED_DEPLOYMENT_BYTES: u64 = 262_144_000;

/// A streamed response (awslambda.streamifyResponse), at most: 200 MB, since 2025-08-01
/// (20 MB before). Source: Lambda quotas page; FACTS.md (checked 2026-12).
pub const MAX_STREAMED_RESPONSE_BYTES: usize = 200 * 1024 * 1024;

/// All environment variables together, measured as the JSON object AWS measures: 4 KB.
/// Source: Lambda quotas page (checked 2026-11).
pub const MAX_ENVIRONMENT_BYTES: usize = 4 * 1024;

/// Longest function name. Source: CreateFunction API (checked 2026-11).
pub const MAX_FUNCTION_NAME_CHARS: usize = 64;

/// Longest handler string. Source: CreateFunction API (checked 2026-11).
pub const MAX_HANDLER_CHARS: usize = 128;

// ---------------------------------------------------------------------------------------------
// Payloads (Lambda quotas page; Invoke API; checked 2026-11)
// ---------------------------------------------------------------------------------------------

/// Largest synchronous request (6 MB); larger ones get HTTP 413. Source: Lambda quotas page.
pub const MAX_SYNC_REQUEST_BYTES: usize = 6_291_456;

/// Largest synchronous response (6 MB); larger ones fail with `Function.ResponseSizeTooLarge`.
/// Source: Lambda quotas page (checked 2026-11).
pub const MAX_SYNC_RESPONSE_BYTES: usize = 6_291_456;

/// Largest asynchronous request: 1 MB since October 2025, 256 KB before.
/// Source: Lambda quotas page; Invoke API (checked 2026-11).
pub const MAX_ASYNC_REQUEST_BYTES: usize = 1_048_576;

// ---------------------------------------------------------------------------------------------
// Concurrency and scaling (Lambda quotas page; "Lambda scaling behavior"; checked 2026-11)
// ---------------------------------------------------------------------------------------------

/// The default concurrency quota of an account, per Region. Source: Lambda quotas page.
pub const DEFAULT_ACCOUNT_CONCURRENCY: u32 = 1_000;

/// Lambda keeps at least this much of the account's concurrency unreserved, so reserved and
/// provisioned concurrency can use at most `account − 100`.
/// Source: Lambda developer guide, "Configuring reserved concurrency" (checked 2026-11).
pub const MIN_UNRESERVED_CONCURRENCY: u32 = 100;

/// Each function can add at most 1,000 execution environments every 10 seconds (since
/// November 2023; before that a per-account burst of 500–3,000, then +500 per minute).
/// Source: Lambda developer guide, "Lambda scaling behavior"; AWS News Blog 2023-11-27.
pub const SCALING_ENVIRONMENTS_PER_WINDOW: u32 = 1_000;

/// The window of [`SCALING_ENVIRONMENTS_PER_WINDOW`]. Same source.
pub const SCALING_WINDOW_MS: f64 = 10_000.0;

// ---------------------------------------------------------------------------------------------
// Execution environment lifecycle
// ---------------------------------------------------------------------------------------------

/// The INIT phase of an on-demand function may take at most 10 s; after that Lambda fails the
/// init. Source: Lambda developer guide, "Lambda execution environment lifecycle" (checked 2026-11).
pub const INIT_PHASE_LIMIT: Duration = Duration::from_secs(10);

/// [`INIT_PHASE_LIMIT`] in ms, for the models.
pub const INIT_PHASE_LIMIT_MS: f64 = INIT_PHASE_LIMIT.as_millis() as f64;

/// **Assumption, not an AWS fact**: how long an idle environment is kept before Lambda
/// reclaims it. AWS does not document this; about 5 to 60 minutes have been observed over the
/// years (FACTS.md, "idle lifetime"). Adjustable, and every view that uses it says so.
pub const ASSUMED_IDLE_LIFETIME_SECS: u64 = 10 * 60;

/// [`ASSUMED_IDLE_LIFETIME_SECS`] as a [`Duration`], for the runtime's pool.
pub const ASSUMED_IDLE_LIFETIME: Duration = Duration::from_secs(ASSUMED_IDLE_LIFETIME_SECS);

/// [`ASSUMED_IDLE_LIFETIME_SECS`] in ms, for the simulator.
pub const ASSUMED_IDLE_LIFETIME_MS: f64 = ASSUMED_IDLE_LIFETIME_SECS as f64 * 1_000.0;

// ---------------------------------------------------------------------------------------------
// Asynchronous invocation (invocation-async doc; checked 2026-11)
// ---------------------------------------------------------------------------------------------

/// How long Lambda waits before each retry of an asynchronous invoke that failed with a
/// function error: about 1 minute, then 2 minutes (two retries in all).
/// Source: Lambda developer guide, "Asynchronous invocation" (checked 2026-11).
pub const ASYNC_RETRY_DELAYS_SECS: [u64; 2] = [60, 120];
