//! Traffic simulator: a deterministic discrete-event model of one Lambda function's execution
//! environments under a traffic pattern — cold starts, reuse, idle reclaim, concurrency limits,
//! the scaling rate, provisioned concurrency and throttles. A model of AWS, not AWS.
//!
//! How it works: arrivals are generated in time order (never stored, except for replays). Before
//! each arrival the engine applies everything that happened since the previous one — busy
//! environments finishing (a min-heap of end times), provisioned-concurrency changes, idle
//! environments reclaimed (a deque ordered by when they went idle) — and then applies Lambda's
//! rule: reuse an idle environment (the most recently used one), else start a new one if the
//! concurrency limit and the scaling rate allow (a cold start), else throttle (HTTP 429).
//! Cost is O(n log e) for n requests and e live environments, with no allocation per request
//! unless per-request outcomes are recorded.
//!
//! Requests are synchronous (RequestResponse): Lambda never queues them, so a request that
//! finds no environment is throttled at once (Lambda docs, "Lambda scaling behavior").

use crate::model::lambda::ColdReason;
use crate::model::limits::{
    ASSUMED_IDLE_LIFETIME_MS, DEFAULT_ACCOUNT_CONCURRENCY, INIT_PHASE_LIMIT_MS,
    MAX_FUNCTION_DURATION_MS, MIN_UNRESERVED_CONCURRENCY, SCALING_ENVIRONMENTS_PER_WINDOW,
    SCALING_WINDOW_MS,
};
use crate::model::pricing::billed_duration_ms;

mod arrivals;
mod engine;
mod histogram;

use arrivals::*;
use engine::*;
use histogram::*;

/// Refuse configurations expected to produce more requests than this (a run this long takes
/// about half a minute); the UI would stay responsive thanks to cancel, but a typo like a
/// rate of 1e9 should fail fast instead.
pub const MAX_REQUESTS: f64 = 1.0e9;

/// Most time-series buckets one run may produce.
pub const MAX_BUCKETS: usize = 1_000_000;

/// How often (in requests) the progress callback is called.
const PROGRESS_EVERY_REQUESTS: u64 = 1 << 16;

/// How requests arrive. Time 0 is the start of the simulation (00:00 UTC for the daily cycle).
#[derive(Debug, Clone, PartialEq)]
pub enum Traffic {
    /// Evenly spaced requests: one every `1000 / rate_per_s` ms, the first at 0.
    Steady { rate_per_s: f64 },
    /// Random arrivals at a mean rate (exponential gaps between requests).
    Poisson { rate_per_s: f64 },
    /// `size` requests at the same instant at 0, repeated every `every_ms` if given.
    Burst { size: u32, every_ms: Option<f64> },
    /// Poisson arrivals whose rate follows a day: `max` at `peak_hour_utc`, `min` twelve hours
    /// away, a cosine in between.
    Daily {
        min_rate_per_s: f64,
        max_rate_per_s: f64,
        peak_hour_utc: f64,
    },
    /// Cron-like: `requests_per_run` requests at `offset_ms`, then every `period_ms`
    /// (an EventBridge `rate(5 minutes)` rule is period 300,000 ms, 1 request per run).
    Schedule {
        period_ms: f64,
        offset_ms: f64,
        requests_per_run: u32,
    },
    /// Recorded arrival times in ms from the start, in non-decreasing order.
    Replay { arrivals_ms: Vec<f64> },
}

/// How long each invocation's handler runs (after init, for a cold start).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FunctionDuration {
    Fixed {
        duration_ms: f64,
    },
    /// Uniformly spread between the two bounds.
    Uniform {
        min_ms: f64,
        max_ms: f64,
    },
}

/// How long a new environment's INIT phase takes.
#[derive(Debug, Clone, PartialEq)]
pub enum InitDurations {
    /// Always the same, e.g. a measured or user-given value.
    Fixed { init_ms: f64 },
    /// Each cold start draws one sample uniformly, e.g. lambda-perf's ten raw samples
    /// ([`crate::model::coldstart::InitEstimate::init_durations`]).
    Samples { samples_ms: Vec<f64> },
}

/// From `at_ms` on, keep `count` provisioned environments (Application Auto Scaling
/// scheduled actions do this on AWS).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProvisionedChange {
    pub at_ms: f64,
    pub count: u32,
}

/// The scaling-rate limit: at most `environments` new environments in any `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScalingRate {
    pub environments: u32,
    pub window_ms: f64,
}

