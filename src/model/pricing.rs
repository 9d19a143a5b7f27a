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

use std::fmt;

use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Prices and limits
// ---------------------------------------------------------------------------------------------

/// A price per unit (per request, or per GB-s), in integer units of 10⁻¹⁰ USD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UsdRate {
    ten_billionths_usd: u64,
}

impl UsdRate {
    /// A price of `ten_billionths_usd` × 10⁻¹⁰ USD per unit.
    pub const fn from_ten_billionths_usd(ten_billionths_usd: u64) -> Self {
        Self { ten_billionths_usd }
    }

    /// The price in units of 10⁻¹⁰ USD.
    pub const fn ten_billionths_usd(self) -> u64 {
        self.ten_billionths_usd
    }

    /// The price in USD, for charts (never for billing arithmetic).
    pub fn usd_f64(self) -> f64 {
        self.ten_billionths_usd as f64 / 1e10
    }
}

impl fmt::Display for UsdRate {
    /// AWS's own notation, with all ten decimals: `$0.0000166667`, `$0.0000150000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.ten_billionths_usd / 10_000_000_000;
        let fraction = self.ten_billionths_usd % 10_000_000_000;
        write!(f, "${whole}.{fraction:010}")
    }
}

/// Price of one request: $0.20 per 1M requests ($0.0000002 each), the same for x86_64 and
/// arm64, on demand and with provisioned concurrency.
/// Source: AWS Lambda pricing page (aws.amazon.com/lambda/pricing), us-east-1, checked 2026-11.
pub const REQUEST_PRICE: UsdRate = UsdRate::from_ten_billionths_usd(2_000);

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
// Exact money
// ---------------------------------------------------------------------------------------------

/// An exact amount of money: `numerator / ExactUsd::DENOMINATOR` US dollars.
///
/// The denominator is 10¹⁰ (prices) × 1,024,000 (MB-ms per GB-s), so every price × quantity in
/// this model is an integer numerator and sums never drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ExactUsd {
    numerator: u128,
}

impl ExactUsd {
    /// The fixed denominator of every [`ExactUsd`].
    pub const DENOMINATOR: u128 = 10_000_000_000 * MB_MS_PER_GB_S;

    /// Zero dollars.
    pub const ZERO: Self = Self { numerator: 0 };

    /// `numerator / DENOMINATOR` USD.
    pub const fn from_numerator(numerator: u128) -> Self {
        Self { numerator }
    }

    /// The numerator over [`ExactUsd::DENOMINATOR`].
    pub const fn numerator(self) -> u128 {
        self.numerator
    }

    /// The cost of `mb_ms` MB-ms at `rate` per GB-s: exact by construction.
    pub fn of_mb_ms(mb_ms: u128, rate: UsdRate) -> Self {
        Self::from_numerator(mb_ms * u128::from(rate.ten_billionths_usd))
    }

    /// The cost of `count` units at `rate` per unit (requests).
    pub fn of_count(count: u128, rate: UsdRate) -> Self {
        Self::from_numerator(count * u128::from(rate.ten_billionths_usd) * MB_MS_PER_GB_S)
    }

    /// Rounded to whole cents, half up (the way AWS's examples show $0.077868 as $0.08).
    pub fn cents_half_up(self) -> u64 {
        let cents = (self.numerator * 100 + Self::DENOMINATOR / 2) / Self::DENOMINATOR;
        // Inputs are bounded by validation far below u64::MAX cents; saturate rather than wrap.
        u64::try_from(cents).unwrap_or(u64::MAX)
    }

    /// The amount in USD as `f64`, for charts and JSON (not for billing arithmetic).
    pub fn usd_f64(self) -> f64 {
        let whole = self.numerator / Self::DENOMINATOR;
        let fraction = self.numerator % Self::DENOMINATOR;
        whole as f64 + fraction as f64 / Self::DENOMINATOR as f64
    }
}

impl std::ops::Add for ExactUsd {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self::from_numerator(self.numerator + other.numerator)
    }
}

impl std::iter::Sum for ExactUsd {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |sum, item| sum + item)
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// The instruction set architecture of the function; each has its own prices and tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Architecture {
    /// Intel/AMD (the default).
    #[default]
    #[serde(rename = "x86_64")]
    X86_64,
    /// Graviton.
    #[serde(rename = "arm64")]
    Arm64,
}

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

impl fmt::Display for Architecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::X86_64 => "x86_64",
            Self::Arm64 => "arm64",
        })
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
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// One input of the model, with its allowed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// On-demand requests per month.
    Requests,
    /// Average on-demand duration in ms.
    DurationMs,
    /// Memory size in MB.
    MemoryMb,
    /// Ephemeral storage in MB.
    EphemeralStorageMb,
    /// Cold-start rate, 0–1.
    ColdStartRate,
    /// INIT duration in ms.
    InitDurationMs,
    /// Configured provisioned concurrency.
    ProvisionedConcurrency,
    /// Hours provisioned concurrency is enabled.
    ProvisionedHours,
    /// Requests served by provisioned concurrency.
    ProvisionedRequests,
    /// Average duration of requests served by provisioned concurrency, in ms.
    ProvisionedDurationMs,
}

/// Most requests a month the model accepts: far above any real function, and low enough that
/// every product in the model fits in `u128` exactly.
pub const MAX_REQUESTS_PER_MONTH: u64 = 1_000_000_000_000_000;

/// Most configured provisioned concurrency the model accepts: far above any account quota.
pub const MAX_PROVISIONED_CONCURRENCY: u64 = 1_000_000;

/// Longest duration in ms: the 900 s maximum timeout (CreateFunction API, checked 2026-11).
pub const MAX_DURATION_MS: u64 = 900_000;

/// Longest INIT in ms: the 10 s on-demand INIT limit (Lambda runtime-environment doc, checked
/// 2026-11).
pub const MAX_INIT_DURATION_MS: u64 = 10_000;

impl Field {
    /// Smallest allowed value.
    pub fn min(self) -> f64 {
        match self {
            Self::MemoryMb => 128.0,
            Self::EphemeralStorageMb => 512.0,
            Self::ProvisionedConcurrency => 1.0,
            _ => 0.0,
        }
    }

    /// Largest allowed value.
    pub fn max(self) -> f64 {
        match self {
            Self::Requests | Self::ProvisionedRequests => MAX_REQUESTS_PER_MONTH as f64,
            Self::DurationMs | Self::ProvisionedDurationMs => MAX_DURATION_MS as f64,
            Self::MemoryMb | Self::EphemeralStorageMb => 10_240.0,
            Self::ColdStartRate => 1.0,
            Self::InitDurationMs => MAX_INIT_DURATION_MS as f64,
            Self::ProvisionedConcurrency => MAX_PROVISIONED_CONCURRENCY as f64,
            Self::ProvisionedHours => MAX_HOURS_PER_MONTH as f64,
        }
    }

    /// Whether only whole numbers are allowed.
    pub fn whole_only(self) -> bool {
        matches!(
            self,
            Self::Requests
                | Self::MemoryMb
                | Self::EphemeralStorageMb
                | Self::ProvisionedConcurrency
                | Self::ProvisionedRequests
        )
    }

