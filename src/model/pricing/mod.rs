//! The AWS Lambda pricing model: one month of one function, line by line, as AWS bills it.
//!
//! Pure and deterministic (no egui, no tokio, no I/O). Every price below names its source and
//! the date it was checked; all of them are us-east-1 (N. Virginia), in USD.
//!
//! # Exact arithmetic
//! Money never passes through `f64`. Every AWS price has at most 10 decimal places, so prices
//! are integers of 10⁻¹⁰ USD ([`UsdRate`]). Every quantity of memory × time is an integer of
//! MB × ms (`*_mb_ms`), and 1 GB-s = 1,024 MB × 1,000 ms = 1,024,000 MB-ms. A price × a
//! quantity is therefore an exact integer over the fixed denominator 10¹⁰ × 1,024,000
//! ([`ExactUsd`]); tier boundaries are integers of MB-ms too, so nothing can drift. Only the
//! last step rounds, to the cent, half up, once per line item; the total is the sum of the
//! rounded line items, as in AWS's own worked examples.
//!
//! # Choices where AWS is silent (each is tested)
//! - **Average durations.** Every invocation is assumed to take the average duration, taken to
//!   the microsecond, and is billed in whole ms rounded up (never less than 1 ms): 1.2 ms bills
//!   as 2 ms.
//! - **INIT on cold starts** (billed since 2025-08-01). A cold invocation's INIT and invoke are
//!   rounded up *together*, as the REPORT line's `Billed Duration` is: ceil(init + duration).
//!   The INIT line is the extra over ceil(duration). INIT GB-s are just more duration GB-s:
//!   they share the free tier and the tiers with the invoke GB-s, and are counted *after*
//!   them, so the INIT line is what cold starts add to the bill.
//! - **Free tier and tiers.** The 400,000 free GB-s come off first; the tiers then apply to
//!   the billable GB-s, as the AWS Pricing Calculator shows its work ("Tiered price for: …").
//! - **Provisioned concurrency.** The free tier does not apply to anything served by
//!   provisioned concurrency (its concurrency, its duration, or its requests, as in AWS's
//!   provisioned concurrency example); on-demand requests beyond it ("overflow") get the
//!   on-demand rates and the free tier. The provisioned duration rate is not tiered. INIT of
//!   provisioned environments (run ahead of time, and again when AWS recycles them) is not
//!   modelled.
//! - **Ephemeral storage** above 512 MB is billed for every billed second: on-demand duration,
//!   billed INIT, and duration served by provisioned concurrency. No free tier applies to it.

use serde::{Deserialize, Serialize};

use crate::model::format;
use crate::model::lambda::Architecture;
use crate::model::limits;

mod estimate;
mod money;
mod validation;

pub use estimate::*;
pub use money::*;
pub use validation::*;

// ---------------------------------------------------------------------------------------------
// Prices and limits
// ---------------------------------------------------------------------------------------------

/// Price of one request: $0.20 per 1M requests ($0.0000002 each), the same for x86_64 and
/// arm64, on demand and with provisioned concurrency.
/// Source: AWS Lambda pricing page (aws.amazon.com/lambda/pricing), us-east-1, checked 2026-11.
pub const REQUEST_PRICE: UsdRate = UsdRate::from_ten_billionths_usd(2_000);

/// Streamed response bytes beyond the first 6 MB of each response: $0.008 per GB (the first
/// 100 GiB a month are free; not modelled per invoke). Source: AWS Lambda pricing page,
/// response streaming; FACTS.md (checked 2026-12).
pub const STREAMED_PRICE_PER_GB: UsdRate = UsdRate::from_ten_billionths_usd(80_000_000);

/// Bytes of each streamed response that are free of the streaming charge.
pub const STREAMED_FREE_BYTES_PER_RESPONSE: usize = 6 * 1024 * 1024;

