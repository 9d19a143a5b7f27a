//! A simulator scenario as a learner sets it on the Cold starts page: the inputs (saved with the
//! app's state), the [`SimConfig`] they make, the ready-made experiments, every run one view of
//! the page needs, and what the scenario would cost in a month.
//!
//! Pure and deterministic like the rest of `model/`: no egui, no threads, no I/O. The page runs
//! [`simulate`] on a worker thread and cancels it through the progress callback.

use serde::{Deserialize, Serialize};

mod bills;
mod experiments;

pub use bills::*;
pub use experiments::*;

use crate::model::coldstart::{ColdStartError, ColdStartInputs, InitEstimate};
use crate::model::format;
use crate::model::lambda::{Architecture, PackageType};
use crate::model::limits::{
    ASSUMED_IDLE_LIFETIME_SECS, DEFAULT_ACCOUNT_CONCURRENCY, INIT_PHASE_LIMIT_MS,
    MAX_FUNCTION_DURATION_MS, MAX_MEMORY_MB, MEMORY_MB_RANGE, MIN_MEMORY_MB,
};
use crate::model::pricing::{
    self, ColdStarts, Estimate, PricingError, PricingInputs, ProvisionedConcurrency,
};
use crate::model::simulator::{
    self, FunctionDuration, InitDurations, SimConfig, SimError, SimResult, Summary, Traffic,
};

/// The daily cycle's quietest rate, as a share of its peak: an illustrative shape, not data
/// (the same shape as `lambda-lab simulate --pattern daily`).
pub const DAILY_TROUGH_SHARE: f64 = 0.1;

/// The daily cycle's busiest hour, UTC; the quietest is twelve hours away. Illustrative.
pub const DAILY_PEAK_HOUR_UTC: f64 = 14.0;

/// The runtimes of the "Java vs Node vs Python vs Rust" comparison, in any spelling
/// [`crate::model::coldstart::resolve_runtime`] accepts (`rust` is Rust on AL2023).
pub const COMPARED_RUNTIMES: [&str; 4] = ["java21", "nodejs24.x", "python3.13", "rust"];

/// The month a scenario is billed for: 30 days, 720 hours. AWS bills calendar months; 30 days
/// keeps the arithmetic round and is what AWS's own pricing examples use.
pub const MONTH_SECS: f64 = 30.0 * 86_400.0;

/// [`MONTH_SECS`] in hours: how long provisioned concurrency is configured in the bill.
pub const MONTH_HOURS: f64 = 720.0;

/// At most this many time-series buckets per run: smooth charts that are cheap to draw.
pub const MAX_CHART_BUCKETS: f64 = 400.0;

/// Bucket widths the charts may use, in ms, fine to coarse: each is a round number of a time
/// unit, so a hover read-out says "14:05–14:10" rather than "14:03:20–14:08:20".
pub const CHART_STEPS_MS: [f64; 21] = [
    100.0,
    200.0,
    500.0,
    1_000.0,
    2_000.0,
    5_000.0,
    10_000.0,
    15_000.0,
    30_000.0,
    60_000.0,
    120_000.0,
    300_000.0,
    600_000.0,
    900_000.0,
    1_800_000.0,
    3_600_000.0,
    7_200_000.0,
    10_800_000.0,
    21_600_000.0,
    43_200_000.0,
    86_400_000.0,
];

/// The narrowest round bucket width that splits `duration_ms` into at most
/// [`MAX_CHART_BUCKETS`] buckets (a day gets 5-minute buckets, an hour 10-second ones).
pub fn chart_step_ms(duration_ms: f64) -> f64 {
    if !(duration_ms.is_finite() && duration_ms > 0.0) {
        return CHART_STEPS_MS[0];
    }
    CHART_STEPS_MS
        .iter()
        .copied()
        .find(|step_ms| duration_ms / step_ms <= MAX_CHART_BUCKETS)
        .unwrap_or(duration_ms / MAX_CHART_BUCKETS)
}

/// How requests arrive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// Evenly spaced requests at the rate.
    Steady,
    /// Random arrivals at a mean rate.
    Poisson,
    /// Many requests at the same instant, optionally repeated.
    Burst,
    /// A day's cycle: the rate at the peak hour, a tenth of it twelve hours away.
    #[default]
    Daily,
    /// Cron-like: some requests every period (an EventBridge schedule).
    Schedule,
    /// The arrival times of recorded requests (this session's Playground invocations).
    Replay,
}