    /// The parameter name AWS's API validation uses for this value, where AWS has one.
    pub fn aws_name(self) -> Option<&'static str> {
        match self {
            Self::MemoryMb => Some("memorySize"),
            Self::EphemeralStorageMb => Some("ephemeralStorage.size"),
            Self::ProvisionedConcurrency => Some("provisionedConcurrentExecutions"),
            _ => None,
        }
    }

    /// What is allowed, in words.
    pub fn allowed(self) -> &'static str {
        match self {
            Self::Requests => "a whole number of requests per month, 0 to 1,000,000,000,000,000",
            Self::DurationMs | Self::ProvisionedDurationMs => {
                "0 to 900,000 ms (the 15-minute timeout); decimals allowed, each invocation is \
                 billed in whole ms rounded up"
            }
            Self::MemoryMb => "128 to 10,240 MB, in 1 MB steps",
            Self::EphemeralStorageMb => "512 to 10,240 MB, in 1 MB steps (above 512 MB is billed)",
            Self::ColdStartRate => "a fraction from 0 to 1 of the on-demand requests, e.g. 0.01",
            Self::InitDurationMs => "0 to 10,000 ms (INIT is limited to 10 s on demand)",
            Self::ProvisionedConcurrency => "a whole number from 1 to 1,000,000",
            Self::ProvisionedHours => "0 to 744 hours (the model prices one month of 31 days)",
            Self::ProvisionedRequests => {
                "a whole number of requests per month, 0 to 1,000,000,000,000,000"
            }
        }
    }

    /// Checks `value` against this field's rules and returns it unchanged when allowed.
    pub fn check(self, value: f64) -> Result<f64, PricingError> {
        let shown = format_input(value);
        if !value.is_finite() {
            return Err(PricingError::NotANumber {
                field: self,
                value: shown,
            });
        }
        if value < self.min() {
            return Err(PricingError::BelowMinimum {
                field: self,
                value: shown,
            });
        }
        if value > self.max() {
            return Err(PricingError::AboveMaximum {
                field: self,
                value: shown,
            });
        }
        if self.whole_only() && value.fract() != 0.0 {
            return Err(PricingError::NotWhole {
                field: self,
                value: shown,
            });
        }
        Ok(value)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Requests => "requests per month",
            Self::DurationMs => "duration (ms)",
            Self::MemoryMb => "memory size (MB)",
            Self::EphemeralStorageMb => "ephemeral storage (MB)",
            Self::ColdStartRate => "cold-start rate",
            Self::InitDurationMs => "INIT duration (ms)",
            Self::ProvisionedConcurrency => "provisioned concurrency",
            Self::ProvisionedHours => "provisioned concurrency hours",
            Self::ProvisionedRequests => "requests served by provisioned concurrency",
            Self::ProvisionedDurationMs => "provisioned concurrency duration (ms)",
        })
    }
}

/// Why the model refused its inputs. Messages use AWS's API validation wording where AWS
/// validates the same value, so learners meet the real text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PricingError {
    /// Below the field's minimum.
    #[error("{}", range_message(*.field, .value, "greater", .field.min()))]
    BelowMinimum {
        /// The field.
        field: Field,
        /// The value as given.
        value: String,
    },
    /// Above the field's maximum.
    #[error("{}", range_message(*.field, .value, "less", .field.max()))]
    AboveMaximum {
        /// The field.
        field: Field,
        /// The value as given.
        value: String,
    },
    /// A fraction where only whole numbers are allowed.
    #[error("Value '{value}' for {field} must be a whole number")]
    NotWhole {
        /// The field.
        field: Field,
        /// The value as given.
        value: String,
    },
    /// Not a finite number.
    #[error("Value '{value}' for {field} is not a number")]
    NotANumber {
        /// The field.
        field: Field,
        /// The value as given.
        value: String,
    },
    /// The provisioned environments cannot be busy longer than they are enabled.
    #[error(
        "{requests} requests × {billed_ms_each} ms need {needed} of busy time, but \
         {concurrency} provisioned environment(s) enabled for {hours} h offer only {available}"
    )]
    ProvisionedOverCapacity {
        /// Requests served by provisioned concurrency.
        requests: String,
        /// Billed ms of each, formatted.
        billed_ms_each: String,
        /// Busy time needed, formatted.
        needed: String,
        /// Configured concurrency.
        concurrency: u32,
        /// Hours enabled.
        hours: String,
        /// Environment time available, formatted.
        available: String,
    },
}

impl PricingError {
    /// The input at fault.
    pub fn field(&self) -> Field {
        match self {
            Self::BelowMinimum { field, .. }
            | Self::AboveMaximum { field, .. }
            | Self::NotWhole { field, .. }
            | Self::NotANumber { field, .. } => *field,
            Self::ProvisionedOverCapacity { .. } => Field::ProvisionedRequests,
        }
    }

    /// What is allowed, in words.
    pub fn allowed(&self) -> &'static str {
        match self {
            Self::ProvisionedOverCapacity { .. } => {
                "at most concurrency × hours enabled of busy time; serve the rest on demand \
                 (--requests) or raise the concurrency"
            }
            _ => self.field().allowed(),
        }
    }
}

fn range_message(field: Field, value: &str, direction: &str, limit: f64) -> String {
    let limit = format_input(limit);
    match field.aws_name() {
        Some(name) => format!(
            "Value '{value}' at '{name}' failed to satisfy constraint: Member must have value \
             {direction} than or equal to {limit}"
        ),
        None => format!("Value '{value}' for {field} must be {direction} than or equal to {limit}"),
    }
}

