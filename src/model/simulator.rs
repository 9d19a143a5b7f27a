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

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::model::coldstart::INIT_PHASE_LIMIT_MS;

/// Default concurrency quota of an AWS account, per Region.
/// Source: AWS Lambda quotas page (checked 2026-11).
pub const DEFAULT_ACCOUNT_CONCURRENCY: u32 = 1_000;

/// Lambda keeps at least this much of the account's concurrency unreserved, so reserved and
/// provisioned concurrency can use at most `account − 100`.
/// Source: AWS Lambda docs, "Configuring reserved concurrency" (checked 2026-11).
pub const MIN_UNRESERVED_CONCURRENCY: u32 = 100;

/// Each function can add at most 1,000 execution environments every 10 seconds (since
/// November 2023; before that a per-account burst of 500–3,000, then +500 per minute).
/// Source: AWS Lambda docs, "Lambda scaling behavior"; AWS News Blog 2023-11-27.
pub const SCALING_ENVIRONMENTS_PER_WINDOW: u32 = 1_000;

/// The window of [`SCALING_ENVIRONMENTS_PER_WINDOW`]. Same source.
pub const SCALING_WINDOW_MS: f64 = 10_000.0;

/// How long an idle environment is kept before Lambda reclaims it. AWS does NOT document
/// this; people have observed roughly 5–60 minutes over the years (../shared/FACTS.md). It is
/// an adjustable assumption, and every view that uses it must say so.
pub const DEFAULT_IDLE_LIFETIME_MS: f64 = 600_000.0;

/// Longest a function may run: the 900 s timeout maximum. Source: CreateFunction API.
pub const MAX_FUNCTION_DURATION_MS: f64 = 900_000.0;

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
    /// Assumption (see [`DEFAULT_IDLE_LIFETIME_MS`]): an environment idle this long is
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
            idle_lifetime_ms: DEFAULT_IDLE_LIFETIME_MS,
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

/// Why a request needed a new environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColdReason {
    /// The function had no environment yet.
    FirstRequest,
    /// Every environment was busy (or initialising), so Lambda added one.
    AllBusy,
    /// It replaces an environment that was reclaimed after sitting idle: without the reclaim
    /// this request would have found an idle one. (Counted per reclaimed environment.)
    IdleExpiry,
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