impl Default for ScalingRate {
    fn default() -> Self {
        Self {
            environments: SCALING_ENVIRONMENTS_PER_WINDOW,
            window_ms: SCALING_WINDOW_MS,
        }
    }
}

/// Everything one simulation needs. Start from [`SimConfig::new`] and change fields.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub traffic: Traffic,
    /// Requests arrive in `[0, duration_ms)`; requests still running at the end finish.
    pub duration_ms: f64,
    pub function_duration: FunctionDuration,
    pub init: InitDurations,
    /// Assumption (see [`ASSUMED_IDLE_LIFETIME_MS`]): an environment idle this long is
    /// reclaimed; a request arriving exactly then finds it gone.
    pub idle_lifetime_ms: f64,
    /// The account's concurrency quota; the simulated function is assumed to be the only one
    /// using it.
    pub account_concurrency: u32,
    /// Reserved concurrency: the function's own ceiling (0 stops it, as on AWS).
    pub reserved_concurrency: Option<u32>,
    /// `None` turns the scaling-rate limit off (for what-if comparisons).
    pub scaling: Option<ScalingRate>,
    /// Provisioned environments ready at time 0.
    pub provisioned: u32,
    /// Later changes to the number of provisioned environments, by time.
    pub provisioned_schedule: Vec<ProvisionedChange>,
    /// Same seed, same configuration: same result, on every platform.
    pub seed: u64,
    /// Width of a time-series bucket.
    pub step_ms: f64,
    /// Keep every request's outcome; off for long runs (26M requests would need ~1 GB).
    pub record_requests: bool,
}

impl SimConfig {
    /// AWS defaults, a 100 ms handler, a 100 ms init, one-minute buckets, seed 1.
    pub fn new(traffic: Traffic, duration_ms: f64) -> Self {
        Self {
            traffic,
            duration_ms,
            function_duration: FunctionDuration::Fixed { duration_ms: 100.0 },
            init: InitDurations::Fixed { init_ms: 100.0 },
            idle_lifetime_ms: ASSUMED_IDLE_LIFETIME_MS,
            account_concurrency: DEFAULT_ACCOUNT_CONCURRENCY,
            reserved_concurrency: None,
            scaling: Some(ScalingRate::default()),
            provisioned: 0,
            provisioned_schedule: Vec::new(),
            seed: 1,
            step_ms: 60_000.0,
            record_requests: false,
        }
    }

    /// The concurrency ceiling for this function and which limit it is.
    fn concurrency_limit(&self) -> (u32, ThrottleReason) {
        match self.reserved_concurrency {
            Some(reserved) => (reserved, ThrottleReason::ReservedConcurrency),
            None => (self.account_concurrency, ThrottleReason::AccountConcurrency),
        }
    }

    /// About how many requests the traffic pattern produces (for limits and reservations).
    pub fn expected_requests(&self) -> f64 {
        let seconds = self.duration_ms / 1000.0;
        match &self.traffic {
            Traffic::Steady { rate_per_s } | Traffic::Poisson { rate_per_s } => {
                rate_per_s * seconds
            }
            Traffic::Daily {
                min_rate_per_s,
                max_rate_per_s,
                ..
            } => (min_rate_per_s + max_rate_per_s) / 2.0 * seconds,
            Traffic::Burst { size, every_ms } => {
                let runs = match every_ms {
                    Some(every) if *every > 0.0 => (self.duration_ms / every).ceil(),
                    _ => 1.0,
                };
                f64::from(*size) * runs
            }
            Traffic::Schedule {
                period_ms,
                offset_ms,
                requests_per_run,
            } => {
                let runs = if *period_ms > 0.0 {
                    ((self.duration_ms - offset_ms) / period_ms).ceil().max(0.0)
                } else {
                    0.0
                };
                f64::from(*requests_per_run) * runs
            }
            Traffic::Replay { arrivals_ms } => arrivals_ms.len() as f64,
        }
    }