impl PricingInputs {
    /// Checks every input against its allowed range.
    pub fn validate(&self) -> Result<(), PricingError> {
        Field::Requests.check(self.requests as f64)?;
        Field::DurationMs.check(self.duration_ms)?;
        Field::MemoryMb.check(f64::from(self.memory_mb))?;
        Field::EphemeralStorageMb.check(f64::from(self.ephemeral_storage_mb))?;
        if let Some(cold) = self.cold_starts {
            Field::ColdStartRate.check(cold.rate)?;
            Field::InitDurationMs.check(cold.init_duration_ms)?;
        }
        if let Some(pc) = self.provisioned {
            Field::ProvisionedConcurrency.check(f64::from(pc.concurrency))?;
            Field::ProvisionedHours.check(pc.hours_enabled)?;
            Field::ProvisionedRequests.check(pc.requests as f64)?;
            Field::ProvisionedDurationMs.check(pc.duration_ms)?;
            let billed_ms_each = billed_duration_ms(pc.duration_ms);
            let needed_ms = u128::from(pc.requests) * u128::from(billed_ms_each);
            let available_ms =
                u128::from(pc.concurrency) * u128::from(provisioned_billed_ms(pc.hours_enabled));
            if needed_ms > available_ms {
                return Err(PricingError::ProvisionedOverCapacity {
                    requests: group_thousands(u128::from(pc.requests)),
                    billed_ms_each: group_thousands(u128::from(billed_ms_each)),
                    needed: format_seconds(needed_ms),
                    concurrency: pc.concurrency,
                    hours: format_input(pc.hours_enabled),
                    available: format_seconds(available_ms),
                });
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Billing rules
// ---------------------------------------------------------------------------------------------

/// A duration in ms taken to the microsecond, so inputs typed with up to 3 decimals are exact
/// (1.2 + 130.3 must not become 131.50000000000003 and round up a whole extra ms).
fn duration_us(duration_ms: f64) -> u64 {
    // Validation bounds durations to 0..=900,000 ms; `as` saturates anything else.
    (duration_ms.max(0.0) * 1_000.0).round() as u64
}

/// Billed ms for one invocation of `duration_ms`: rounded up to the next whole ms, and never
/// less than 1 ms (every invocation runs for some time; REPORT lines never bill 0 ms).
pub fn billed_duration_ms(duration_ms: f64) -> u64 {
    duration_us(duration_ms)
        .div_ceil(1_000)
        .max(DURATION_BILLING_STEP_MS)
}

/// What one invocation of `billed_duration_ms` costs: one request plus its GB-s at the first
/// price tier of `architecture`, before the free tier (the marginal price of one more).
pub fn invocation_usd(billed_duration_ms: u64, memory_mb: u32, architecture: Architecture) -> f64 {
    let gb_s = billed_duration_ms as f64 / 1000.0 * f64::from(memory_mb) / 1024.0;
    REQUEST_PRICE.usd_f64() + gb_s * architecture.duration_tiers()[0].price_per_gb_s.usd_f64()
}

/// Billed ms for one cold invocation: INIT and invoke are rounded up together, as the REPORT
/// line's `Billed Duration` shows (e.g. Init 1293.83 ms + Duration 1049.63 ms bills 2344 ms).
pub fn billed_cold_duration_ms(duration_ms: f64, init_duration_ms: f64) -> u64 {
    (duration_us(duration_ms) + duration_us(init_duration_ms))
        .div_ceil(1_000)
        .max(DURATION_BILLING_STEP_MS)
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

// ---------------------------------------------------------------------------------------------
// The estimate
// ---------------------------------------------------------------------------------------------

/// The kinds of line item on a Lambda bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineItemKind {
    /// On-demand duration (INVOKE phase), tiered.
    Compute,
    /// INIT duration of on-demand cold starts, tiered with compute.
    Init,
    /// Requests, on demand and served by provisioned concurrency.
    Requests,
    /// Ephemeral storage above 512 MB.
    Ephemeral,
    /// Configured provisioned concurrency while enabled.
    ProvisionedConcurrency,
    /// Duration of requests served by provisioned concurrency.
    ProvisionedDuration,
}

impl LineItemKind {
    /// Every kind, in the order a bill lists them.
    pub const ALL: [Self; 6] = [
        Self::Compute,
        Self::Init,
        Self::Requests,
        Self::Ephemeral,
        Self::ProvisionedConcurrency,
        Self::ProvisionedDuration,
    ];

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Compute => "Compute (duration)",
            Self::Init => "INIT duration (cold starts)",
            Self::Requests => "Requests",
            Self::Ephemeral => "Ephemeral storage",
            Self::ProvisionedConcurrency => "Provisioned concurrency",
            Self::ProvisionedDuration => "Provisioned duration",
        }
    }
}

/// One line of the bill.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// What is billed.
    pub kind: LineItemKind,
    /// The exact amount before rounding.
    pub unrounded_cost: ExactUsd,
    /// The amount rounded to cents, half up: what the bill shows.
    pub cost_cents: u64,
    /// The arithmetic in words, e.g. "540,000 GB-s − 400,000 free = 140,000 GB-s ×
    /// $0.0000166667 = $2.33".
    pub arithmetic: String,
}

impl LineItem {
    /// The rounded amount in USD.
    pub fn cost_usd(&self) -> f64 {
        self.cost_cents as f64 / 100.0
    }
}

/// The monthly bill of one function.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The inputs it was computed from.
    pub inputs: PricingInputs,
    /// The line items that apply, in bill order (compute and requests are always present).
    pub line_items: Vec<LineItem>,
    /// Sum of the rounded line items, in cents.
    pub total_cents: u64,
    /// Sum of the unrounded line items.
    pub total_unrounded: ExactUsd,
}

impl Estimate {
    /// The line item of `kind`, if it applies.
    pub fn line(&self, kind: LineItemKind) -> Option<&LineItem> {
        self.line_items.iter().find(|line| line.kind == kind)
    }

    /// Rounded cents of `kind`; 0 where it does not apply.
    pub fn cents(&self, kind: LineItemKind) -> u64 {
        self.line(kind).map_or(0, |line| line.cost_cents)
    }

    /// The rounded total in USD.
    pub fn total_usd(&self) -> f64 {
        self.total_cents as f64 / 100.0
    }

    /// The total as arithmetic: "$2.33 + $0.40 = $2.73".
    pub fn total_arithmetic(&self) -> String {
        let parts: Vec<String> = self
            .line_items
            .iter()
            .map(|line| format_cents(line.cost_cents))
            .collect();
        format!("{} = {}", parts.join(" + "), format_cents(self.total_cents))
    }
}