/// A uniform number in (0, 1], from the top 53 bits, identical on every platform.
fn unit_open_closed(rng: &mut Pcg64Mcg) -> f64 {
    ((rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Rounds a non-negative duration up to whole ms without a libm call (hot path).
fn ceil_ms(duration_ms: f64) -> u64 {
    let whole = duration_ms as u64;
    if (whole as f64) < duration_ms {
        whole + 1
    } else {
        whole
    }
}

/// An exponentially distributed gap with the given mean (Poisson process arrivals).
fn exponential_ms(rng: &mut Pcg64Mcg, mean_ms: f64) -> f64 {
    -unit_open_closed(rng).ln() * mean_ms
}

/// The arrival generator: one state per traffic pattern, producing times in order.
enum Arrivals<'a> {
    Steady {
        interval_ms: f64,
        index: u64,
    },
    Poisson {
        mean_gap_ms: f64,
        now_ms: f64,
    },
    /// Bursts and schedules: `size` requests at `first_ms + k × period_ms`.
    Grouped {
        first_ms: f64,
        period_ms: Option<f64>,
        size: u32,
        run: u64,
        left_in_run: u32,
    },
    /// Thinning (Lewis–Shedler): candidates at the peak rate, each kept with probability
    /// rate(t) / peak, which yields a Poisson process with the time-varying rate.
    Daily {
        min_rate_per_s: f64,
        max_rate_per_s: f64,
        peak_ms_of_day: f64,
        now_ms: f64,
    },
    Replay {
        arrivals_ms: &'a [f64],
        index: usize,
    },
}

const DAY_MS: f64 = 86_400_000.0;

impl<'a> Arrivals<'a> {
    fn new(traffic: &'a Traffic) -> Self {
        match traffic {
            Traffic::Steady { rate_per_s } => Arrivals::Steady {
                interval_ms: 1000.0 / rate_per_s,
                index: 0,
            },
            Traffic::Poisson { rate_per_s } => Arrivals::Poisson {
                mean_gap_ms: 1000.0 / rate_per_s,
                now_ms: 0.0,
            },
            Traffic::Burst { size, every_ms } => Arrivals::Grouped {
                first_ms: 0.0,
                period_ms: *every_ms,
                size: *size,
                run: 0,
                left_in_run: *size,
            },
            Traffic::Schedule {
                period_ms,
                offset_ms,
                requests_per_run,
            } => Arrivals::Grouped {
                first_ms: *offset_ms,
                period_ms: Some(*period_ms),
                size: *requests_per_run,
                run: 0,
                left_in_run: *requests_per_run,
            },
            Traffic::Daily {
                min_rate_per_s,
                max_rate_per_s,
                peak_hour_utc,
            } => Arrivals::Daily {
                min_rate_per_s: *min_rate_per_s,
                max_rate_per_s: *max_rate_per_s,
                peak_ms_of_day: peak_hour_utc * 3_600_000.0,
                now_ms: 0.0,
            },
            Traffic::Replay { arrivals_ms } => Arrivals::Replay {
                arrivals_ms,
                index: 0,
            },
        }
    }

    fn next(&mut self, rng: &mut Pcg64Mcg, end_ms: f64) -> Option<f64> {
        let time_ms = match self {
            Arrivals::Steady { interval_ms, index } => {
                // Multiply rather than accumulate, so day-long runs do not drift.
                let time_ms = *index as f64 * *interval_ms;
                *index += 1;
                time_ms
            }
            Arrivals::Poisson {
                mean_gap_ms,
                now_ms,
            } => {
                *now_ms += exponential_ms(rng, *mean_gap_ms);
                *now_ms
            }
            Arrivals::Grouped {
                first_ms,
                period_ms,
                size,
                run,
                left_in_run,
            } => {
                if *left_in_run == 0 {
                    // Without a period there is only the first run.
                    period_ms.as_ref()?;
                    *run += 1;
                    *left_in_run = *size;
                }
                *left_in_run -= 1;
                *first_ms + *run as f64 * period_ms.unwrap_or(0.0)
            }
            Arrivals::Daily {
                min_rate_per_s,
                max_rate_per_s,
                peak_ms_of_day,
                now_ms,
            } => {
                let peak_gap_ms = 1000.0 / *max_rate_per_s;
                loop {
                    *now_ms += exponential_ms(rng, peak_gap_ms);
                    if *now_ms >= end_ms {
                        return None;
                    }
                    let phase = std::f64::consts::TAU * (*now_ms - *peak_ms_of_day) / DAY_MS;
                    let rate = *min_rate_per_s
                        + (*max_rate_per_s - *min_rate_per_s) * (1.0 + phase.cos()) / 2.0;
                    if unit_open_closed(rng) * *max_rate_per_s <= rate {
                        break *now_ms;
                    }
                }
            }
            Arrivals::Replay { arrivals_ms, index } => {
                let time_ms = *arrivals_ms.get(*index)?;
                *index += 1;
                time_ms
            }
        };
        (time_ms < end_ms).then_some(time_ms)
    }
}

/// Orders f64 times for the heap (the validated inputs are never NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Time(f64);

impl Eq for Time {}

impl PartialOrd for Time {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Time {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A busy environment: when it finishes, its id (ties broken by id, for determinism), and
/// whether it is provisioned.
type Busy = Reverse<(Time, u32, bool)>;

/// Per-bucket accumulators. Environment counts are kept as changes (+1/−1 at the moment of
/// each transition) and summed at the end, so transitions can be booked whenever they are
/// known, in any order.
#[derive(Debug, Clone, Copy, Default)]
struct BucketAcc {
    requests: u32,
    cold_starts: u32,
    throttles: u32,
    peak_concurrency: u32,
    d_initialising: i32,
    d_busy: i32,
    d_idle: i32,
    d_provisioned: i32,
}

/// A log-linear latency histogram over whole microseconds: exact below 2,048 µs, then 1,024
/// sub-buckets per power of two (under 0.1% error). Each bucket also sums its values, so a
/// percentile reports the mean of the values in its bucket — exact when they are all equal.
struct Histogram {
    counts: Vec<u64>,
    sums_ms: Vec<f64>,
    count: u64,
    total_ms: f64,
    max_ms: f64,
}

const HISTOGRAM_SUB_BITS: u32 = 10;
const HISTOGRAM_EXACT: u64 = 2 << HISTOGRAM_SUB_BITS;
/// Enough for 2^40 µs (12 days); latencies are at most 910 s.
const HISTOGRAM_BUCKETS: usize = 2048 + (40 - 11 + 1) * 1024;

impl Histogram {
    fn new() -> Self {
        Self {
            counts: vec![0; HISTOGRAM_BUCKETS],
            sums_ms: vec![0.0; HISTOGRAM_BUCKETS],
            count: 0,
            total_ms: 0.0,
            max_ms: 0.0,
        }
    }

    fn index(micros: u64) -> usize {
        if micros < HISTOGRAM_EXACT {
            return micros as usize;
        }
        let exponent = 63 - micros.leading_zeros();
        let sub = (micros >> (exponent - HISTOGRAM_SUB_BITS)) & ((1 << HISTOGRAM_SUB_BITS) - 1);
        let index = HISTOGRAM_EXACT as usize
            + (exponent as usize - 11) * (1 << HISTOGRAM_SUB_BITS)
            + sub as usize;
        index.min(HISTOGRAM_BUCKETS - 1)
    }

    fn record(&mut self, value_ms: f64) {
        // Values are never negative, so adding 0.5 and truncating rounds (and avoids a libm
        // call on targets without SSE4.1).
        let index = Self::index((value_ms * 1000.0 + 0.5) as u64);
        self.counts[index] += 1;
        self.sums_ms[index] += value_ms;
        self.count += 1;
        self.total_ms += value_ms;
        if value_ms > self.max_ms {
            self.max_ms = value_ms;
        }
    }

    /// Adds another histogram's values to this one.
    fn merge(&mut self, other: &Histogram) {
        for (count, more) in self.counts.iter_mut().zip(&other.counts) {
            *count += more;
        }
        for (sum, more) in self.sums_ms.iter_mut().zip(&other.sums_ms) {
            *sum += more;
        }
        self.count += other.count;
        self.total_ms += other.total_ms;
        self.max_ms = self.max_ms.max(other.max_ms);
    }

    fn percentiles(&self) -> Percentiles {
        if self.count == 0 {
            return Percentiles::default();
        }
        let mut ranks =
            [0.50, 0.90, 0.99].map(|p: f64| ((p * self.count as f64).ceil() as u64).max(1));
        let mut values = [0.0; 3];
        let mut next = 0;
        let mut seen = 0;
        for (count, sum) in self.counts.iter().zip(&self.sums_ms) {
            if *count == 0 {
                continue;
            }
            seen += count;
            while next < ranks.len() && seen >= ranks[next] {
                values[next] = sum / *count as f64;
                ranks[next] = u64::MAX;
                next += 1;
            }
            if next == ranks.len() {
                break;
            }
        }
        Percentiles {
            count: self.count,
            mean_ms: self.total_ms / self.count as f64,
            p50_ms: values[0],
            p90_ms: values[1],
            p99_ms: values[2],
            max_ms: self.max_ms,
        }
    }
}

/// The simulation state between arrivals.
struct Engine<'a> {
    config: &'a SimConfig,
    arrival_rng: Pcg64Mcg,
    /// A second stream for init and handler times, so changing the runtime or the handler
    /// does not change the arrivals.
    service_rng: Pcg64Mcg,
    limit: u32,
    limit_reason: ThrottleReason,
    busy: BinaryHeap<Busy>,
    /// On-demand idle environments (when they went idle, id), oldest first: reuse takes the
    /// back (most recently used), reclaim takes the front (idle longest).
    idle: VecDeque<(f64, u32)>,
    /// Provisioned idle environments; never reclaimed.
    provisioned_idle: Vec<u32>,
    /// Creation times of the most recent on-demand environments, at most the scaling limit.
    recent_creations: VecDeque<f64>,
    in_flight: u32,
    environments_alive: u32,
    provisioned_alive: u32,
    provisioned_target: u32,
    /// Busy provisioned environments to drop when they finish (after a scheduled decrease).
    provisioned_to_retire: u32,
    provisioned_since_ms: f64,
    schedule_next: usize,
    next_environment_id: u32,
    any_environment_yet: bool,
    /// Reclaimed environments not yet replaced by a cold start (see [`ColdReason::IdleExpiry`]).
    reclaimed_unreplaced: u64,
    buckets: Vec<BucketAcc>,
    /// Latencies of warm and of cold requests; "all" is their sum, made once at the end.
    histogram_warm: Histogram,
    histogram_cold: Histogram,
    /// The bucket of the latest arrival and its bounds: most bookings fall in it, which spares
    /// a division per booking.
    cursor_index: usize,
    cursor_start_ms: f64,
    cursor_end_ms: f64,
    summary: Summary,
    outcomes: Vec<RequestOutcome>,
}

impl<'a> Engine<'a> {
    fn new(config: &'a SimConfig) -> Self {
        let (limit, limit_reason) = config.concurrency_limit();
        let bucket_count = ((config.duration_ms / config.step_ms).ceil() as usize).max(1);
        let outcomes = if config.record_requests {
            // Reserve what the pattern should need (capped, it grows if a Poisson run
            // overshoots) so recording does not reallocate per request.
            Vec::with_capacity((config.expected_requests() * 1.01 + 16.0).min(50_000_000.0) as usize)
        } else {
            Vec::new()
        };
        let mut engine = Self {
            config,
            arrival_rng: Pcg64Mcg::seed_from_u64(config.seed),
            service_rng: Pcg64Mcg::seed_from_u64(config.seed ^ 0x9E37_79B9_7F4A_7C15),
            limit,
            limit_reason,
            busy: BinaryHeap::new(),
            idle: VecDeque::new(),
            provisioned_idle: Vec::new(),
            recent_creations: VecDeque::new(),
            in_flight: 0,
            environments_alive: 0,
            provisioned_alive: 0,
            provisioned_target: 0,
            provisioned_to_retire: 0,
            provisioned_since_ms: 0.0,
            schedule_next: 0,
            next_environment_id: 0,
            any_environment_yet: false,
            reclaimed_unreplaced: 0,
            buckets: vec![BucketAcc::default(); bucket_count],
            histogram_warm: Histogram::new(),
            histogram_cold: Histogram::new(),
            cursor_index: 0,
            cursor_start_ms: 0.0,
            cursor_end_ms: config.step_ms,
            summary: Summary::default(),
            outcomes,
        };
        engine.set_provisioned(0.0, config.provisioned);
        engine
    }

    /// The bucket `[index × step, (index + 1) × step)` holding a moment in the window.
    fn bucket_index_slow(&self, time_ms: f64) -> usize {
        let step_ms = self.config.step_ms;
        let mut index = (time_ms / step_ms) as usize;
        // The division may round across a boundary; the boundaries are `index × step`, the
        // same numbers the cursor compares with, so both paths always agree.
        if index > 0 && time_ms < index as f64 * step_ms {
            index -= 1;
        } else if time_ms >= (index + 1) as f64 * step_ms {
            index += 1;
        }
        index.min(self.buckets.len() - 1)
    }

    /// The bucket a moment falls in, or `None` after the traffic window.
    fn bucket_index(&self, time_ms: f64) -> Option<usize> {
        if time_ms >= self.config.duration_ms {
            None
        } else if time_ms >= self.cursor_start_ms && time_ms < self.cursor_end_ms {
            Some(self.cursor_index)
        } else {
            Some(self.bucket_index_slow(time_ms))
        }
    }

    /// Moves the cursor to the bucket of an arrival (arrivals come in time order).
    fn move_cursor(&mut self, time_ms: f64) {
        if time_ms >= self.cursor_end_ms && time_ms < self.config.duration_ms {
            let index = self.bucket_index_slow(time_ms);
            self.cursor_index = index;
            self.cursor_start_ms = index as f64 * self.config.step_ms;
            self.cursor_end_ms = (index + 1) as f64 * self.config.step_ms;
        }
    }

    fn book(&mut self, time_ms: f64, change: impl FnOnce(&mut BucketAcc)) {
        if let Some(index) = self.bucket_index(time_ms)
            && let Some(bucket) = self.buckets.get_mut(index)
        {
            change(bucket);
        }
    }

    fn new_environment_id(&mut self) -> u32 {
        let id = self.next_environment_id;
        self.next_environment_id = self.next_environment_id.wrapping_add(1);
        self.environments_alive += 1;
        self.summary.peak_environments =
            self.summary.peak_environments.max(self.environments_alive);
        self.any_environment_yet = true;
        id
    }

    /// Integrates provisioned environments over time, for the provisioned-concurrency bill.
    fn provisioned_changes(&mut self, time_ms: f64, delta: i64) {
        let until = time_ms.min(self.config.duration_ms);
        if until > self.provisioned_since_ms {
            self.summary.provisioned_environment_ms_total +=
                f64::from(self.provisioned_alive) * (until - self.provisioned_since_ms);
            self.provisioned_since_ms = until;
        }
        self.provisioned_alive = (i64::from(self.provisioned_alive) + delta).max(0) as u32;
    }

    /// Brings the provisioned environments to `target` at `time_ms`. They are assumed ready
    /// at that moment (on AWS, allocation takes minutes: schedule it early).
    fn set_provisioned(&mut self, time_ms: f64, target: u32) {
        if target > self.provisioned_target {
            let mut add = target - self.provisioned_target;
            let kept = add.min(self.provisioned_to_retire);
            self.provisioned_to_retire -= kept;
            add -= kept;
            for _ in 0..add {
                let id = self.new_environment_id();
                self.provisioned_idle.push(id);
                self.summary.provisioned_environments_created += 1;
                self.provisioned_changes(time_ms, 1);
                self.book(time_ms, |bucket| {
                    bucket.d_idle += 1;
                    bucket.d_provisioned += 1;
                });
            }
        } else {
            let mut remove = self.provisioned_target - target;
            while remove > 0 && self.provisioned_idle.pop().is_some() {
                remove -= 1;
                self.environments_alive -= 1;
                self.provisioned_changes(time_ms, -1);
                self.book(time_ms, |bucket| {
                    bucket.d_idle -= 1;
                    bucket.d_provisioned -= 1;
                });
            }
            // Busy ones finish their request first.
            self.provisioned_to_retire += remove;
        }
        self.provisioned_target = target;
    }

    /// Frees every environment whose request ended by `time_ms`.
    fn release_until(&mut self, time_ms: f64) {
        while let Some(Reverse((Time(end_ms), id, provisioned))) = self.busy.peek().copied() {
            if end_ms > time_ms {
                break;
            }
            self.busy.pop();
            self.in_flight -= 1;
            if provisioned && self.provisioned_to_retire > 0 {
                self.provisioned_to_retire -= 1;
                self.environments_alive -= 1;
                self.provisioned_changes(end_ms, -1);
                self.book(end_ms, |bucket| {
                    bucket.d_busy -= 1;
                    bucket.d_provisioned -= 1;
                });
                continue;
            }
            if provisioned {
                self.provisioned_idle.push(id);
            } else {
                self.idle.push_back((end_ms, id));
            }
            self.book(end_ms, |bucket| {
                bucket.d_busy -= 1;
                bucket.d_idle += 1;
            });
        }
    }

    /// Reclaims on-demand environments idle for the idle lifetime by `time_ms`.
    fn reclaim_until(&mut self, time_ms: f64) {
        let lifetime_ms = self.config.idle_lifetime_ms;
        while let Some(&(idle_since_ms, _)) = self.idle.front() {
            let reclaimed_at_ms = idle_since_ms + lifetime_ms;
            if reclaimed_at_ms > time_ms {
                break;
            }
            self.idle.pop_front();
            self.environments_alive -= 1;
            self.reclaimed_unreplaced += 1;
            self.summary.environments_reclaimed += 1;
            self.book(reclaimed_at_ms, |bucket| bucket.d_idle -= 1);
        }
    }

    /// Applies everything that happens up to and including `time_ms`.
    fn advance_to(&mut self, time_ms: f64) {
        // A scheduled decrease can only remove environments idle by then, so finish the
        // requests that ended before each change first.
        while let Some(change) = self
            .config
            .provisioned_schedule
            .get(self.schedule_next)
            .copied()
        {
            if change.at_ms > time_ms {
                break;
            }
            self.release_until(change.at_ms);
            self.set_provisioned(change.at_ms, change.count);
            self.schedule_next += 1;
        }
        self.release_until(time_ms);
        self.reclaim_until(time_ms);
    }

    fn sample_init_ms(&mut self) -> f64 {
        match &self.config.init {
            InitDurations::Fixed { init_ms } => *init_ms,
            InitDurations::Samples { samples_ms } => {
                // Multiply-shift: an unbiased-enough, portable index without division.
                let index = ((u64::from(self.service_rng.next_u32()) * samples_ms.len() as u64)
                    >> 32) as usize;
                samples_ms.get(index).copied().unwrap_or_default()
            }
        }
    }

    fn sample_duration_ms(&mut self) -> f64 {
        match self.config.function_duration {
            FunctionDuration::Fixed { duration_ms } => duration_ms,
            FunctionDuration::Uniform { min_ms, max_ms } => {
                min_ms + (max_ms - min_ms) * (1.0 - unit_open_closed(&mut self.service_rng))
            }
        }
    }

    /// Whether the scaling rate allows one more new environment at `time_ms`: fewer than the
    /// limit were created in the window before it.
    fn scaling_allows(&self, time_ms: f64) -> bool {
        match self.config.scaling {
            None => true,
            Some(scaling) => {
                self.recent_creations.len() < scaling.environments as usize
                    || self
                        .recent_creations
                        .front()
                        .is_some_and(|oldest_ms| *oldest_ms <= time_ms - scaling.window_ms)
            }
        }
    }

    fn note_creation(&mut self, time_ms: f64) {
        if let Some(scaling) = self.config.scaling {
            if self.recent_creations.len() >= scaling.environments as usize {
                self.recent_creations.pop_front();
            }
            self.recent_creations.push_back(time_ms);
        }
    }

    fn arrive(&mut self, time_ms: f64) {
        self.move_cursor(time_ms);
        self.advance_to(time_ms);
        self.summary.requests += 1;

        let reused = if self.in_flight >= self.limit {
            None
        } else if let Some(id) = self.provisioned_idle.pop() {
            // Lambda serves from provisioned concurrency first, spilling over to on-demand.
            Some((id, true))
        } else {
            self.idle.pop_back().map(|(_, id)| (id, false))
        };

        let (start, environment_id, provisioned, init_ms, duration_ms) =
            if let Some((id, provisioned)) = reused {
                let duration_ms = self.sample_duration_ms();
                (Start::Warm, Some(id), provisioned, 0.0, duration_ms)
            } else if self.in_flight >= self.limit {
                (Start::Throttled(self.limit_reason), None, false, 0.0, 0.0)
            } else if !self.scaling_allows(time_ms) {
                (
                    Start::Throttled(ThrottleReason::ScalingRate),
                    None,
                    false,
                    0.0,
                    0.0,
                )
            } else {
                let reason = if !self.any_environment_yet {
                    ColdReason::FirstRequest
                } else if self.reclaimed_unreplaced > 0 {
                    self.reclaimed_unreplaced -= 1;
                    ColdReason::IdleExpiry
                } else {
                    ColdReason::AllBusy
                };
                let id = self.new_environment_id();
                self.note_creation(time_ms);
                let init_ms = self.sample_init_ms();
                let duration_ms = self.sample_duration_ms();
                self.book(time_ms + init_ms, |bucket| {
                    bucket.d_initialising -= 1;
                    bucket.d_busy += 1;
                });
                (Start::Cold(reason), Some(id), false, init_ms, duration_ms)
            };

        let summary = &mut self.summary;
        match start {
            Start::Warm => summary.warm_starts += 1,
            Start::Cold(reason) => {
                summary.cold_starts += 1;
                summary.environments_created += 1;
                match reason {
                    ColdReason::FirstRequest => summary.cold_first_request += 1,
                    ColdReason::AllBusy => summary.cold_all_busy += 1,
                    ColdReason::IdleExpiry => summary.cold_idle_expiry += 1,
                }
            }
            Start::Throttled(reason) => {
                summary.throttles += 1;
                match reason {
                    ThrottleReason::AccountConcurrency => summary.throttles_account += 1,
                    ThrottleReason::ReservedConcurrency => summary.throttles_reserved += 1,
                    ThrottleReason::ScalingRate => summary.throttles_scaling += 1,
                }
            }
        }

        if let Some(id) = environment_id {
            let end_ms = time_ms + init_ms + duration_ms;
            self.in_flight += 1;
            self.busy.push(Reverse((Time(end_ms), id, provisioned)));
            let summary = &mut self.summary;
            summary.peak_concurrency = summary.peak_concurrency.max(self.in_flight);
            summary.init_ms_total += init_ms;
            summary.duration_ms_total += duration_ms;
            summary.billed_duration_ms_total += ceil_ms(duration_ms);
            if provisioned {
                summary.provisioned_requests += 1;
                summary.provisioned_duration_ms_total += duration_ms;
            }
            summary.end_ms = summary.end_ms.max(end_ms);
            let latency_ms = init_ms + duration_ms;
            if start == Start::Warm {
                self.histogram_warm.record(latency_ms);
            } else {
                self.histogram_cold.record(latency_ms);
            }
        }

        let in_flight = self.in_flight;
        self.book(time_ms, |bucket| {
            bucket.requests += 1;
            bucket.peak_concurrency = bucket.peak_concurrency.max(in_flight);
            // Everything that happens at the arrival itself, booked at once.
            match start {
                Start::Warm => {
                    bucket.d_idle -= 1;
                    bucket.d_busy += 1;
                }
                Start::Cold(_) => {
                    bucket.cold_starts += 1;
                    bucket.d_initialising += 1;
                }
                Start::Throttled(_) => bucket.throttles += 1,
            }
        });

        if self.config.record_requests {
            self.outcomes.push(RequestOutcome {
                arrival_ms: time_ms,
                start,
                environment_id,
                provisioned,
                init_ms,
                duration_ms,
            });
        }
    }

    fn finish(mut self) -> SimResult {
        // Apply what happens until the window closes (requests ending, reclaims, scheduled
        // provisioned changes); anything later is outside every bucket and every total.
        self.advance_to(self.config.duration_ms);
        self.provisioned_changes(self.config.duration_ms, 0);
        let step_ms = self.config.step_ms;
        let mut series = Vec::with_capacity(self.buckets.len());
        let (mut initialising, mut busy, mut idle, mut provisioned) = (0i64, 0i64, 0i64, 0i64);
        for (index, acc) in self.buckets.iter().enumerate() {
            // Requests already in flight when the bucket starts count towards its peak.
            let in_flight_at_start = (initialising + busy).max(0) as u32;
            initialising += i64::from(acc.d_initialising);
            busy += i64::from(acc.d_busy);
            idle += i64::from(acc.d_idle);
            provisioned += i64::from(acc.d_provisioned);
            series.push(SeriesBucket {
                start_ms: index as f64 * step_ms,
                requests: acc.requests,
                cold_starts: acc.cold_starts,
                throttles: acc.throttles,
                peak_concurrency: acc.peak_concurrency.max(in_flight_at_start),
                initialising: initialising.max(0) as u32,
                busy: busy.max(0) as u32,
                idle: idle.max(0) as u32,
                provisioned: provisioned.max(0) as u32,
            });
        }
        let mut summary = self.summary;
        summary.latency_warm = self.histogram_warm.percentiles();
        let mut all = self.histogram_cold;
        all.merge(&self.histogram_warm);
        summary.latency = all.percentiles();
        SimResult {
            summary,
            step_ms,
            series,
            requests: self.outcomes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(traffic: Traffic, duration_ms: f64) -> SimConfig {
        SimConfig {
            record_requests: true,
            ..SimConfig::new(traffic, duration_ms)
        }
    }

    fn burst(size: u32) -> Traffic {
        Traffic::Burst {
            size,
            every_ms: None,
        }
    }

    #[test]
    fn a_burst_of_n_gives_n_cold_starts() {
        let result = run(&config(burst(250), 60_000.0)).expect("runs");
        let summary = &result.summary;
        assert_eq!(summary.requests, 250);
        assert_eq!(summary.cold_starts, 250);
        assert_eq!(summary.cold_first_request, 1);
        assert_eq!(summary.cold_all_busy, 249);
        assert_eq!(summary.throttles, 0);
        assert_eq!(summary.peak_concurrency, 250);
        assert!(result.requests.iter().all(RequestOutcome::is_cold));
    }

    #[test]
    fn a_burst_of_n_with_n_provisioned_has_no_cold_starts() {
        let mut config = config(burst(250), 60_000.0);
        config.provisioned = 250;
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.cold_starts, 0);
        assert_eq!(result.summary.warm_starts, 250);
        assert_eq!(result.summary.provisioned_environments_created, 250);
        assert_eq!(result.summary.provisioned_requests, 250);
        assert_eq!(result.summary.provisioned_duration_ms_total, 250.0 * 100.0);
        assert!(result.requests.iter().all(|outcome| outcome.provisioned));
        // One more than provisioned spills over to one on-demand cold start.
        let mut spill = config.clone();
        spill.traffic = burst(251);
        let result = run(&spill).expect("runs");
        assert_eq!(result.summary.cold_starts, 1);
        assert_eq!(result.summary.cold_all_busy, 1);
        assert_eq!(result.summary.provisioned_requests, 250);
    }

    #[test]
    fn steady_traffic_slower_than_one_function_stays_on_one_environment() {
        let mut config = config(Traffic::Steady { rate_per_s: 5.0 }, 3_600_000.0);
        config.function_duration = FunctionDuration::Fixed { duration_ms: 100.0 };
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.requests, 18_000);
        assert_eq!(result.summary.cold_starts, 1);
        assert_eq!(result.summary.peak_concurrency, 1);
        assert!(result.requests.iter().all(|r| r.environment_id == Some(0)));
        // Exactly one function at a time (arrival when the previous one ends) also reuses it.
        config.function_duration = FunctionDuration::Fixed { duration_ms: 200.0 };
        config.init = InitDurations::Fixed { init_ms: 0.0 };
        assert_eq!(run(&config).expect("runs").summary.cold_starts, 1);
        // But a slow first init can make the second request find the only environment busy.
        config.function_duration = FunctionDuration::Fixed { duration_ms: 150.0 };
        config.init = InitDurations::Fixed { init_ms: 100.0 };
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.cold_starts, 2);
        assert_eq!(result.requests[1].start, Start::Cold(ColdReason::AllBusy));
    }

    #[test]
    fn a_pause_longer_than_the_idle_lifetime_gives_one_new_cold_start() {
        let lifetime_ms = DEFAULT_IDLE_LIFETIME_MS;
        let before: Vec<f64> = (0..60).map(|i| f64::from(i) * 1000.0).collect();
        let resume_ms = 59_000.0 + 100.0 + lifetime_ms + 60_000.0;
        let after: Vec<f64> = (0..60).map(|i| resume_ms + f64::from(i) * 1000.0).collect();
        let arrivals_ms: Vec<f64> = before.iter().chain(&after).copied().collect();
        let result =
            run(&config(Traffic::Replay { arrivals_ms }, 2.0 * 3_600_000.0)).expect("runs");
        let summary = &result.summary;
        assert_eq!(summary.cold_starts, 2);
        assert_eq!(summary.cold_first_request, 1);
        assert_eq!(summary.cold_idle_expiry, 1);
        // The second environment is reclaimed too, before the two hours are over.
        assert_eq!(summary.environments_reclaimed, 2);
        assert_eq!(
            result.requests[60].start,
            Start::Cold(ColdReason::IdleExpiry)
        );

        // A pause shorter than the idle lifetime keeps the environment warm.
        let short: Vec<f64> = vec![0.0, lifetime_ms - 1_000.0];
        let result =
            run(&config(Traffic::Replay { arrivals_ms: short }, 3_600_000.0)).expect("runs");
        assert_eq!(result.summary.cold_starts, 1);
    }

    #[test]
    fn reserved_concurrency_throttles_the_rest_of_a_burst() {
        let mut config = config(burst(100), 60_000.0);
        config.reserved_concurrency = Some(5);
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.cold_starts, 5);
        assert_eq!(result.summary.throttles, 95);
        assert_eq!(result.summary.throttles_reserved, 95);
        assert_eq!(result.summary.peak_concurrency, 5);
    }

    #[test]
    fn the_account_limit_throttles_when_nothing_is_reserved() {
        let result = run(&config(burst(1_200), 60_000.0)).expect("runs");
        assert_eq!(result.summary.cold_starts, 1_000);
        assert_eq!(result.summary.throttles_account, 200);
    }

    #[test]
    fn the_scaling_rate_allows_1000_new_environments_per_10_seconds() {
        let mut config = config(
            Traffic::Burst {
                size: 3_000,
                every_ms: Some(5_000.0),
            },
            20_000.0,
        );
        config.account_concurrency = 5_000;
        config.step_ms = 1_000.0;
        let result = run(&config).expect("runs");
        let at = |time_ms: f64| {
            result
                .requests
                .iter()
                .filter(move |outcome| outcome.arrival_ms == time_ms)
        };
        // t = 0: 1,000 new environments, the other 2,000 synchronous requests throttled.
        assert_eq!(at(0.0).filter(|o| o.is_cold()).count(), 1_000);
        assert_eq!(
            at(0.0)
                .filter(|o| o.start == Start::Throttled(ThrottleReason::ScalingRate))
                .count(),
            2_000
        );
        // t = 5 s: the 1,000 are idle again and reused; no new environment yet.
        assert_eq!(
            at(5_000.0).filter(|o| o.start == Start::Warm).count(),
            1_000
        );
        assert_eq!(at(5_000.0).filter(|o| o.is_cold()).count(), 0);
        // t = 10 s: the window has passed, 1,000 more.
        assert_eq!(at(10_000.0).filter(|o| o.is_cold()).count(), 1_000);
        assert_eq!(
            at(10_000.0).filter(|o| o.start == Start::Warm).count(),
            1_000
        );
        // In any 10 s, at most 1,000 new environments.
        let creations: Vec<f64> = result
            .requests
            .iter()
            .filter(|o| o.is_cold())
            .map(|o| o.arrival_ms)
            .collect();
        for (index, created_ms) in creations.iter().enumerate() {
            let in_window = creations[index..]
                .iter()
                .take_while(|later| **later < created_ms + SCALING_WINDOW_MS)
                .count();
            assert!(in_window <= 1_000);
        }
        assert_eq!(result.series[0].cold_starts, 1_000);
        assert_eq!(result.series[0].throttles, 2_000);

        // Without the scaling limit the account limit is what throttles.
        config.scaling = None;
        let result = run(&config).expect("runs");
        assert_eq!(
            result
                .requests
                .iter()
                .filter(|o| o.arrival_ms == 0.0 && o.is_cold())
                .count(),
            3_000
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_result() {
        let mut config = config(Traffic::Poisson { rate_per_s: 50.0 }, 600_000.0);
        config.init = InitDurations::Samples {
            samples_ms: vec![100.0, 120.0, 400.0],
        };
        config.function_duration = FunctionDuration::Uniform {
            min_ms: 20.0,
            max_ms: 300.0,
        };
        config.seed = 7;
        let first = run(&config).expect("runs");
        let second = run(&config).expect("runs");
        assert_eq!(first, second);
        config.seed = 8;
        let other = run(&config).expect("runs");
        assert_ne!(first.requests, other.requests);
    }

    #[test]
    fn changing_the_runtime_keeps_the_arrivals() {
        let mut config = config(Traffic::Poisson { rate_per_s: 5.0 }, 60_000.0);
        let first = run(&config).expect("runs");
        config.init = InitDurations::Samples {
            samples_ms: vec![10.0, 900.0],
        };
        let second = run(&config).expect("runs");
        let arrivals = |result: &SimResult| -> Vec<f64> {
            result.requests.iter().map(|o| o.arrival_ms).collect()
        };
        assert_eq!(arrivals(&first), arrivals(&second));
    }

    #[test]
    fn poisson_mean_rate_is_close_to_the_requested_rate() {
        let config = SimConfig::new(Traffic::Poisson { rate_per_s: 10.0 }, 86_400_000.0);
        let requests = run(&config).expect("runs").summary.requests as f64;
        // Expected 864,000 with a standard deviation of ~930: 1% is over 9 sigma.
        assert!((requests / 864_000.0 - 1.0).abs() < 0.01, "{requests}");
    }

    #[test]
    fn the_daily_cycle_peaks_at_the_peak_hour() {
        let mut config = SimConfig::new(
            Traffic::Daily {
                min_rate_per_s: 1.0,
                max_rate_per_s: 20.0,
                peak_hour_utc: 14.0,
            },
            86_400_000.0,
        );
        config.step_ms = 3_600_000.0;
        let result = run(&config).expect("runs");
        let busiest = result
            .series
            .iter()
            .max_by_key(|bucket| bucket.requests)
            .expect("24 buckets");
        assert!((13.0..=15.0).contains(&(busiest.start_ms / 3_600_000.0)));
        let expected = 10.5 * 86_400.0;
        assert!((result.summary.requests as f64 / expected - 1.0).abs() < 0.02);
        // Quiet nights: the 02:00 bucket is far below the 14:00 one.
        assert!(result.series[2].requests * 5 < result.series[14].requests);
    }

    #[test]
    fn a_schedule_fires_at_its_period() {
        let config = config(
            Traffic::Schedule {
                period_ms: 300_000.0,
                offset_ms: 0.0,
                requests_per_run: 1,
            },
            3_600_000.0,
        );
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.requests, 12);
        // Every 5 minutes is well inside a 10-minute idle lifetime: one cold start.
        assert_eq!(result.summary.cold_starts, 1);
        // Every 15 minutes is not: each run is cold.
        let mut rare = config.clone();
        rare.traffic = Traffic::Schedule {
            period_ms: 900_000.0,
            offset_ms: 0.0,
            requests_per_run: 1,
        };
        let result = run(&rare).expect("runs");
        assert_eq!(result.summary.cold_starts, 4);
        assert_eq!(result.summary.cold_idle_expiry, 3);
    }

    #[test]
    fn provisioned_concurrency_follows_its_schedule() {
        let mut config = config(
            Traffic::Burst {
                size: 10,
                every_ms: Some(60_000.0),
            },
            240_000.0,
        );
        config.provisioned_schedule = vec![
            ProvisionedChange {
                at_ms: 59_000.0,
                count: 10,
            },
            ProvisionedChange {
                at_ms: 150_000.0,
                count: 0,
            },
        ];
        config.idle_lifetime_ms = 1_000.0;
        config.step_ms = 30_000.0;
        let result = run(&config).expect("runs");
        let cold_at = |time_ms: f64| {
            result
                .requests
                .iter()
                .filter(|o| o.arrival_ms == time_ms && o.is_cold())
                .count()
        };
        assert_eq!(cold_at(0.0), 10);
        assert_eq!(cold_at(60_000.0), 0);
        assert_eq!(cold_at(120_000.0), 0);
        assert_eq!(cold_at(180_000.0), 10);
        // Ten provisioned environments for 91 s.
        assert!((result.summary.provisioned_environment_ms_total - 910_000.0).abs() < 1e-6);
        let provisioned: Vec<u32> = result.series.iter().map(|b| b.provisioned).collect();
        assert_eq!(provisioned, vec![0, 10, 10, 10, 10, 0, 0, 0]);
    }

    #[test]
    fn a_scheduled_decrease_waits_for_busy_provisioned_environments() {
        let mut config = config(burst(4), 60_000.0);
        config.provisioned = 4;
        config.function_duration = FunctionDuration::Fixed {
            duration_ms: 10_000.0,
        };
        config.provisioned_schedule = vec![ProvisionedChange {
            at_ms: 5_000.0,
            count: 1,
        }];
        config.step_ms = 1_000.0;
        let result = run(&config).expect("runs");
        assert_eq!(result.series[5].provisioned, 4, "still busy at 5 s");
        assert_eq!(
            result.series[10].provisioned, 1,
            "retired when they finished"
        );
        assert_eq!(result.series[10].idle, 1);
    }

    #[test]
    fn time_series_adds_up_to_the_summary() {
        let mut config = config(Traffic::Poisson { rate_per_s: 30.0 }, 3_600_000.0);
        config.function_duration = FunctionDuration::Uniform {
            min_ms: 50.0,
            max_ms: 400.0,
        };
        config.idle_lifetime_ms = 30_000.0;
        config.reserved_concurrency = Some(8);
        let result = run(&config).expect("runs");
        let total = |field: fn(&SeriesBucket) -> u32| -> u64 {
            result.series.iter().map(|b| u64::from(field(b))).sum()
        };
        assert_eq!(result.series.len(), 60);
        assert_eq!(total(|b| b.requests), result.summary.requests);
        assert_eq!(total(|b| b.cold_starts), result.summary.cold_starts);
        assert_eq!(total(|b| b.throttles), result.summary.throttles);
        assert_eq!(
            result.series.iter().map(|b| b.peak_concurrency).max(),
            Some(result.summary.peak_concurrency)
        );
        assert!(result.series.iter().all(|b| b.initialising + b.busy <= 8));
        assert_eq!(
            result.summary.requests,
            result.summary.warm_starts + result.summary.cold_starts + result.summary.throttles
        );
        assert_eq!(result.requests.len() as u64, result.summary.requests);
    }

    #[test]
    fn summary_only_mode_gives_the_same_summary() {
        let recorded = config(Traffic::Poisson { rate_per_s: 20.0 }, 600_000.0);
        let summary_only = SimConfig {
            record_requests: false,
            ..recorded.clone()
        };
        let with = run(&recorded).expect("runs");
        let without = run(&summary_only).expect("runs");
        assert_eq!(with.summary, without.summary);
        assert_eq!(with.series, without.series);
        assert!(without.requests.is_empty());
    }

    #[test]
    fn percentiles_with_and_without_cold_starts() {
        let mut config = config(Traffic::Steady { rate_per_s: 1.0 }, 100_000.0);
        config.init = InitDurations::Fixed { init_ms: 500.0 };
        config.function_duration = FunctionDuration::Fixed { duration_ms: 100.0 };
        config.idle_lifetime_ms = 60_000.0;
        // 100 requests, 1 s apart: cold at 0, then warm; never idle 60 s, so 1 cold start.
        let result = run(&config).expect("runs");
        assert_eq!(result.summary.cold_starts, 1);
        assert_eq!(result.summary.latency.p50_ms, 100.0);
        assert_eq!(result.summary.latency.p99_ms, 100.0);
        assert_eq!(result.summary.latency.max_ms, 600.0);
        assert_eq!(result.summary.latency_warm.count, 99);
        assert_eq!(result.summary.latency_warm.max_ms, 100.0);
        // A burst is all cold starts, so every latency includes init.
        let mut bursty = config.clone();
        bursty.traffic = Traffic::Burst {
            size: 50,
            every_ms: None,
        };
        let result = run(&bursty).expect("runs");
        assert_eq!(result.summary.latency.p99_ms, 600.0);
        assert_eq!(result.summary.latency_warm.count, 0);
    }

    #[test]
    fn histogram_is_exact_for_repeated_values_and_close_otherwise() {
        let mut histogram = Histogram::new();
        for i in 1..=10_000 {
            histogram.record(f64::from(i) * 0.731);
        }
        let percentiles = histogram.percentiles();
        assert!((percentiles.p50_ms / (5_000.0 * 0.731) - 1.0).abs() < 0.002);
        assert!((percentiles.p99_ms / (9_900.0 * 0.731) - 1.0).abs() < 0.002);
        assert_eq!(Histogram::index(2_047), 2_047);
        assert_eq!(Histogram::index(2_048), 2_048);
        assert_eq!(Histogram::index(4_096), 3_072);
        assert_eq!(Histogram::index(u64::MAX), HISTOGRAM_BUCKETS - 1);
    }

    #[test]
    fn bucket_boundaries_are_index_times_step() {
        let mut config = config(burst(1), 1_000.0);
        config.step_ms = 0.1;
        let engine = Engine::new(&config);
        for index in 0..10_000_usize {
            let start_ms = index as f64 * 0.1;
            assert_eq!(engine.bucket_index_slow(start_ms), index);
            if index > 0 {
                assert_eq!(engine.bucket_index_slow(start_ms.next_down()), index - 1);
            }
        }
        assert_eq!(ceil_ms(100.0), 100);
        assert_eq!(ceil_ms(100.2), 101);
        assert_eq!(ceil_ms(0.0), 0);
    }

    #[test]
    fn cancel_stops_the_run() {
        let config = SimConfig::new(Traffic::Steady { rate_per_s: 10.0 }, 86_400_000.0);
        let mut calls = 0;
        let result = run_with_progress(&config, &mut |progress| {
            calls += 1;
            assert!(progress.fraction() > 0.0);
            calls < 3
        });
        assert_eq!(result, Err(SimError::Cancelled));
        assert_eq!(calls, 3);
        let mut last = 0.0;
        run_with_progress(&config, &mut |progress| {
            last = progress.fraction();
            true
        })
        .expect("runs");
        assert_eq!(last, 1.0);
    }

    #[test]
    fn invalid_configurations_say_what_is_allowed() {
        let mut bad = SimConfig::new(Traffic::Steady { rate_per_s: 0.0 }, 1_000.0);
        assert!(
            bad.validate()
                .expect_err("rate 0")
                .to_string()
                .contains("more than 0")
        );
        bad.traffic = burst(10);
        bad.reserved_concurrency = Some(950);
        assert!(
            bad.validate()
                .expect_err("reserved")
                .to_string()
                .contains("900")
        );
        bad.reserved_concurrency = Some(5);
        bad.provisioned = 6;
        assert!(bad.validate().is_err());
        bad.provisioned = 0;
        bad.traffic = Traffic::Replay {
            arrivals_ms: vec![5.0, 1.0],
        };
        assert!(
            bad.validate()
                .expect_err("order")
                .to_string()
                .contains("entry 1")
        );
        bad.traffic = Traffic::Steady { rate_per_s: 1.0e9 };
        bad.duration_ms = 86_400_000.0 * 30.0;
        assert!(matches!(
            bad.validate(),
            Err(SimError::TooManyRequests { .. })
        ));
    }
}