    /// Checks every field; the message says what is allowed.
    pub fn validate(&self) -> Result<(), SimError> {
        let invalid =
            |field: &'static str, reason: String| Err(SimError::Invalid { field, reason });
        let positive = |value: f64| value.is_finite() && value > 0.0;
        if !positive(self.duration_ms) {
            return invalid(
                "duration_ms",
                format!("must be more than 0, got {}", self.duration_ms),
            );
        }
        match &self.traffic {
            Traffic::Steady { rate_per_s } | Traffic::Poisson { rate_per_s } => {
                if !positive(*rate_per_s) {
                    return invalid(
                        "rate_per_s",
                        format!("must be more than 0, got {rate_per_s}"),
                    );
                }
            }
            Traffic::Daily {
                min_rate_per_s,
                max_rate_per_s,
                peak_hour_utc,
            } => {
                let min_ok = min_rate_per_s.is_finite() && *min_rate_per_s >= 0.0;
                if !min_ok || !positive(*max_rate_per_s) || min_rate_per_s > max_rate_per_s {
                    return invalid(
                        "daily rates",
                        format!(
                            "need 0 <= min <= max and max > 0, got min {min_rate_per_s}, max {max_rate_per_s}"
                        ),
                    );
                }
                if !(0.0..24.0).contains(peak_hour_utc) {
                    return invalid(
                        "peak_hour_utc",
                        format!("must be from 0 to under 24, got {peak_hour_utc}"),
                    );
                }
            }
            Traffic::Burst { size, every_ms } => {
                if *size == 0 {
                    return invalid("burst size", "must be at least 1".to_owned());
                }
                if let Some(every) = every_ms
                    && !positive(*every)
                {
                    return invalid(
                        "burst every_ms",
                        format!("must be more than 0, got {every}"),
                    );
                }
            }
            Traffic::Schedule {
                period_ms,
                offset_ms,
                requests_per_run,
            } => {
                if !positive(*period_ms) {
                    return invalid(
                        "schedule period_ms",
                        format!("must be more than 0, got {period_ms}"),
                    );
                }
                if !(offset_ms.is_finite() && *offset_ms >= 0.0) {
                    return invalid(
                        "schedule offset_ms",
                        format!("must be 0 or more, got {offset_ms}"),
                    );
                }
                if *requests_per_run == 0 {
                    return invalid("schedule requests_per_run", "must be at least 1".to_owned());
                }
            }
            Traffic::Replay { arrivals_ms } => {
                let mut previous = 0.0;
                for (index, arrival) in arrivals_ms.iter().enumerate() {
                    if !arrival.is_finite() || *arrival < previous {
                        return invalid(
                            "replay arrivals_ms",
                            format!(
                                "must be finite, 0 or more and in non-decreasing order; entry {index} is {arrival}"
                            ),
                        );
                    }
                    previous = *arrival;
                }
            }
        }
        match self.function_duration {
            FunctionDuration::Fixed { duration_ms } => {
                if !(duration_ms.is_finite()
                    && (0.0..=MAX_FUNCTION_DURATION_MS).contains(&duration_ms))
                {
                    return invalid(
                        "function duration_ms",
                        format!(
                            "must be from 0 to {MAX_FUNCTION_DURATION_MS} (the 900 s timeout), got {duration_ms}"
                        ),
                    );
                }
            }
            FunctionDuration::Uniform { min_ms, max_ms } => {
                if !(min_ms.is_finite() && max_ms.is_finite())
                    || min_ms < 0.0
                    || min_ms > max_ms
                    || max_ms > MAX_FUNCTION_DURATION_MS
                {
                    return invalid(
                        "function duration",
                        format!(
                            "need 0 <= min <= max <= {MAX_FUNCTION_DURATION_MS} ms, got {min_ms}..{max_ms}"
                        ),
                    );
                }
            }
        }
        let init_ok = |ms: f64| ms.is_finite() && (0.0..=INIT_PHASE_LIMIT_MS).contains(&ms);
        match &self.init {
            InitDurations::Fixed { init_ms } => {
                if !init_ok(*init_ms) {
                    return invalid(
                        "init_ms",
                        format!(
                            "must be from 0 to {INIT_PHASE_LIMIT_MS} (the init phase limit), got {init_ms}"
                        ),
                    );
                }
            }
            InitDurations::Samples { samples_ms } => {
                if samples_ms.is_empty() || !samples_ms.iter().all(|ms| init_ok(*ms)) {
                    return invalid(
                        "init samples_ms",
                        format!(
                            "need at least one sample, each from 0 to {INIT_PHASE_LIMIT_MS} ms"
                        ),
                    );
                }
            }
        }
        if !(self.idle_lifetime_ms.is_finite() && self.idle_lifetime_ms >= 0.0) {
            return invalid(
                "idle_lifetime_ms",
                format!("must be 0 or more, got {}", self.idle_lifetime_ms),
            );
        }
        if self.account_concurrency == 0 {
            return invalid("account_concurrency", "must be at least 1".to_owned());
        }
        let reservable = self
            .account_concurrency
            .saturating_sub(MIN_UNRESERVED_CONCURRENCY);
        if let Some(reserved) = self.reserved_concurrency
            && reserved > reservable
        {
            return invalid(
                "reserved_concurrency",
                format!(
                    "can be at most the account limit minus {MIN_UNRESERVED_CONCURRENCY} ({reservable}), got {reserved}"
                ),
            );
        }
        let provisioned_ceiling = self.reserved_concurrency.unwrap_or(reservable);
        let mut previous_at = 0.0;
        for change in &self.provisioned_schedule {
            if !(change.at_ms.is_finite() && change.at_ms >= previous_at) {
                return invalid(
                    "provisioned_schedule",
                    "times must be finite, 0 or more and in non-decreasing order".to_owned(),
                );
            }
            previous_at = change.at_ms;
        }
        let most_provisioned = self
            .provisioned_schedule
            .iter()
            .map(|change| change.count)
            .chain([self.provisioned])
            .max()
            .unwrap_or(0);
        if most_provisioned > provisioned_ceiling {
            return invalid(
                "provisioned",
                format!(
                    "can be at most {provisioned_ceiling} (the reserved concurrency, or the account limit minus {MIN_UNRESERVED_CONCURRENCY}), got {most_provisioned}"
                ),
            );
        }
        if let Some(scaling) = self.scaling
            && (scaling.environments == 0
                || scaling.environments > 1_000_000
                || !positive(scaling.window_ms))
        {
            return invalid(
                "scaling",
                "needs 1 to 1,000,000 environments per window and a window over 0 ms".to_owned(),
            );
        }
        if !positive(self.step_ms) {
            return invalid(
                "step_ms",
                format!("must be more than 0, got {}", self.step_ms),
            );
        }
        let buckets = (self.duration_ms / self.step_ms).ceil();
        if buckets > MAX_BUCKETS as f64 {
            return invalid(
                "step_ms",
                format!(
                    "gives {buckets} buckets; at most {MAX_BUCKETS} allowed, use a larger step"
                ),
            );
        }
        let expected = self.expected_requests();
        if expected > MAX_REQUESTS {
            return Err(SimError::TooManyRequests {
                expected,
                max: MAX_REQUESTS,
            });
        }
        Ok(())
    }
}