/// Computes the monthly bill for `inputs`, line by line, as AWS does.
pub fn estimate(inputs: &PricingInputs) -> Result<Estimate, PricingError> {
    inputs.validate()?;
    let memory_mb = u128::from(inputs.memory_mb);
    let arch = inputs.architecture;
    let mut lines = Vec::new();

    // On-demand duration (INVOKE).
    let billed_ms = billed_duration_ms(inputs.duration_ms);
    let invoke_ms_total = u128::from(inputs.requests) * u128::from(billed_ms);
    let invoke_mb_ms = invoke_ms_total * memory_mb;
    let free_mb_ms = if inputs.free_tier {
        u128::from(FREE_TIER_GB_S) * MB_MS_PER_GB_S
    } else {
        0
    };
    let invoke_billable_mb_ms = invoke_mb_ms.saturating_sub(free_mb_ms);
    let free_left_mb_ms = free_mb_ms.saturating_sub(invoke_mb_ms);
    let segments = split_into_tiers(arch, 0, invoke_billable_mb_ms);
    let compute = tiered_cost(&segments);
    let mut arithmetic = format!(
        "{} × {} × {} MB = {} GB-s",
        group_thousands(u128::from(inputs.requests)),
        billed_ms_words(inputs.duration_ms, billed_ms),
        group_thousands(memory_mb),
        format_gb_s(invoke_mb_ms),
    );
    if inputs.free_tier {
        arithmetic.push_str(&format!(
            " − {} free = {} GB-s",
            group_thousands(u128::from(FREE_TIER_GB_S)),
            format_gb_s(invoke_billable_mb_ms)
        ));
    }
    arithmetic.push_str(&tier_words(&segments, arch, 0, compute));
    lines.push(line(LineItemKind::Compute, compute, arithmetic));

    // INIT of cold starts: more duration GB-s, after the invoke GB-s (see the module docs).
    let mut init_ms_total: u128 = 0;
    if let Some(cold) = inputs.cold_starts {
        let cold_starts = cold_start_count(inputs.requests, cold.rate);
        let extra_ms_each = billed_cold_duration_ms(inputs.duration_ms, cold.init_duration_ms)
            .saturating_sub(billed_ms);
        let who = format!(
            "{} cold starts ({}% of {})",
            group_thousands(u128::from(cold_starts)),
            format_percent(cold.rate),
            group_thousands(u128::from(inputs.requests)),
        );
        let init_words = init_ms_words(inputs.duration_ms, cold.init_duration_ms, extra_ms_each);
        if inputs.init_billed {
            init_ms_total = u128::from(cold_starts) * u128::from(extra_ms_each);
            let init_mb_ms = init_ms_total * memory_mb;
            let init_billable_mb_ms = init_mb_ms.saturating_sub(free_left_mb_ms);
            let segments = split_into_tiers(arch, invoke_billable_mb_ms, init_billable_mb_ms);
            let init = tiered_cost(&segments);
            let mut arithmetic = format!(
                "{who} × {init_words} × {} MB = {} GB-s",
                group_thousands(memory_mb),
                format_gb_s(init_mb_ms)
            );
            if inputs.free_tier {
                arithmetic.push_str(&format!(
                    " − {} free left after compute = {} GB-s",
                    format_gb_s(free_left_mb_ms.min(init_mb_ms)),
                    format_gb_s(init_billable_mb_ms)
                ));
            }
            arithmetic.push_str(&tier_words(&segments, arch, invoke_billable_mb_ms, init));
            lines.push(line(LineItemKind::Init, init, arithmetic));
        } else {
            lines.push(line(
                LineItemKind::Init,
                ExactUsd::ZERO,
                format!(
                    "{who} × {init_words}: not billed before {INIT_BILLING_EFFECTIVE_DATE} for \
                     on-demand zip functions on managed runtimes = $0.00"
                ),
            ));
        }
    }

    // Requests: the free tier covers on-demand requests only.
    let pc_requests = inputs.provisioned.map_or(0, |pc| pc.requests);
    let on_demand_billable = if inputs.free_tier {
        inputs.requests.saturating_sub(FREE_TIER_REQUESTS)
    } else {
        inputs.requests
    };
    let billable_requests = u128::from(on_demand_billable) + u128::from(pc_requests);
    let requests_cost = ExactUsd::of_count(billable_requests, REQUEST_PRICE);
    let on_demand = group_thousands(u128::from(inputs.requests));
    let free = group_thousands(u128::from(FREE_TIER_REQUESTS));
    let provisioned = group_thousands(u128::from(pc_requests));
    let requests_words = match (inputs.provisioned.is_some(), inputs.free_tier) {
        (false, true) => format!("{on_demand} requests − {free} free"),
        (false, false) => format!("{on_demand} requests"),
        (true, true) => {
            format!("({on_demand} − {free} free) on demand + {provisioned} provisioned")
        }
        (true, false) => format!("{on_demand} on demand + {provisioned} provisioned"),
    };
    // "3,000,000 requests = 3,000,000 requests" says nothing: skip the middle step then.
    let requests_words = if inputs.provisioned.is_none() && !inputs.free_tier {
        requests_words
    } else {
        format!(
            "{requests_words} = {} requests",
            group_thousands(billable_requests)
        )
    };
    lines.push(line(
        LineItemKind::Requests,
        requests_cost,
        format!(
            "{requests_words} × $0.20 per 1M = {}",
            format_cents(requests_cost.cents_half_up())
        ),
    ));

    // Provisioned concurrency: no free tier, flat rates.
    let mut pc_ms_total: u128 = 0;
    let mut pc_lines = Vec::new();
    if let Some(pc) = inputs.provisioned {
        let enabled_ms = provisioned_billed_ms(pc.hours_enabled);
        let configured_mb_ms = u128::from(pc.concurrency) * u128::from(enabled_ms) * memory_mb;
        let rate = arch.provisioned_concurrency_price_per_gb_s();
        let cost = ExactUsd::of_mb_ms(configured_mb_ms, rate);
        let rounded_note = if (pc.hours_enabled * 3_600_000.0).round() as u64 == enabled_ms {
            format!("{} h", format_input(pc.hours_enabled))
        } else {
            format!("{} h rounded up to 5 min", format_input(pc.hours_enabled))
        };
        pc_lines.push(line(
            LineItemKind::ProvisionedConcurrency,
            cost,
            format!(
                "{} × {} s ({rounded_note}) × {} MB = {} GB-s × {rate} = {} (no free tier)",
                group_thousands(u128::from(pc.concurrency)),
                group_thousands(u128::from(enabled_ms / 1_000)),
                group_thousands(memory_mb),
                format_gb_s(configured_mb_ms),
                format_cents(cost.cents_half_up())
            ),
        ));

        let billed_ms = billed_duration_ms(pc.duration_ms);
        pc_ms_total = u128::from(pc.requests) * u128::from(billed_ms);
        let served_mb_ms = pc_ms_total * memory_mb;
        let rate = arch.provisioned_duration_price_per_gb_s();
        let cost = ExactUsd::of_mb_ms(served_mb_ms, rate);
        pc_lines.push(line(
            LineItemKind::ProvisionedDuration,
            cost,
            format!(
                "{} × {} × {} MB = {} GB-s × {rate} = {} (no free tier)",
                group_thousands(u128::from(pc.requests)),
                billed_ms_words(pc.duration_ms, billed_ms),
                group_thousands(memory_mb),
                format_gb_s(served_mb_ms),
                format_cents(cost.cents_half_up())
            ),
        ));
    }

    // Ephemeral storage above 512 MB, for every billed second.
    if inputs.ephemeral_storage_mb > EPHEMERAL_STORAGE_FREE_MB {
        let extra_mb = u128::from(inputs.ephemeral_storage_mb - EPHEMERAL_STORAGE_FREE_MB);
        let billed_ms_total = invoke_ms_total + init_ms_total + pc_ms_total;
        let storage_mb_ms = billed_ms_total * extra_mb;
        let cost = ExactUsd::of_mb_ms(storage_mb_ms, EPHEMERAL_STORAGE_PRICE_PER_GB_S);
        lines.push(line(
            LineItemKind::Ephemeral,
            cost,
            format!(
                "{} s billed × {} MB extra ({} − {} MB) = {} GB-s × {} = {}",
                format_ratio(billed_ms_total, 1_000, 3),
                group_thousands(extra_mb),
                group_thousands(u128::from(inputs.ephemeral_storage_mb)),
                EPHEMERAL_STORAGE_FREE_MB,
                format_gb_s(storage_mb_ms),
                EPHEMERAL_STORAGE_PRICE_PER_GB_S,
                format_cents(cost.cents_half_up())
            ),
        ));
    }
    lines.extend(pc_lines);

    let total_cents = lines.iter().map(|line| line.cost_cents).sum();
    let total_unrounded = lines.iter().map(|line| line.unrounded_cost).sum();
    Ok(Estimate {
        inputs: inputs.clone(),
        line_items: lines,
        total_cents,
        total_unrounded,
    })
}

fn line(kind: LineItemKind, cost: ExactUsd, arithmetic: String) -> LineItem {
    LineItem {
        kind,
        unrounded_cost: cost,
        cost_cents: cost.cents_half_up(),
        arithmetic,
    }
}

fn tiered_cost(segments: &[TierSegment]) -> ExactUsd {
    segments
        .iter()
        .map(|segment| ExactUsd::of_mb_ms(segment.mb_ms, segment.price_per_gb_s))
        .sum()
}