/// The streaming charge for one response of `bytes`, before the monthly free 100 GiB.
pub fn streamed_usd(bytes: usize) -> f64 {
    let charged = bytes.saturating_sub(STREAMED_FREE_BYTES_PER_RESPONSE) as f64;
    charged / (1024.0 * 1024.0 * 1024.0) * STREAMED_PRICE_PER_GB.usd_f64()
}

/// Always-free requests per month, shared by x86_64 and arm64; not for provisioned concurrency.
/// Source: AWS Lambda pricing page, free tier, checked 2026-11.
pub const FREE_TIER_REQUESTS: u64 = 1_000_000;

/// Always-free duration per month in GB-s, shared by x86_64 and arm64; not for provisioned
/// concurrency. Source: AWS Lambda pricing page, free tier, checked 2026-11.
pub const FREE_TIER_GB_S: u64 = 400_000;

/// One duration price tier: the price applies to billable GB-s in a month up to `up_to_gb_s`
/// (cumulative, counted from the first billable GB-s), or without bound when `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationTier {
    /// Upper bound of this tier in cumulative billable GB-s per month; `None` for the last.
    pub up_to_gb_s: Option<u64>,
    /// Price per GB-s inside this tier.
    pub price_per_gb_s: UsdRate,
}

/// On-demand duration tiers for x86_64: $0.0000166667 per GB-s for the first 6 billion GB-s a
/// month, $0.0000150000 for the next 9 billion, $0.0000133334 above 15 billion.
/// Sources: AWS Lambda pricing page, us-east-1, checked 2026-11; AWS Compute Blog
/// "Introducing tiered pricing for AWS Lambda" (2022-08).
pub const X86_64_DURATION_TIERS: [DurationTier; 3] = [
    DurationTier {
        up_to_gb_s: Some(6_000_000_000),
        price_per_gb_s: UsdRate::from_ten_billionths_usd(166_667),
    },
    DurationTier {
        up_to_gb_s: Some(15_000_000_000),
        price_per_gb_s: UsdRate::from_ten_billionths_usd(150_000),
    },
    DurationTier {
        up_to_gb_s: None,
        price_per_gb_s: UsdRate::from_ten_billionths_usd(133_334),
    },
];

/// On-demand duration tiers for arm64: $0.0000133334 per GB-s for the first 7.5 billion GB-s a
/// month, $0.0000120001 for the next 11.25 billion, $0.0000106667 above 18.75 billion.
/// Sources: AWS Lambda pricing page, us-east-1, checked 2026-11; AWS Compute Blog
/// "Introducing tiered pricing for AWS Lambda" (2022-08).
pub const ARM64_DURATION_TIERS: [DurationTier; 3] = [
    DurationTier {
        up_to_gb_s: Some(7_500_000_000),
        price_per_gb_s: UsdRate::from_ten_billionths_usd(133_334),
    },
    DurationTier {
        up_to_gb_s: Some(18_750_000_000),
        price_per_gb_s: UsdRate::from_ten_billionths_usd(120_001),
    },
    DurationTier {
        up_to_gb_s: None,
        price_per_gb_s: UsdRate::from_ten_billionths_usd(106_667),
    },
];

/// Ephemeral storage (/tmp) above the free 512 MB: $0.0000000309 per GB-s of configured extra
/// storage, both architectures. Source: AWS Lambda pricing page, us-east-1, checked 2026-11.
pub const EPHEMERAL_STORAGE_PRICE_PER_GB_S: UsdRate = UsdRate::from_ten_billionths_usd(309);

/// Ephemeral storage included with every function, in MB (only storage above it is billed).
/// Sources: AWS Lambda pricing page and Lambda quotas page, checked 2026-11.
pub const EPHEMERAL_STORAGE_FREE_MB: u32 = 512;