/// Why a simulation did not produce a result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(
        "about {expected:.0} requests expected; at most {max:.0} per run, shorten the duration or lower the rate"
    )]
    TooManyRequests { expected: f64, max: f64 },
    #[error("cancelled")]
    Cancelled,
}

/// Which limit rejected a request (HTTP 429 `TooManyRequestsException`, "Rate Exceeded.").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThrottleReason {
    /// All of the account's concurrency in use (`ConcurrentInvocationLimitExceeded`).
    AccountConcurrency,
    /// The function's reserved concurrency in use
    /// (`ReservedFunctionConcurrentInvocationLimitExceeded`).
    ReservedConcurrency,
    /// The function already added as many environments as the scaling rate allows.
    ScalingRate,
}

/// How a request started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Start {
    Warm,
    Cold(ColdReason),
    Throttled(ThrottleReason),
}

/// What happened to one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RequestOutcome {
    pub arrival_ms: f64,
    pub start: Start,
    /// The environment that served it; `None` when throttled.
    pub environment_id: Option<u32>,
    /// Whether that environment was a provisioned one.
    pub provisioned: bool,
    /// INIT time before the handler ran (cold starts only).
    pub init_ms: f64,
    /// Handler time (0 when throttled).
    pub duration_ms: f64,
}

impl RequestOutcome {
    /// Time from arrival until the handler starts. Synchronous requests never queue, so this
    /// is the init time of a cold start and 0 otherwise.
    pub fn wait_ms(&self) -> f64 {
        self.init_ms
    }

    /// What the caller waits for, leaving out the network: wait plus handler time.
    pub fn latency_ms(&self) -> f64 {
        self.init_ms + self.duration_ms
    }

    pub fn is_cold(&self) -> bool {
        matches!(self.start, Start::Cold(_))
    }

    pub fn is_throttled(&self) -> bool {
        matches!(self.start, Start::Throttled(_))
    }
}

/// One time-series bucket `[start_ms, start_ms + step)`.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct SeriesBucket {
    pub start_ms: f64,
    /// Requests that arrived in the bucket.
    pub requests: u32,
    pub cold_starts: u32,
    pub throttles: u32,
    /// Most requests in flight (initialising or running) at any moment of the bucket.
    pub peak_concurrency: u32,
    /// Environments by state at the end of the bucket (provisioned ones included).
    pub initialising: u32,
    pub busy: u32,
    pub idle: u32,
    /// Provisioned environments alive at the end of the bucket, whatever their state.
    pub provisioned: u32,
}