/// " × $0.0000166667 = $2.33", or, across tiers,
/// ": 5,999,600,000 GB-s × $0.0000166667 + 1,000,000 GB-s × $0.0000150000 = $100,008.53".
fn tier_words(
    segments: &[TierSegment],
    architecture: Architecture,
    start_mb_ms: u128,
    cost: ExactUsd,
) -> String {
    let total = format_cents(cost.cents_half_up());
    match segments {
        [] => {
            // Nothing billable: show the rate that the next GB-s would pay.
            let rate = split_into_tiers(architecture, start_mb_ms, 1)
                .first()
                .map_or(architecture.duration_tiers()[0].price_per_gb_s, |segment| {
                    segment.price_per_gb_s
                });
            format!(" × {rate} = {total}")
        }
        [only] => format!(" × {} = {total}", only.price_per_gb_s),
        many => {
            let parts: Vec<String> = many
                .iter()
                .map(|segment| {
                    format!(
                        "{} GB-s × {}",
                        format_gb_s(segment.mb_ms),
                        segment.price_per_gb_s
                    )
                })
                .collect();
            format!(": {} = {total}", parts.join(" + "))
        }
    }
}

/// "120 ms", or "2 ms (1.2 ms rounded up)".
fn billed_ms_words(duration_ms: f64, billed_ms: u64) -> String {
    if duration_ms == billed_ms as f64 {
        format!("{billed_ms} ms")
    } else {
        format!("{billed_ms} ms ({} ms rounded up)", format_ms(duration_ms))
    }
}