/// Provisioned concurrency, x86_64: $0.0000041667 per GB-s of configured concurrency while it
/// is enabled. Source: AWS Lambda pricing page, us-east-1, checked 2026-11.
pub const X86_64_PROVISIONED_CONCURRENCY_PRICE_PER_GB_S: UsdRate =
    UsdRate::from_ten_billionths_usd(41_667);

/// Provisioned concurrency, arm64: $0.0000033334 per GB-s of configured concurrency while it
/// is enabled. Source: AWS Lambda pricing page, us-east-1, checked 2026-11.
pub const ARM64_PROVISIONED_CONCURRENCY_PRICE_PER_GB_S: UsdRate =
    UsdRate::from_ten_billionths_usd(33_334);

/// Duration of requests served by provisioned concurrency, x86_64: $0.0000097222 per GB-s
/// (not tiered). Source: AWS Lambda pricing page, us-east-1, checked 2026-11.
pub const X86_64_PROVISIONED_DURATION_PRICE_PER_GB_S: UsdRate =
    UsdRate::from_ten_billionths_usd(97_222);

/// Duration of requests served by provisioned concurrency, arm64: $0.0000077778 per GB-s
/// (not tiered). Source: AWS Lambda pricing page, us-east-1, checked 2026-11.
pub const ARM64_PROVISIONED_DURATION_PRICE_PER_GB_S: UsdRate =
    UsdRate::from_ten_billionths_usd(77_778);

/// Provisioned concurrency is billed from enable to disable, rounded up to 5 minutes.
/// Source: AWS Lambda pricing page, checked 2026-11.
pub const PROVISIONED_CONCURRENCY_BILLING_STEP_MS: u64 = 5 * 60 * 1_000;

/// Duration is billed in steps of 1 ms, rounded up (since 2020-12-01; 100 ms before).
/// Source: AWS What's New 2020-12-01 "AWS Lambda changes duration billing granularity from
/// 100ms down to 1ms".
pub const DURATION_BILLING_STEP_MS: u64 = 1;

/// The date from which INIT is billed for on-demand zip functions on managed runtimes
/// (custom runtimes, container images and provisioned concurrency were already billed).
/// Source: AWS Compute Blog "AWS Lambda standardizes billing for INIT Phase" (2025-04),
/// effective 2025-08-01.
pub const INIT_BILLING_EFFECTIVE_DATE: &str = "2025-08-01";

/// Where the prices come from, for labels ("model", with the source one click away).
pub const PRICE_SOURCE: &str =
    "AWS Lambda pricing page (aws.amazon.com/lambda/pricing), us-east-1, checked 2026-11";

/// MB-ms in one GB-s: 1,024 MB × 1,000 ms. GB-s = billed ms / 1000 × memory MB / 1024.
pub const MB_MS_PER_GB_S: u128 = 1_024 * 1_000;

/// Hours in the longest month (31 days); the model prices one month.
pub const MAX_HOURS_PER_MONTH: u64 = 31 * 24;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

// The architecture type is the shared one (`model::lambda`); its prices are here.
impl Architecture {
    /// The on-demand duration tiers of this architecture.
    pub fn duration_tiers(self) -> &'static [DurationTier; 3] {
        match self {
            Self::X86_64 => &X86_64_DURATION_TIERS,
            Self::Arm64 => &ARM64_DURATION_TIERS,
        }
    }

    /// Price per GB-s of configured provisioned concurrency.
    pub fn provisioned_concurrency_price_per_gb_s(self) -> UsdRate {
        match self {
            Self::X86_64 => X86_64_PROVISIONED_CONCURRENCY_PRICE_PER_GB_S,
            Self::Arm64 => ARM64_PROVISIONED_CONCURRENCY_PRICE_PER_GB_S,
        }
    }

    /// Price per GB-s of duration served by provisioned concurrency.
    pub fn provisioned_duration_price_per_gb_s(self) -> UsdRate {
        match self {
            Self::X86_64 => X86_64_PROVISIONED_DURATION_PRICE_PER_GB_S,
            Self::Arm64 => ARM64_PROVISIONED_DURATION_PRICE_PER_GB_S,
        }
    }
}