/// Latency percentiles of a set of requests (all 0 when `count` is 0). Values come from a
/// log-linear histogram: exact below 2.048 ms, within 0.1% above.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Percentiles {
    pub count: u64,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Totals of one run.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Summary {
    pub requests: u64,
    pub warm_starts: u64,
    pub cold_starts: u64,
    pub cold_first_request: u64,
    pub cold_all_busy: u64,
    pub cold_idle_expiry: u64,
    pub throttles: u64,
    pub throttles_account: u64,
    pub throttles_reserved: u64,
    pub throttles_scaling: u64,
    pub peak_concurrency: u32,
    /// Most environments alive at once (initialising, busy or idle).
    pub peak_environments: u32,
    /// On-demand environments created (= cold starts).
    pub environments_created: u64,
    pub environments_reclaimed: u64,
    pub provisioned_environments_created: u64,
    /// Served requests, init included for cold starts.
    pub latency: Percentiles,
    /// Warm requests only: what users see once cold starts are trimmed away.
    pub latency_warm: Percentiles,
    /// Sum of modelled INIT time (billed for on-demand functions since 2025-08-01).
    pub init_ms_total: f64,
    pub duration_ms_total: f64,
    /// Handler time rounded up to whole ms per request (1 ms billing since Dec 2020).
    pub billed_duration_ms_total: u64,
    /// Provisioned environments × time they were configured, within `[0, duration_ms)`.
    pub provisioned_environment_ms_total: f64,
    /// Requests served by a provisioned environment (billed at the provisioned rates; the
    /// rest of the served requests are on demand).
    pub provisioned_requests: u64,
    /// Handler time of the requests served by provisioned environments.
    pub provisioned_duration_ms_total: f64,
    /// When the last request finished (may be after the traffic window).
    pub end_ms: f64,
}

impl Summary {
    /// Cold starts per served request, 0 when none were served.
    pub fn cold_start_share(&self) -> f64 {
        let served = self.warm_starts + self.cold_starts;
        if served == 0 {
            0.0
        } else {
            self.cold_starts as f64 / served as f64
        }
    }
}

/// What a run produces.
#[derive(Debug, Clone, PartialEq)]
pub struct SimResult {
    pub summary: Summary,
    pub step_ms: f64,
    pub series: Vec<SeriesBucket>,
    /// Every request's outcome in arrival order, when [`SimConfig::record_requests`] is on;
    /// empty otherwise.
    pub requests: Vec<RequestOutcome>,
}

/// Progress of a running simulation, passed to the callback of [`run_with_progress`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub simulated_ms: f64,
    pub duration_ms: f64,
    pub requests: u64,
}

impl Progress {
    /// From 0 to 1, for a progress bar.
    pub fn fraction(&self) -> f64 {
        (self.simulated_ms / self.duration_ms).clamp(0.0, 1.0)
    }
}

/// Runs a simulation to the end.
pub fn run(config: &SimConfig) -> Result<SimResult, SimError> {
    run_with_progress(config, &mut |_| true)
}

/// Runs a simulation, calling `progress` every 65,536 requests and at the end; when it
/// returns `false` the run stops with [`SimError::Cancelled`] (wrap an `AtomicBool` in it to
/// cancel from another thread).
pub fn run_with_progress(
    config: &SimConfig,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<SimResult, SimError> {
    config.validate()?;
    let mut engine = Engine::new(config);
    let mut arrivals = Arrivals::new(&config.traffic);
    let mut until_progress = PROGRESS_EVERY_REQUESTS;
    while let Some(arrival_ms) = arrivals.next(&mut engine.arrival_rng, config.duration_ms) {
        engine.arrive(arrival_ms);
        until_progress -= 1;
        if until_progress == 0 {
            until_progress = PROGRESS_EVERY_REQUESTS;
            let keep_going = progress(Progress {
                simulated_ms: arrival_ms,
                duration_ms: config.duration_ms,
                requests: engine.summary.requests,
            });
            if !keep_going {
                return Err(SimError::Cancelled);
            }
        }
    }
    let result = engine.finish();
    progress(Progress {
        simulated_ms: config.duration_ms,
        duration_ms: config.duration_ms,
        requests: result.summary.requests,
    });
    Ok(result)
}

#[cfg(test)]
mod tests;