/// "130 ms INIT", or "130 ms INIT (1.2 + 130.3 ms rounded up together = 132 ms, − 2 ms)".
fn init_ms_words(duration_ms: f64, init_duration_ms: f64, extra_ms_each: u64) -> String {
    if init_duration_ms == extra_ms_each as f64 && duration_ms.fract() == 0.0 {
        format!("{extra_ms_each} ms INIT")
    } else {
        let billed = billed_duration_ms(duration_ms);
        format!(
            "{extra_ms_each} ms INIT ({} + {} ms rounded up together = {} ms, − {billed} ms)",
            format_ms(duration_ms),
            format_ms(init_duration_ms),
            billed + extra_ms_each
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Number formatting (pure; shared with the CLI and the Cost page)
// ---------------------------------------------------------------------------------------------

/// "6,000,000,000".
pub fn group_thousands(value: u128) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `numerator / denominator` with grouped thousands and at most `max_decimals` decimals,
/// rounded half up, trailing zeros dropped: "540,000", "0.293", "1,680,000".
pub fn format_ratio(numerator: u128, denominator: u128, max_decimals: u32) -> String {
    let scale = 10u128.pow(max_decimals);
    let scaled = (numerator * scale + denominator / 2) / denominator.max(1);
    let whole = group_thousands(scaled / scale);
    let fraction = scaled % scale;
    if fraction == 0 {
        return whole;
    }
    let digits = format!("{fraction:0width$}", width = max_decimals as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// GB-s from MB-ms: "540,000".
pub fn format_gb_s(mb_ms: u128) -> String {
    format_ratio(mb_ms, MB_MS_PER_GB_S, 3)
}

/// Cents as dollars: "$1,234.56".
pub fn format_cents(cents: u64) -> String {
    format!(
        "${}.{:02}",
        group_thousands(u128::from(cents / 100)),
        cents % 100
    )
}

/// A number as typed: 120.0 as "120", 1.2 as "1.2".
pub fn format_input(value: f64) -> String {
    format!("{value}")
}

/// Milliseconds as AWS measures them, to the microsecond: 2.0073193 as "2.007", 1.2 as "1.2".
fn format_ms(ms: f64) -> String {
    let text = format!("{ms:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A fraction as a percentage with at most 4 decimals: 0.01 as "1".
fn format_percent(rate: f64) -> String {
    let text = format!("{:.4}", rate * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Milliseconds as seconds: "3,601 s", "0.002 s".
fn format_seconds(ms: u128) -> String {
    format!("{} s", format_ratio(ms, 1_000, 3))
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(requests: u64, duration_ms: f64, memory_mb: u32) -> PricingInputs {
        PricingInputs {
            requests,
            duration_ms,
            memory_mb,
            ..PricingInputs::default()
        }
    }

    fn no_free_tier(mut inputs: PricingInputs) -> PricingInputs {
        inputs.free_tier = false;
        inputs
    }

    /// The exact unrounded cost of `gb_s` GB-s at `ten_billionths` × 10⁻¹⁰ USD per GB-s.
    fn exact(gb_s: u128, ten_billionths: u64) -> ExactUsd {
        ExactUsd::of_mb_ms(
            gb_s * MB_MS_PER_GB_S,
            UsdRate::from_ten_billionths_usd(ten_billionths),
        )
    }

    #[test]
    fn measured_durations_show_to_the_microsecond() {
        // A duration measured by the engine has many decimals; the bill shows what AWS
        // measures (µs) and no float noise.
        assert_eq!(format_ms(2.007_319_333_333_333_2), "2.007");
        assert_eq!(format_ms(1.2), "1.2");
        assert_eq!(format_ms(100.0), "100");
    }

    #[test]
    fn prices_print_in_aws_notation() {
        assert_eq!(
            X86_64_DURATION_TIERS[0].price_per_gb_s.to_string(),
            "$0.0000166667"
        );
        assert_eq!(
            X86_64_DURATION_TIERS[1].price_per_gb_s.to_string(),
            "$0.0000150000"
        );
        assert_eq!(
            EPHEMERAL_STORAGE_PRICE_PER_GB_S.to_string(),
            "$0.0000000309"
        );
        assert_eq!(REQUEST_PRICE.to_string(), "$0.0000002000");
    }

    #[test]
    fn facts_example_1_with_free_tier() {
        // FACTS.md / pricing page: 3M requests, 120 ms, 1536 MB, x86_64, free tier.
        let bill = estimate(&inputs(3_000_000, 120.0, 1_536)).unwrap();
        assert_eq!(bill.cents(LineItemKind::Compute), 233);
        assert_eq!(bill.cents(LineItemKind::Requests), 40);
        assert_eq!(bill.total_cents, 273);
        let compute = bill.line(LineItemKind::Compute).unwrap();
        assert!(
            compute
                .arithmetic
                .ends_with("540,000 GB-s − 400,000 free = 140,000 GB-s × $0.0000166667 = $2.33"),
            "{}",
            compute.arithmetic
        );
        // 140,000 × $0.0000166667 = $2.333338 exactly.
        assert_eq!(compute.unrounded_cost, exact(140_000, 166_667));
        assert_eq!(
            bill.line(LineItemKind::Requests).unwrap().arithmetic,
            "3,000,000 requests − 1,000,000 free = 2,000,000 requests × $0.20 per 1M = $0.40"
        );
        assert_eq!(bill.total_arithmetic(), "$2.33 + $0.40 = $2.73");
        assert!(bill.line(LineItemKind::Ephemeral).is_none());
        assert!(bill.line(LineItemKind::Init).is_none());
    }

    #[test]
    fn facts_example_1_without_free_tier() {
        // 540,000 GB-s × $0.0000166667 = $9.000018 → $9.00; 3M × $0.20/M = $0.60.
        let bill = estimate(&no_free_tier(inputs(3_000_000, 120.0, 1_536))).unwrap();
        assert_eq!(bill.cents(LineItemKind::Compute), 900);
        assert_eq!(bill.cents(LineItemKind::Requests), 60);
        assert_eq!(bill.total_cents, 960);
    }

    #[test]
    fn facts_example_2_with_ephemeral_storage() {
        // 6M requests, 280 ms, 4096 MB, 2048 MB /tmp, free tier.
        // compute: 6,720,000 − 400,000 = 6,320,000 GB-s × $0.0000166667 = $105.333544 → $105.33
        // requests: 5M × $0.20/M = $1.00
        // ephemeral: 1,680,000 s × 1.5 GB = 2,520,000 GB-s × $0.0000000309 = $0.077868 → $0.08
        let mut example = inputs(6_000_000, 280.0, 4_096);
        example.ephemeral_storage_mb = 2_048;
        let bill = estimate(&example).unwrap();
        assert_eq!(bill.cents(LineItemKind::Compute), 10_533);
        assert_eq!(bill.cents(LineItemKind::Requests), 100);
        assert_eq!(bill.cents(LineItemKind::Ephemeral), 8);
        assert_eq!(bill.total_cents, 10_641);
        assert_eq!(
            bill.line(LineItemKind::Ephemeral).unwrap().arithmetic,
            "1,680,000 s billed × 1,536 MB extra (2,048 − 512 MB) = 2,520,000 GB-s × \
             $0.0000000309 = $0.08"
        );
        assert_eq!(
            bill.line(LineItemKind::Ephemeral).unwrap().unrounded_cost,
            exact(2_520_000, 309)
        );
    }

    #[test]
    fn fractional_duration_bills_whole_ms_rounded_up() {
        assert_eq!(billed_duration_ms(1.2), 2);
        assert_eq!(billed_duration_ms(2.0), 2);
        assert_eq!(billed_duration_ms(0.0), 1);
        assert_eq!(billed_duration_ms(0.001), 1);
        assert_eq!(billed_duration_ms(120.0000001), 120); // below a microsecond: float noise
        // 1e9 × 2 ms × 1 GB = 2,000,000 GB-s × $0.0000166667 = $33.3334 → $33.33
        // (1.2 ms unrounded would be 1,200,000 GB-s = $20.00).
        let bill = estimate(&no_free_tier(inputs(1_000_000_000, 1.2, 1_024))).unwrap();
        assert_eq!(bill.cents(LineItemKind::Compute), 3_333);
        assert!(
            bill.line(LineItemKind::Compute)
                .unwrap()
                .arithmetic
                .starts_with(
                    "1,000,000,000 × 2 ms (1.2 ms rounded up) × 1,024 MB = 2,000,000 GB-s"
                )
        );
    }

    #[test]
    fn x86_first_tier_boundary_is_exact() {
        // 1 GB × 1 s = 1 GB-s per request, so requests = GB-s.
        // Exactly 6B GB-s: 6e9 × $0.0000166667 = $100,000.20, all in tier 1.
        let at = estimate(&no_free_tier(inputs(6_000_000_000, 1_000.0, 1_024))).unwrap();
        assert_eq!(
            at.line(LineItemKind::Compute).unwrap().unrounded_cost,
            exact(6_000_000_000, 166_667)
        );
        assert_eq!(at.cents(LineItemKind::Compute), 10_000_020);
        // One GB-s above: that one GB-s pays tier 2.
        let above = estimate(&no_free_tier(inputs(6_000_000_001, 1_000.0, 1_024))).unwrap();
        assert_eq!(
            above.line(LineItemKind::Compute).unwrap().unrounded_cost,
            exact(6_000_000_000, 166_667) + exact(1, 150_000)
        );
        // 1M GB-s above: + $15.00 (tier 2), not + $16.67 (tier 1).
        let more = estimate(&no_free_tier(inputs(6_001_000_000, 1_000.0, 1_024))).unwrap();
        assert_eq!(more.cents(LineItemKind::Compute), 10_001_520);
        assert!(
            more.line(LineItemKind::Compute)
                .unwrap()
                .arithmetic
                .ends_with(
                    ": 6,000,000,000 GB-s × $0.0000166667 + 1,000,000 GB-s × $0.0000150000 = \
                 $100,015.20"
                )
        );
    }

    #[test]
    fn x86_second_tier_boundary_is_exact() {
        // 6e9 × $0.0000166667 + 9e9 × $0.000015 = $100,000.20 + $135,000 = $235,000.20
        let at = estimate(&no_free_tier(inputs(15_000_000_000, 1_000.0, 1_024))).unwrap();
        assert_eq!(at.cents(LineItemKind::Compute), 23_500_020);
        // + 1M GB-s × $0.0000133334 = $13.3334 → $235,013.5334 → $235,013.53
        let above = estimate(&no_free_tier(inputs(15_001_000_000, 1_000.0, 1_024))).unwrap();
        assert_eq!(
            above.line(LineItemKind::Compute).unwrap().unrounded_cost,
            exact(6_000_000_000, 166_667)
                + exact(9_000_000_000, 150_000)
                + exact(1_000_000, 133_334)
        );
        assert_eq!(above.cents(LineItemKind::Compute), 23_501_353);
    }

    #[test]
    fn arm_tier_boundaries_are_exact() {
        let arm = |requests| {
            let mut arm = no_free_tier(inputs(requests, 1_000.0, 1_024));
            arm.architecture = Architecture::Arm64;
            estimate(&arm).unwrap()
        };
        // Exactly 7.5B GB-s: 7.5e9 × $0.0000133334 = $100,000.50.
        let at = arm(7_500_000_000);
        assert_eq!(at.cents(LineItemKind::Compute), 10_000_050);
        // + 1M GB-s × $0.0000120001 = $12.0001 → $100,012.50 (tier 1 would be $13.33).
        let above = arm(7_501_000_000);
        assert_eq!(above.cents(LineItemKind::Compute), 10_001_250);
        // Exactly 18.75B: $100,000.50 + 11.25e9 × $0.0000120001 = $235,001.625 → $235,001.63
        // (half up; banker's rounding would say .62).
        let second = arm(18_750_000_000);
        assert_eq!(
            second.line(LineItemKind::Compute).unwrap().unrounded_cost,
            exact(7_500_000_000, 133_334) + exact(11_250_000_000, 120_001)
        );
        assert_eq!(second.cents(LineItemKind::Compute), 23_500_163);
        // + 1M GB-s × $0.0000106667 = $10.6667 → $235,012.2917 → $235,012.29
        assert_eq!(arm(18_751_000_000).cents(LineItemKind::Compute), 23_501_229);
    }

    #[test]
    fn tiers_apply_to_billable_gb_s_after_the_free_tier() {
        // 6,000,400,000 GB-s used − 400,000 free = exactly 6B billable: all tier 1.
        let bill = estimate(&inputs(6_000_400_000, 1_000.0, 1_024)).unwrap();
        assert_eq!(
            bill.line(LineItemKind::Compute).unwrap().unrounded_cost,
            exact(6_000_000_000, 166_667)
        );
    }

    #[test]
    fn split_into_tiers_respects_a_start_offset() {
        let boundary = 6_000_000_000u128 * MB_MS_PER_GB_S;
        let segments = split_into_tiers(Architecture::X86_64, boundary - 10, 30);
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].mb_ms, 10);
        assert_eq!(segments[1].mb_ms, 20);
        assert!(split_into_tiers(Architecture::Arm64, 5, 0).is_empty());
    }

    #[test]
    fn init_billing_on_and_off() {
        // Example 1 plus 1% cold starts of 130 ms INIT:
        // 30,000 × 130 ms × 1.5 GB = 5,850 GB-s × $0.0000166667 = $0.0975002 → $0.10.
        let mut cold = inputs(3_000_000, 120.0, 1_536);
        cold.cold_starts = Some(ColdStarts {
            rate: 0.01,
            init_duration_ms: 130.0,
        });
        let after = estimate(&cold).unwrap();
        assert_eq!(after.cents(LineItemKind::Init), 10);
        assert_eq!(after.cents(LineItemKind::Compute), 233);
        assert_eq!(after.total_cents, 283);
        assert_eq!(
            after.line(LineItemKind::Init).unwrap().unrounded_cost,
            exact(5_850, 166_667)
        );
        assert!(
            after
                .line(LineItemKind::Init)
                .unwrap()
                .arithmetic
                .starts_with(
                    "30,000 cold starts (1% of 3,000,000) × 130 ms INIT × 1,536 MB = 5,850 GB-s"
                )
        );

        cold.init_billed = false;
        let before = estimate(&cold).unwrap();
        assert_eq!(before.cents(LineItemKind::Init), 0);
        assert_eq!(before.total_cents, 273);
        assert!(
            before
                .line(LineItemKind::Init)
                .unwrap()
                .arithmetic
                .contains("not billed before 2025-08-01")
        );
    }

    #[test]
    fn init_and_invoke_are_rounded_up_together() {
        // From a REPORT line: Init 1293.83 ms + Duration 1049.63 ms = 2343.46 → 2344 ms billed.
        assert_eq!(billed_cold_duration_ms(1_049.63, 1_293.83), 2_344);
        // 1.2 + 130.3 = 131.5 → 132 ms, of which 2 ms is the invoke: INIT adds 130 ms (not 131).
        assert_eq!(billed_cold_duration_ms(1.2, 130.3), 132);
        let mut cold = no_free_tier(inputs(1_000_000, 1.2, 1_024));
        cold.cold_starts = Some(ColdStarts {
            rate: 1.0,
            init_duration_ms: 130.3,
        });
        let bill = estimate(&cold).unwrap();
        // 1M × 130 ms × 1 GB = 130,000 GB-s × $0.0000166667 = $2.166671 → $2.17
        assert_eq!(bill.cents(LineItemKind::Init), 217);
    }

    #[test]
    fn init_shares_the_free_tier_after_compute() {
        // Compute: 1M × 100 ms × 1 GB = 100,000 GB-s, all free; 300,000 free GB-s left.
        // INIT: 500,000 × 1,000 ms × 1 GB = 500,000 GB-s − 300,000 = 200,000 × $0.0000166667
        //       = $3.33334 → $3.33.
        let mut cold = inputs(1_000_000, 100.0, 1_024);
        cold.cold_starts = Some(ColdStarts {
            rate: 0.5,
            init_duration_ms: 1_000.0,
        });
        let bill = estimate(&cold).unwrap();
        assert_eq!(bill.cents(LineItemKind::Compute), 0);
        assert_eq!(bill.cents(LineItemKind::Init), 333);
        assert!(
            bill.line(LineItemKind::Init)
                .unwrap()
                .arithmetic
                .contains("− 300,000 free left after compute = 200,000 GB-s")
        );
    }

    #[test]
    fn init_continues_into_the_next_tier() {
        // Compute fills tier 1 exactly; INIT's 1M GB-s pay tier 2.
        let mut cold = no_free_tier(inputs(6_000_000_000, 1_000.0, 1_024));
        cold.cold_starts = Some(ColdStarts {
            rate: 0.0005, // 3,000,000 cold starts
            init_duration_ms: 333.0,
        });
        let bill = estimate(&cold).unwrap();
        // 3M × 333 ms × 1 GB = 999,000 GB-s × $0.000015 = $14.985 → $14.99 (half up)
        assert_eq!(
            bill.line(LineItemKind::Init).unwrap().unrounded_cost,
            exact(999_000, 150_000)
        );
        assert_eq!(bill.cents(LineItemKind::Init), 1_499);
    }

    #[test]
    fn aws_provisioned_concurrency_example() {
        // AWS pricing page, provisioned concurrency example: 1,024 MB, 1,000 concurrency
        // enabled for 2 hours, 1.2M requests of 1 s each, x86_64:
        //   concurrency: 1,000 × 7,200 s × 1 GB = 7,200,000 GB-s × $0.0000041667 = $30.00024
        //   duration:    1.2M × 1 s × 1 GB = 1,200,000 GB-s × $0.0000097222 = $11.66664
        //   requests:    1.2M × $0.20/M = $0.24 (no free tier for provisioned concurrency)
        //   total:       $30.00 + $11.67 + $0.24 = $41.91
        let mut pc = inputs(0, 0.0, 1_024);
        pc.provisioned = Some(ProvisionedConcurrency {
            concurrency: 1_000,
            hours_enabled: 2.0,
            requests: 1_200_000,
            duration_ms: 1_000.0,
        });
        let bill = estimate(&pc).unwrap();
        assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 3_000);
        assert_eq!(bill.cents(LineItemKind::ProvisionedDuration), 1_167);
        assert_eq!(bill.cents(LineItemKind::Requests), 24);
        assert_eq!(bill.cents(LineItemKind::Compute), 0);
        assert_eq!(bill.total_cents, 4_191);
        assert_eq!(
            bill.line(LineItemKind::ProvisionedConcurrency)
                .unwrap()
                .arithmetic,
            "1,000 × 7,200 s (2 h) × 1,024 MB = 7,200,000 GB-s × $0.0000041667 = $30.00 \
             (no free tier)"
        );
    }

    #[test]
    fn provisioned_concurrency_with_on_demand_overflow_on_arm() {
        // By hand from FACTS.md rates: arm64, 2,048 MB, 10 environments for 730 h, serving
        // 20M requests of 50 ms; 2M more overflow on demand at 50 ms; free tier on.
        //   concurrency: 10 × 2,628,000 s × 2 GB = 52,560,000 GB-s × $0.0000033334
        //                = $175.203504 → $175.20
        //   PC duration: 20M × 0.05 s × 2 GB = 2,000,000 GB-s × $0.0000077778 = $15.5556 → $15.56
        //   requests:    (2M − 1M free) + 20M = 21M × $0.20/M = $4.20
        //   compute:     2M × 0.05 s × 2 GB = 200,000 GB-s, inside the free tier → $0.00
        //   total:       $175.20 + $15.56 + $4.20 + $0.00 = $194.96
        let mut pc = inputs(2_000_000, 50.0, 2_048);
        pc.architecture = Architecture::Arm64;
        pc.provisioned = Some(ProvisionedConcurrency {
            concurrency: 10,
            hours_enabled: 730.0,
            requests: 20_000_000,
            duration_ms: 50.0,
        });
        let bill = estimate(&pc).unwrap();
        assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 17_520);
        assert_eq!(bill.cents(LineItemKind::ProvisionedDuration), 1_556);
        assert_eq!(bill.cents(LineItemKind::Requests), 420);
        assert_eq!(bill.cents(LineItemKind::Compute), 0);
        assert_eq!(bill.total_cents, 19_496);
        assert_eq!(
            bill.line(LineItemKind::Requests).unwrap().arithmetic,
            "(2,000,000 − 1,000,000 free) on demand + 20,000,000 provisioned = 21,000,000 \
             requests × $0.20 per 1M = $4.20"
        );
    }

    #[test]
    fn provisioned_time_rounds_up_to_five_minutes() {
        assert_eq!(provisioned_billed_ms(2.0), 7_200_000);
        assert_eq!(provisioned_billed_ms(0.1), 600_000); // 6 min → 10 min
        assert_eq!(provisioned_billed_ms(1.01), 3_900_000); // 60.6 min → 65 min
        assert_eq!(provisioned_billed_ms(0.0), 0);
        // 100 × 3,900 s × 1 GB = 390,000 GB-s × $0.0000041667 = $1.625013 → $1.63
        let mut pc = inputs(0, 0.0, 1_024);
        pc.provisioned = Some(ProvisionedConcurrency {
            concurrency: 100,
            hours_enabled: 1.01,
            requests: 0,
            duration_ms: 0.0,
        });
        let bill = estimate(&pc).unwrap();
        assert_eq!(bill.cents(LineItemKind::ProvisionedConcurrency), 163);
        assert!(
            bill.line(LineItemKind::ProvisionedConcurrency)
                .unwrap()
                .arithmetic
                .contains("3,900 s (1.01 h rounded up to 5 min)")
        );
    }

    #[test]
    fn ephemeral_storage_counts_init_and_provisioned_seconds() {
        // 1M × 100 ms + 10,000 cold starts × 900 ms INIT + 1M PC × 100 ms
        // = 100,000 s + 9,000 s + 100,000 s = 209,000 s × 9.5 GB extra (10,240 − 512 MB)
        // = 1,985,500 GB-s × $0.0000000309 = $0.06135195 → $0.06
        let mut all = inputs(1_000_000, 100.0, 1_024);
        all.ephemeral_storage_mb = 10_240;
        all.cold_starts = Some(ColdStarts {
            rate: 0.01,
            init_duration_ms: 900.0,
        });
        all.provisioned = Some(ProvisionedConcurrency {
            concurrency: 1,
            hours_enabled: 730.0,
            requests: 1_000_000,
            duration_ms: 100.0,
        });
        let bill = estimate(&all).unwrap();
        assert_eq!(
            bill.line(LineItemKind::Ephemeral).unwrap().unrounded_cost,
            exact(1_985_500, 309)
        );
        assert_eq!(bill.cents(LineItemKind::Ephemeral), 6);
    }

    #[test]
    fn line_items_are_rounded_then_summed() {
        // requests: 24,000 × $0.0000002 = $0.0048 → $0.00
        // compute:  24,000 × 10 ms × 1 GB = 240 GB-s × $0.0000166667 = $0.004000008 → $0.00
        // Rounded, then summed: $0.00, although the unrounded sum ($0.0088) rounds to $0.01.
        let bill = estimate(&no_free_tier(inputs(24_000, 10.0, 1_024))).unwrap();
        assert_eq!(bill.cents(LineItemKind::Requests), 0);
        assert_eq!(bill.cents(LineItemKind::Compute), 0);
        assert_eq!(bill.total_cents, 0);
        assert_eq!(
            bill.total_unrounded,
            exact(240, 166_667) + ExactUsd::of_count(24_000, REQUEST_PRICE)
        );
        assert_eq!(bill.total_unrounded.cents_half_up(), 1);
    }

    #[test]
    fn bad_values_are_refused_with_aws_wording() {
        let error = estimate(&inputs(1, 1.0, 20_000)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value \
             less than or equal to 10240"
        );
        assert_eq!(
            Field::MemoryMb.check(127.0).unwrap_err().to_string(),
            "Value '127' at 'memorySize' failed to satisfy constraint: Member must have value \
             greater than or equal to 128"
        );
        let mut small_tmp = inputs(1, 1.0, 128);
        small_tmp.ephemeral_storage_mb = 100;
        assert!(matches!(
            estimate(&small_tmp),
            Err(PricingError::BelowMinimum {
                field: Field::EphemeralStorageMb,
                ..
            })
        ));
        assert!(Field::ColdStartRate.check(1.5).is_err());
        assert!(Field::ColdStartRate.check(-0.1).is_err());
        assert!(Field::DurationMs.check(f64::NAN).is_err());
        assert!(Field::DurationMs.check(900_001.0).is_err());
        assert!(Field::MemoryMb.check(1_536.5).is_err());
        assert!(Field::Requests.check(-1.0).is_err());
        assert!(Field::ProvisionedConcurrency.check(0.0).is_err());
        assert!(Field::ProvisionedHours.check(745.0).is_err());
        assert!(Field::InitDurationMs.check(10_001.0).is_err());
    }

    #[test]
    fn provisioned_environments_cannot_be_busier_than_enabled() {
        // 1 environment × 1 h = 3,600,000 ms; 3,601 requests × 1,000 ms do not fit.
        let mut pc = inputs(0, 0.0, 128);
        pc.provisioned = Some(ProvisionedConcurrency {
            concurrency: 1,
            hours_enabled: 1.0,
            requests: 3_601,
            duration_ms: 1_000.0,
        });
        let error = estimate(&pc).unwrap_err();
        assert!(matches!(
            error,
            PricingError::ProvisionedOverCapacity { .. }
        ));
        assert_eq!(
            error.to_string(),
            "3,601 requests × 1,000 ms need 3,601 s of busy time, but 1 provisioned \
             environment(s) enabled for 1 h offer only 3,600 s"
        );
        if let Some(provisioned) = pc.provisioned.as_mut() {
            provisioned.requests = 3_600;
        }
        assert!(estimate(&pc).is_ok());
    }

    #[test]
    fn largest_inputs_do_not_overflow() {
        let mut huge = inputs(MAX_REQUESTS_PER_MONTH, 900_000.0, 10_240);
        huge.ephemeral_storage_mb = 10_240;
        huge.cold_starts = Some(ColdStarts {
            rate: 1.0,
            init_duration_ms: 10_000.0,
        });
        huge.provisioned = Some(ProvisionedConcurrency {
            concurrency: 1_000_000,
            hours_enabled: 744.0,
            requests: 1_000_000_000,
            duration_ms: 900_000.0,
        });
        let bill = estimate(&huge).unwrap();
        assert!(bill.total_cents > 0);
    }

    #[test]
    fn number_formatting() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(6_000_000_000), "6,000,000,000");
        assert_eq!(format_ratio(300_000, 1_024_000, 3), "0.293");
        assert_eq!(format_ratio(1_999_999, 1_000_000, 3), "2");
        assert_eq!(format_cents(10_641), "$106.41");
        assert_eq!(format_cents(5), "$0.05");
        assert_eq!(format_cents(23_500_163), "$235,001.63");
        assert_eq!(format_percent(0.01), "1");
        assert_eq!(format_percent(0.0005), "0.05");
    }
}