impl Pattern {
    pub const ALL: [Self; 6] = [
        Self::Steady,
        Self::Poisson,
        Self::Burst,
        Self::Daily,
        Self::Schedule,
        Self::Replay,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Steady => "Steady (evenly spaced)",
            Self::Poisson => "Random (Poisson)",
            Self::Burst => "Burst",
            Self::Daily => "Daily cycle",
            Self::Schedule => "Schedule (cron-like)",
            Self::Replay => "Replay recorded arrivals",
        }
    }

    /// One line on what the pattern does.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Steady => "One request every 1/rate seconds, like a health check.",
            Self::Poisson => "Requests at random moments, the rate on average: independent users.",
            Self::Burst => {
                "All the requests at the same instant: a fan-out, a retry storm, a sale."
            }
            Self::Daily => {
                "Random arrivals whose rate peaks at 14:00 UTC and drops to a tenth of it at \
                 02:00 UTC (an illustrative shape)."
            }
            Self::Schedule => "A few requests at a fixed period, like an EventBridge rate() rule.",
            Self::Replay => {
                "The moments your Playground requests arrived this session, replayed with the \
                 modelled runtime: what would Lambda have done with exactly that traffic?"
            }
        }
    }

    /// Whether the pattern is driven by a rate (the others by a burst size and period).
    pub fn uses_rate(self) -> bool {
        matches!(self, Self::Steady | Self::Poisson | Self::Daily)
    }
}

/// Everything the learner sets in the simulator panel. Saved with the app's state, so every
/// field has a default and files from older versions still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScenarioInputs {
    /// A lambda-perf runtime name, e.g. `nodejs24.x` or `rust (prov.al2023)`.
    pub runtime: String,
    pub package: PackageType,
    pub arch: Architecture,
    pub memory_mb: u32,
    /// The learner's own init code (imports, SDK clients), added to every modelled init.
    pub extra_init_ms: f64,
    /// How long the handler runs per request.
    pub function_ms: f64,
    pub pattern: Pattern,
    /// Steady and Poisson: the (mean) rate; daily cycle: the peak rate.
    pub rate_per_s: f64,
    /// Burst: requests per burst; schedule: requests per run.
    pub burst_size: u32,
    /// Burst: repeat the burst every [`Self::burst_every_secs`].
    pub burst_repeat: bool,
    /// Burst: the repeat period; schedule: the period.
    pub burst_every_secs: f64,
    /// How long requests keep arriving.
    pub duration_secs: f64,
    /// Assumption: AWS does not document how long an idle environment is kept.
    pub idle_lifetime_secs: f64,
    pub provisioned: u32,
    pub reserved: Option<u32>,
    pub seed: u64,
    /// Also run the same traffic on Java, Node, Python and Rust ([`COMPARED_RUNTIMES`]).
    pub compare_runtimes: bool,
    /// Replay: the arrival times in ms from the first one (this session's invocations).
    pub replay_arrivals_ms: Vec<f64>,
    /// The account's concurrency quota; the function is assumed to be the only one using it.
    pub account_concurrency: u32,
    /// One init time for every cold start instead of the lambda-perf model (`simulate
    /// --init-ms`); `None` models it from the runtime, package, architecture and memory.
    pub init_override_ms: Option<f64>,
}

impl Default for ScenarioInputs {
    /// A day of a small web API: up to 20 requests/s of 200 ms, quiet at night.
    fn default() -> Self {
        // The function's own defaults are the cold-start model's.
        let function = ColdStartInputs::default();
        Self {
            runtime: function.runtime,
            package: function.package,
            arch: function.arch,
            memory_mb: function.memory_mb,
            extra_init_ms: function.extra_init_ms,
            function_ms: 200.0,
            pattern: Pattern::Daily,
            rate_per_s: 20.0,
            burst_size: 100,
            burst_repeat: false,
            burst_every_secs: 900.0,
            duration_secs: 86_400.0,
            idle_lifetime_secs: ASSUMED_IDLE_LIFETIME_SECS as f64,
            provisioned: 0,
            reserved: None,
            seed: 1,
            compare_runtimes: false,
            replay_arrivals_ms: Vec::new(),
            account_concurrency: DEFAULT_ACCOUNT_CONCURRENCY,
            init_override_ms: None,
        }
    }
}

/// Why a scenario did not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    #[error("{0}")]
    ColdStart(#[from] ColdStartError),
    #[error("{}", describe_sim_error(.0))]
    Sim(#[from] SimError),
    #[error("memory must be {min} to {max} MB, got {0} MB", min = MIN_MEMORY_MB, max = format::count(MAX_MEMORY_MB.into()))]
    Memory(u32),
    #[error(
        "init time must be from 0 to {limit} ms (Lambda's init limit), got {0} ms",
        limit = format::count(INIT_PHASE_LIMIT_MS as u64)
    )]
    InitOverride(f64),
}