/// Cold starts among the on-demand requests.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ColdStarts {
    /// Fraction of on-demand requests that start a new environment, 0–1 (typically < 0.01).
    pub rate: f64,
    /// INIT duration of one cold start in ms (decimals allowed).
    pub init_duration_ms: f64,
}

/// Provisioned concurrency configured on the function, and the requests it serves.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProvisionedConcurrency {
    /// Configured concurrency (environments kept initialized).
    pub concurrency: u32,
    /// Hours it is enabled this month (billed rounded up to 5 minutes).
    pub hours_enabled: f64,
    /// Requests per month served by the provisioned environments.
    pub requests: u64,
    /// Average duration of those requests in ms (decimals allowed).
    pub duration_ms: f64,
}

/// Everything the bill of one function for one month depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PricingInputs {
    /// On-demand requests per month (including overflow beyond provisioned concurrency, and
    /// excluding the requests provisioned concurrency serves).
    pub requests: u64,
    /// Average duration of an on-demand request in ms (decimals allowed).
    pub duration_ms: f64,
    /// Configured memory in MB (128–10,240).
    pub memory_mb: u32,
    /// Instruction set architecture.
    pub architecture: Architecture,
    /// Configured ephemeral storage (/tmp) in MB (512–10,240).
    pub ephemeral_storage_mb: u32,
    /// Apply the always-free tier (1M requests and 400,000 GB-s a month).
    pub free_tier: bool,
    /// Cold starts among the on-demand requests, if modelled.
    pub cold_starts: Option<ColdStarts>,
    /// Bill INIT as duration: true since 2025-08-01 for every function; false shows the bill
    /// of an on-demand zip function on a managed runtime before that date.
    pub init_billed: bool,
    /// Provisioned concurrency, if configured.
    pub provisioned: Option<ProvisionedConcurrency>,
    /// For asynchronous (`Event`) invocations: the average event size in KB. Events over
    /// 256 KB are billed as more than one request (see [`requests_per_async_event`]).
    pub async_event_kb: Option<f64>,
}

impl Default for PricingInputs {
    /// A small, typical function: 1M requests of 100 ms at 128 MB, x86_64, free tier on.
    fn default() -> Self {
        Self {
            requests: 1_000_000,
            duration_ms: 100.0,
            memory_mb: 128,
            architecture: Architecture::X86_64,
            ephemeral_storage_mb: EPHEMERAL_STORAGE_FREE_MB,
            free_tier: true,
            cold_starts: None,
            init_billed: true,
            provisioned: None,
            async_event_kb: None,
        }
    }
}

/// An asynchronous event's first 256 KB are billed as one request. Source: AWS Lambda
/// pricing page and the October 2025 announcement raising the asynchronous payload to 1 MB
/// (as issue 18 and FACTS.md state them: "1 MB = 13 requests"; checked 2026-12).
pub const ASYNC_EVENT_BASE_KB: f64 = 256.0;

/// Each further 64 KB of an asynchronous event (or part of it) is billed as one more request.
/// Source: as [`ASYNC_EVENT_BASE_KB`].
pub const ASYNC_EVENT_CHUNK_KB: f64 = 64.0;

/// Requests billed for one asynchronous event of `kb` KB: 1 up to 256 KB, then one more per
/// 64 KB begun (1,024 KB → 13).
pub fn requests_per_async_event(kb: f64) -> u64 {
    let beyond = (kb - ASYNC_EVENT_BASE_KB).max(0.0);
    1 + (beyond / ASYNC_EVENT_CHUNK_KB).ceil() as u64
}

// ---------------------------------------------------------------------------------------------
// Billing rules
// ---------------------------------------------------------------------------------------------

