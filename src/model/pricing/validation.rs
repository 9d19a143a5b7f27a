//! The model's inputs, each with its allowed range, and why inputs are refused, worded as
//! AWS's API words it where AWS has a rule.

use std::fmt;

use super::*;

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
    /// Average size of an asynchronous event, in KB.
    AsyncEventKb,
}

/// Most requests a month the model accepts: far above any real function, and low enough that
/// every product in the model fits in `u128` exactly.
pub const MAX_REQUESTS_PER_MONTH: u64 = 1_000_000_000_000_000;

/// Most configured provisioned concurrency the model accepts: far above any account quota.
pub const MAX_PROVISIONED_CONCURRENCY: u64 = 1_000_000;

/// Longest duration in ms: the maximum timeout.
pub const MAX_DURATION_MS: u64 = limits::MAX_TIMEOUT_SECS as u64 * 1_000;

/// Longest INIT in ms: the on-demand INIT limit.
pub const MAX_INIT_DURATION_MS: u64 = limits::INIT_PHASE_LIMIT_MS as u64;

impl Field {
    /// Smallest allowed value.
    pub fn min(self) -> f64 {
        match self {
            Self::MemoryMb => f64::from(limits::MIN_MEMORY_MB),
            Self::EphemeralStorageMb => f64::from(limits::MIN_EPHEMERAL_STORAGE_MB),
            Self::ProvisionedConcurrency => 1.0,
            _ => 0.0,
        }
    }

    /// Largest allowed value.
    pub fn max(self) -> f64 {
        match self {
            Self::Requests | Self::ProvisionedRequests => MAX_REQUESTS_PER_MONTH as f64,
            Self::DurationMs | Self::ProvisionedDurationMs => MAX_DURATION_MS as f64,
            Self::MemoryMb => f64::from(limits::MAX_MEMORY_MB),
            Self::EphemeralStorageMb => f64::from(limits::MAX_EPHEMERAL_STORAGE_MB),
            Self::ColdStartRate => 1.0,
            Self::InitDurationMs => MAX_INIT_DURATION_MS as f64,
            Self::ProvisionedConcurrency => MAX_PROVISIONED_CONCURRENCY as f64,
            Self::ProvisionedHours => MAX_HOURS_PER_MONTH as f64,
            Self::AsyncEventKb => (limits::MAX_ASYNC_REQUEST_BYTES / 1024) as f64,
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
            Self::AsyncEventKb => "0 to 1,024 KB (asynchronous events are limited to 1 MB)",
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
            Self::AsyncEventKb => "average asynchronous event size (KB)",
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

pub(super) fn range_message(field: Field, value: &str, direction: &str, limit: f64) -> String {
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
        if let Some(kb) = self.async_event_kb {
            Field::AsyncEventKb.check(kb)?;
        }
        if let Some(pc) = self.provisioned {
            Field::ProvisionedConcurrency.check(f64::from(pc.concurrency))?;
            Field::ProvisionedHours.check(pc.hours_enabled)?;
            Field::ProvisionedRequests.check(pc.requests as f64)?;
            Field::ProvisionedDurationMs.check(pc.duration_ms)?;
            let billed_ms_each = billed_duration_ms(pc.duration_ms, None);
            let needed_ms = u128::from(pc.requests) * u128::from(billed_ms_each);
            let available_ms =
                u128::from(pc.concurrency) * u128::from(provisioned_billed_ms(pc.hours_enabled));
            if needed_ms > available_ms {
                return Err(PricingError::ProvisionedOverCapacity {
                    requests: format::thousands(u128::from(pc.requests)),
                    billed_ms_each: format::thousands(u128::from(billed_ms_each)),
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