/// Where a scenario's init times come from.
#[derive(Debug, Clone, PartialEq)]
pub enum InitSource {
    /// lambda-perf's measurements on AWS, plus the learner's own init code.
    Modelled(InitEstimate),
    /// One time for every cold start, given by the user.
    Given { init_ms: f64 },
}

impl InitSource {
    /// The modelled estimate, when the init times are modelled.
    pub fn estimate(&self) -> Option<&InitEstimate> {
        match self {
            Self::Modelled(estimate) => Some(estimate),
            Self::Given { .. } => None,
        }
    }

    /// The typical init time: the model's median, or the given time.
    pub fn median_ms(&self) -> f64 {
        match self {
            Self::Modelled(estimate) => estimate.median_ms(),
            Self::Given { init_ms } => *init_ms,
        }
    }
}

impl ScenarioError {
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Self::Sim(SimError::Cancelled))
    }
}

/// The simulator's messages name its fields; say them as the inputs are labelled instead.
fn describe_sim_error(error: &SimError) -> String {
    match error {
        SimError::Invalid { field, reason } => {
            let label = match *field {
                "duration_ms" => "Simulated time",
                "rate_per_s" | "daily rates" => "Rate",
                "burst size" => "Burst size",
                "burst every_ms" => "Repeat every",
                "schedule period_ms" => "Every",
                "schedule requests_per_run" => "Requests per run",
                "function duration_ms" | "function duration" => "Handler duration (ms)",
                "init_ms" | "init samples_ms" => "Init time (ms)",
                "idle_lifetime_ms" => "Idle lifetime (ms)",
                "reserved_concurrency" => "Reserved concurrency",
                "provisioned" => "Provisioned concurrency",
                other => other,
            };
            format!("{label} {reason}")
        }
        SimError::TooManyRequests { expected, .. } => format!(
            "about {} requests expected, more than the {} one run may simulate: shorten the \
             simulated time or lower the rate",
            format::thousands(*expected as u128),
            format::thousands(simulator::MAX_REQUESTS as u128)
        ),
        SimError::Cancelled => "cancelled".to_owned(),
    }
}

impl ScenarioInputs {
    /// The modelled init time: lambda-perf's hello-world numbers plus the learner's init code.
    pub fn init_estimate(&self) -> Result<InitEstimate, ColdStartError> {
        ColdStartInputs {
            runtime: self.runtime.clone(),
            package: self.package,
            arch: self.arch,
            memory_mb: self.memory_mb,
            extra_init_ms: self.extra_init_ms,
        }
        .estimate()
    }

    pub fn traffic(&self) -> Traffic {
        let every_ms = self.burst_every_secs * 1000.0;
        match self.pattern {
            Pattern::Steady => Traffic::Steady {
                rate_per_s: self.rate_per_s,
            },
            Pattern::Poisson => Traffic::Poisson {
                rate_per_s: self.rate_per_s,
            },
            Pattern::Burst => Traffic::Burst {
                size: self.burst_size,
                every_ms: self.burst_repeat.then_some(every_ms),
            },
            Pattern::Daily => Traffic::Daily {
                min_rate_per_s: self.rate_per_s * DAILY_TROUGH_SHARE,
                max_rate_per_s: self.rate_per_s,
                peak_hour_utc: DAILY_PEAK_HOUR_UTC,
            },
            Pattern::Schedule => Traffic::Schedule {
                period_ms: every_ms,
                offset_ms: 0.0,
                requests_per_run: self.burst_size,
            },
            Pattern::Replay => Traffic::Replay {
                arrivals_ms: self.replay_arrivals_ms.clone(),
            },
        }
    }

    /// The simulator configuration, validated, and where its init times come from.
    pub fn config(&self) -> Result<(SimConfig, InitSource), ScenarioError> {
        if !MEMORY_MB_RANGE.contains(&self.memory_mb) {
            return Err(ScenarioError::Memory(self.memory_mb));
        }
        let init = match self.init_override_ms {
            Some(init_ms) if !(0.0..=INIT_PHASE_LIMIT_MS).contains(&init_ms) => {
                return Err(ScenarioError::InitOverride(init_ms));
            }
            Some(init_ms) => InitSource::Given { init_ms },
            None => InitSource::Modelled(self.init_estimate()?),
        };
        let duration_ms = self.duration_secs * 1000.0;
        let mut config = SimConfig::new(self.traffic(), duration_ms);
        config.function_duration = FunctionDuration::Fixed {
            duration_ms: self.function_ms,
        };
        config.init = match &init {
            InitSource::Modelled(estimate) => estimate.init_durations(),
            InitSource::Given { init_ms } => InitDurations::Fixed { init_ms: *init_ms },
        };
        config.idle_lifetime_ms = self.idle_lifetime_secs * 1000.0;
        config.account_concurrency = self.account_concurrency;
        config.reserved_concurrency = self.reserved;
        config.provisioned = self.provisioned;
        config.seed = self.seed;
        config.step_ms = chart_step_ms(duration_ms);
        config.validate()?;
        Ok((config, init))
    }
}