/// A duration in ms taken to the microsecond, so inputs typed with up to 3 decimals are exact
/// (1.2 + 130.3 must not become 131.50000000000003 and round up a whole extra ms).
fn duration_us(duration_ms: f64) -> u64 {
    // Rounds half up without a libm call (the simulator bills every request); `as` saturates
    // anything out of range, and validation bounds durations to 0..=900,000 ms anyway.
    (duration_ms.max(0.0) * 1_000.0 + 0.5) as u64
}

/// Billed ms for one invocation: its duration, plus the INIT phase on a cold start (billed since
/// 2025-08-01, [`INIT_BILLING_EFFECTIVE_DATE`]), taken together and rounded up to the next
/// whole ms ([`DURATION_BILLING_STEP_MS`]), never less than 1 ms: every invocation runs for
/// some time, and REPORT lines never bill 0 ms. Init 1293.83 ms + Duration 1049.63 ms bills
/// 2344 ms, as the REPORT line's `Billed Duration` shows. The one billing rule every layer uses
/// (the runtime's records, the simulator's totals, the bill).
pub fn billed_duration_ms(duration_ms: f64, init_duration_ms: Option<f64>) -> u64 {
    let total_us = duration_us(duration_ms) + init_duration_ms.map_or(0, duration_us);
    total_us.div_ceil(1_000 * DURATION_BILLING_STEP_MS).max(1) * DURATION_BILLING_STEP_MS
}

/// What one invocation of `billed_duration_ms` costs: one request plus its GB-s at the first
/// price tier of `architecture`, before the free tier (the marginal price of one more).
pub fn invocation_usd(billed_duration_ms: u64, memory_mb: u32, architecture: Architecture) -> f64 {
    let gb_s = billed_duration_ms as f64 / 1000.0 * f64::from(memory_mb) / 1024.0;
    REQUEST_PRICE.usd_f64() + gb_s * architecture.duration_tiers()[0].price_per_gb_s.usd_f64()
}

/// Billed ms of provisioned concurrency enabled for `hours`: rounded up to 5 minutes. Hours
/// are taken to the millisecond first, so 0.1 h is exactly 360,000 ms.
pub fn provisioned_billed_ms(hours: f64) -> u64 {
    let enabled_ms = (hours.max(0.0) * 3_600_000.0).round() as u64;
    enabled_ms.div_ceil(PROVISIONED_CONCURRENCY_BILLING_STEP_MS)
        * PROVISIONED_CONCURRENCY_BILLING_STEP_MS
}

/// Cold starts among `requests` at `rate`, rounded to the nearest whole invocation.
pub fn cold_start_count(requests: u64, rate: f64) -> u64 {
    ((requests as f64 * rate.clamp(0.0, 1.0)).round() as u64).min(requests)
}

/// One run of billable GB-s inside a single price tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierSegment {
    /// Billable quantity in MB-ms.
    pub mb_ms: u128,
    /// Price per GB-s in this tier.
    pub price_per_gb_s: UsdRate,
}

/// Splits `amount_mb_ms` of billable duration, starting after `start_mb_ms` billable MB-ms
/// already counted this month, into the architecture's price tiers.
pub fn split_into_tiers(
    architecture: Architecture,
    start_mb_ms: u128,
    amount_mb_ms: u128,
) -> Vec<TierSegment> {
    let mut segments = Vec::new();
    let mut position = start_mb_ms;
    let end = start_mb_ms + amount_mb_ms;
    for tier in architecture.duration_tiers() {
        if position >= end {
            break;
        }
        let tier_end = tier
            .up_to_gb_s
            .map_or(u128::MAX, |gb_s| u128::from(gb_s) * MB_MS_PER_GB_S);
        if position >= tier_end {
            continue;
        }
        let segment_end = end.min(tier_end);
        segments.push(TierSegment {
            mb_ms: segment_end - position,
            price_per_gb_s: tier.price_per_gb_s,
        });
        position = segment_end;
    }
    segments
}

#[cfg(test)]
mod tests;