/// One runtime of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedRuntime {
    /// As listed in [`COMPARED_RUNTIMES`].
    pub runtime: &'static str,
    pub outcome: Result<(InitEstimate, Summary), ScenarioError>,
}

/// Everything one view of the simulator shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRun {
    pub init: InitSource,
    pub result: SimResult,
    /// The same traffic without provisioned concurrency, when some is configured: what the
    /// on-demand bill and its cold starts would be.
    pub on_demand_only: Option<Summary>,
    /// Filled when [`ScenarioInputs::compare_runtimes`] is on.
    pub comparison: Vec<ComparedRuntime>,
    pub bills: MonthlyBills,
}

/// Runs every simulation the inputs ask for. `progress` gets the overall fraction done (0 to 1)
/// now and then; when it returns `false` the run stops with a cancelled error.
pub fn simulate(
    inputs: &ScenarioInputs,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<ScenarioRun, ScenarioError> {
    let (config, init) = inputs.config()?;
    let runs_total = 1
        + usize::from(inputs.provisioned > 0)
        + if inputs.compare_runtimes {
            COMPARED_RUNTIMES.len()
        } else {
            0
        };
    let mut runs_done = 0;
    let mut run = |config: &SimConfig, runs_done: usize| {
        simulator::run_with_progress(config, &mut |step| {
            progress((runs_done as f64 + step.fraction()) / runs_total as f64)
        })
    };

    let result = run(&config, runs_done)?;
    runs_done += 1;
    let on_demand_only = if inputs.provisioned > 0 {
        let without = SimConfig {
            provisioned: 0,
            ..config.clone()
        };
        let summary = run(&without, runs_done)?.summary;
        runs_done += 1;
        Some(summary)
    } else {
        None
    };
    let mut comparison = Vec::new();
    if inputs.compare_runtimes {
        for runtime in COMPARED_RUNTIMES {
            let other = ScenarioInputs {
                runtime: runtime.to_owned(),
                compare_runtimes: false,
                // The comparison is of the runtimes' modelled init times.
                init_override_ms: None,
                ..inputs.clone()
            };
            let outcome = match other.config() {
                Ok((config, InitSource::Modelled(init))) => match run(&config, runs_done) {
                    Ok(result) => Ok((init, result.summary)),
                    Err(SimError::Cancelled) => return Err(SimError::Cancelled.into()),
                    Err(error) => Err(error.into()),
                },
                Ok((_, InitSource::Given { init_ms })) => Err(ScenarioError::InitOverride(init_ms)),
                Err(error) => Err(error),
            };
            runs_done += 1;
            comparison.push(ComparedRuntime { runtime, outcome });
        }
    }
    let bills = monthly_bills(inputs, &result.summary, on_demand_only.as_ref());
    Ok(ScenarioRun {
        init,
        result,
        on_demand_only,
        comparison,
        bills,
    })
}

/// Reads a duration as typed: a number of seconds, or numbers with units ("90", "1 h 30 min",
/// "2d", "45 s", "1.5 h").
pub fn parse_duration_secs(text: &str) -> Option<f64> {
    let text = text.trim().to_ascii_lowercase();
    if let Ok(secs) = text.parse::<f64>() {
        return secs.is_finite().then_some(secs);
    }
    let mut total = 0.0;
    let mut number = String::new();
    let mut unit = String::new();
    let mut any = false;
    let mut flush = |number: &mut String, unit: &mut String| -> Option<()> {
        if number.is_empty() {
            return if unit.is_empty() { Some(()) } else { None };
        }
        let value: f64 = number.parse().ok()?;
        let size = match unit.as_str() {
            "" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3_600.0,
            "d" | "day" | "days" => 86_400.0,
            _ => return None,
        };
        total += value * size;
        any = true;
        number.clear();
        unit.clear();
        Some(())
    };
    for ch in text.chars() {
        if ch.is_ascii_digit() || ch == '.' {
            if !unit.is_empty() {
                flush(&mut number, &mut unit)?;
            }
            number.push(ch);
        } else if ch.is_ascii_alphabetic() {
            unit.push(ch);
        } else if ch.is_whitespace() || ch == ',' {
            continue;
        } else {
            return None;
        }
    }
    flush(&mut number, &mut unit)?;
    (any && total.is_finite()).then_some(total)
}

#[cfg(test)]
mod tests;
