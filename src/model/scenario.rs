//! A simulator scenario as a learner sets it on the Cold starts page: the inputs (saved with the
//! app's state), the [`SimConfig`] they make, the ready-made experiments, every run one view of
//! the page needs, and what the scenario would cost in a month.
//!
//! Pure and deterministic like the rest of `model/`: no egui, no threads, no I/O. The page runs
//! [`simulate`] on a worker thread and cancels it through the progress callback.

use serde::{Deserialize, Serialize};

use crate::model::coldstart::{Arch, ColdStartError, ColdStartInputs, InitEstimate, Package};
use crate::model::pricing::{
    self, Architecture, ColdStarts, Estimate, PricingError, PricingInputs, ProvisionedConcurrency,
};
use crate::model::simulator::{
    self, FunctionDuration, MAX_FUNCTION_DURATION_MS, SimConfig, SimError, SimResult, Summary,
    Traffic,
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

/// Lambda's memory range. Source: AWS Lambda quotas page (checked 2026-11).
pub const MEMORY_MB_RANGE: std::ops::RangeInclusive<u32> = 128..=10_240;

/// At most this many time-series buckets per run: smooth charts that are cheap to draw.
pub const MAX_CHART_BUCKETS: f64 = 400.0;

/// Bucket widths the charts may use, in ms, fine to coarse: each is a round number of a time
/// unit, so a hover read-out says "14:05–14:10" rather than "14:03:20–14:08:20".
const CHART_STEPS_MS: [f64; 21] = [
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
    pub package: Package,
    pub arch: Arch,
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
}

impl Default for ScenarioInputs {
    /// A day of a small web API: up to 20 requests/s of 200 ms, quiet at night.
    fn default() -> Self {
        Self {
            runtime: crate::model::coldstart::DEFAULT_RUNTIME.to_owned(),
            package: Package::Zip,
            arch: Arch::X86_64,
            memory_mb: 128,
            extra_init_ms: 0.0,
            function_ms: 200.0,
            pattern: Pattern::Daily,
            rate_per_s: 20.0,
            burst_size: 100,
            burst_repeat: false,
            burst_every_secs: 900.0,
            duration_secs: 86_400.0,
            idle_lifetime_secs: simulator::DEFAULT_IDLE_LIFETIME_MS / 1000.0,
            provisioned: 0,
            reserved: None,
            seed: 1,
            compare_runtimes: false,
            replay_arrivals_ms: Vec::new(),
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
    #[error("memory must be 128 to 10,240 MB, got {0} MB")]
    Memory(u32),
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
            pricing::group_thousands(*expected as u128),
            pricing::group_thousands(simulator::MAX_REQUESTS as u128)
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

    /// The simulator configuration, validated, and the init model behind it.
    pub fn config(&self) -> Result<(SimConfig, InitEstimate), ScenarioError> {
        if !MEMORY_MB_RANGE.contains(&self.memory_mb) {
            return Err(ScenarioError::Memory(self.memory_mb));
        }
        let init = self.init_estimate()?;
        let duration_ms = self.duration_secs * 1000.0;
        let mut config = SimConfig::new(self.traffic(), duration_ms);
        config.function_duration = FunctionDuration::Fixed {
            duration_ms: self.function_ms,
        };
        config.init = init.init_durations();
        config.idle_lifetime_ms = self.idle_lifetime_secs * 1000.0;
        config.reserved_concurrency = self.reserved;
        config.provisioned = self.provisioned;
        config.seed = self.seed;
        config.step_ms = chart_step_ms(duration_ms);
        config.validate()?;
        Ok((config, init))
    }
}

/// The ready-made experiments: one click sets the inputs and runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Experiment {
    QuietHour,
    BurstOf500,
    SteadyNeverCold,
    Provisioned10,
    CompareRuntimes,
    Reserved5,
}

impl Experiment {
    pub const ALL: [Self; 6] = [
        Self::QuietHour,
        Self::BurstOf500,
        Self::SteadyNeverCold,
        Self::Provisioned10,
        Self::CompareRuntimes,
        Self::Reserved5,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::QuietHour => "First request after a quiet hour",
            Self::BurstOf500 => "A burst of 500",
            Self::SteadyNeverCold => "Steady traffic never goes cold",
            Self::Provisioned10 => "Provisioned concurrency 10",
            Self::CompareRuntimes => "Java vs Node vs Python vs Rust",
            Self::Reserved5 => "Reserved concurrency 5 under a burst (throttles)",
        }
    }

    /// The stable id lesson files use (`experiment = "burst-500"`).
    pub fn id(self) -> &'static str {
        match self {
            Self::QuietHour => "quiet-hour",
            Self::BurstOf500 => "burst-500",
            Self::SteadyNeverCold => "steady",
            Self::Provisioned10 => "provisioned-10",
            Self::CompareRuntimes => "compare-runtimes",
            Self::Reserved5 => "reserved-5",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.id() == id)
    }

    /// One line on what to look for in the result.
    pub fn look_for(self) -> &'static str {
        match self {
            Self::QuietHour => {
                "One request an hour: every one is cold, because an hour idle is longer than the \
                 idle lifetime, so p50 latency is init + handler."
            }
            Self::BurstOf500 => {
                "500 requests at once find every environment busy: 500 cold starts, peak \
                 concurrency 500, and p50 latency includes init."
            }
            Self::SteadyNeverCold => {
                "A request every 500 ms finds the one environment idle every time, so it is never \
                 reclaimed: 1 cold start in 7,200 requests."
            }
            Self::Provisioned10 => {
                "Bursts of 10 every 15 minutes: zero cold starts with 10 provisioned, but compare \
                 the two monthly bills below."
            }
            Self::CompareRuntimes => {
                "The same bursts on four runtimes: every request is cold, so the latency bars \
                 differ by the init time alone."
            }
            Self::Reserved5 => {
                "Only 5 environments may run: 5 cold starts and 495 throttles (HTTP 429), at once, \
                 because synchronous requests are never queued."
            }
        }
    }

    /// The inputs the experiment sets: the defaults, changed where it matters.
    pub fn inputs(self) -> ScenarioInputs {
        let base = ScenarioInputs {
            function_ms: 100.0,
            ..ScenarioInputs::default()
        };
        match self {
            Self::QuietHour => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 1,
                burst_repeat: true,
                burst_every_secs: 3_600.0,
                duration_secs: 4.0 * 3_600.0,
                ..base
            },
            Self::BurstOf500 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 500,
                burst_repeat: false,
                duration_secs: 60.0,
                ..base
            },
            Self::SteadyNeverCold => ScenarioInputs {
                pattern: Pattern::Steady,
                rate_per_s: 2.0,
                duration_secs: 3_600.0,
                ..base
            },
            Self::Provisioned10 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 10,
                burst_repeat: true,
                burst_every_secs: 900.0,
                duration_secs: 2.0 * 3_600.0,
                provisioned: 10,
                ..base
            },
            Self::CompareRuntimes => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 100,
                burst_repeat: true,
                burst_every_secs: 1_200.0,
                duration_secs: 2.0 * 3_600.0,
                compare_runtimes: true,
                ..base
            },
            Self::Reserved5 => ScenarioInputs {
                pattern: Pattern::Burst,
                burst_size: 500,
                burst_repeat: false,
                duration_secs: 60.0,
                reserved: Some(5),
                ..base
            },
        }
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
    pub init: InitEstimate,
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
                ..inputs.clone()
            };
            let outcome = match other.config() {
                Ok((config, init)) => match run(&config, runs_done) {
                    Ok(result) => Ok((init, result.summary)),
                    Err(SimError::Cancelled) => return Err(SimError::Cancelled.into()),
                    Err(error) => Err(error.into()),
                },
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

/// One bill: how its inputs follow from the simulation, and the pricing model's estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Bill {
    /// The arithmetic from simulated counts to the month's inputs, one step a line.
    pub derivation: Vec<String>,
    pub estimate: Result<Estimate, PricingError>,
}

/// What the scenario would cost if its traffic went on for a 30-day month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyBills {
    /// A 30-day month ÷ the simulated time: every simulated count is multiplied by this.
    pub scale: f64,
    /// Served on demand only (provisioned concurrency 0).
    pub on_demand: Bill,
    /// With the provisioned concurrency configured, when there is some.
    pub with_provisioned: Option<Bill>,
}

/// `count` simulated events as a month's worth.
fn per_month(count: u64, scale: f64) -> u64 {
    (count as f64 * scale).round() as u64
}

fn group(count: u64) -> String {
    pricing::group_thousands(u128::from(count))
}

/// Up to 2 decimals, trailing zeros dropped: 136.2 ms, 100 ms.
pub fn format_ms(value_ms: f64) -> String {
    let text = format!("{value_ms:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Builds the month's bills from the simulated summaries. The on-demand bill uses
/// `on_demand_only` (the run without provisioned concurrency) when there is one.
pub fn monthly_bills(
    inputs: &ScenarioInputs,
    summary: &Summary,
    on_demand_only: Option<&Summary>,
) -> MonthlyBills {
    let scale = MONTH_SECS / inputs.duration_secs.max(f64::MIN_POSITIVE);
    let scale_words = format!(
        "The simulation covers {}; a 30-day month is {} times as long, so every count is \
         multiplied by {}.",
        format_duration_secs(inputs.duration_secs),
        format_factor(scale),
        format_factor(scale),
    );
    let on_demand = bill(
        inputs,
        on_demand_only.unwrap_or(summary),
        scale,
        &scale_words,
        false,
    );
    let with_provisioned =
        (inputs.provisioned > 0).then(|| bill(inputs, summary, scale, &scale_words, true));
    MonthlyBills {
        scale,
        on_demand,
        with_provisioned,
    }
}

fn bill(
    inputs: &ScenarioInputs,
    summary: &Summary,
    scale: f64,
    scale_words: &str,
    with_provisioned: bool,
) -> Bill {
    let served = summary.warm_starts + summary.cold_starts;
    let (provisioned_served, provisioned_duration_ms) = if with_provisioned {
        (
            summary.provisioned_requests,
            summary.provisioned_duration_ms_total,
        )
    } else {
        (0, 0.0)
    };
    let on_demand_served = served.saturating_sub(provisioned_served);
    let average = |total_ms: f64, count: u64| {
        if count == 0 {
            inputs.function_ms
        } else {
            // The handler duration is fixed, but the total is a sum of floats: round off the
            // noise (the bill's arithmetic shows the number) and keep it in range.
            round_to_hundredths(total_ms / count as f64).clamp(0.0, MAX_FUNCTION_DURATION_MS)
        }
    };
    let on_demand_duration_ms = average(
        summary.duration_ms_total - provisioned_duration_ms,
        on_demand_served,
    );
    let requests = per_month(on_demand_served, scale);
    let mut derivation = vec![scale_words.to_owned()];
    derivation.push(format!(
        "On-demand requests: {} served{} × {} = {} a month. Throttled requests are not billed.",
        group(on_demand_served),
        if with_provisioned {
            " by on-demand environments"
        } else {
            ""
        },
        format_factor(scale),
        group(requests),
    ));
    derivation.push(format!(
        "Duration: {} ms per request (the handler), {} MB, {}.",
        format_ms(on_demand_duration_ms),
        group(u64::from(inputs.memory_mb)),
        inputs.arch
    ));
    let cold_starts = if summary.cold_starts > 0 && on_demand_served > 0 {
        let rate = (summary.cold_starts as f64 / on_demand_served as f64).clamp(0.0, 1.0);
        let init_ms = round_to_hundredths(summary.init_ms_total / summary.cold_starts as f64)
            .clamp(0.0, pricing::MAX_INIT_DURATION_MS as f64);
        derivation.push(format!(
            "Cold starts: {} of {} on-demand requests ({}%), {} ms INIT on average (modelled \
             from lambda-perf).",
            group(summary.cold_starts),
            group(on_demand_served),
            format_ms(rate * 100.0),
            format_ms(init_ms)
        ));
        Some(ColdStarts {
            rate,
            init_duration_ms: init_ms,
        })
    } else {
        derivation.push("Cold starts: none, so no INIT is billed.".to_owned());
        None
    };
    let provisioned = if with_provisioned {
        let provisioned_requests = per_month(provisioned_served, scale);
        let duration_ms = average(provisioned_duration_ms, provisioned_served);
        derivation.push(format!(
            "Provisioned concurrency: {} environments configured all month ({} h); {} requests \
             served by them × {} = {} a month.",
            group(u64::from(inputs.provisioned)),
            format_ms(MONTH_HOURS),
            group(provisioned_served),
            format_factor(scale),
            group(provisioned_requests)
        ));
        Some(ProvisionedConcurrency {
            concurrency: inputs.provisioned,
            hours_enabled: MONTH_HOURS,
            requests: provisioned_requests,
            duration_ms,
        })
    } else {
        None
    };
    let pricing_inputs = PricingInputs {
        requests,
        duration_ms: on_demand_duration_ms,
        memory_mb: inputs.memory_mb,
        architecture: match inputs.arch {
            Arch::X86_64 => Architecture::X86_64,
            Arch::Arm64 => Architecture::Arm64,
        },
        cold_starts,
        provisioned,
        ..PricingInputs::default()
    };
    Bill {
        derivation,
        estimate: pricing::estimate(&pricing_inputs),
    }
}

/// An average to 0.01 ms: finer than any sample, and short enough to read in the arithmetic.
fn round_to_hundredths(value_ms: f64) -> f64 {
    (value_ms * 100.0).round() / 100.0
}

/// A scale factor as people write it: 43,200 or 2.5.
pub fn format_factor(factor: f64) -> String {
    if factor >= 100.0 || factor.fract() == 0.0 {
        group(factor.round() as u64)
    } else {
        let text = format!("{factor:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A duration in words with at most two units: "45 s", "1 h", "1 h 30 min", "30 days".
pub fn format_duration_secs(secs: f64) -> String {
    if !secs.is_finite() || secs < 0.0 {
        return format!("{secs} s");
    }
    if secs < 60.0 {
        return format!("{} s", format_ms(secs));
    }
    let total_secs = secs.round() as u64;
    let units = [(86_400, "day"), (3_600, "h"), (60, "min"), (1, "s")];
    let mut parts = Vec::new();
    let mut rest = total_secs;
    for (size, name) in units {
        if rest >= size {
            let count = rest / size;
            rest %= size;
            let name = if name == "day" && count != 1 {
                "days"
            } else {
                name
            };
            parts.push(format!("{count} {name}"));
        }
        if parts.len() == 2 || (!parts.is_empty() && rest == 0) {
            break;
        }
    }
    parts.join(" ")
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
mod tests {
    use super::*;
    use crate::model::pricing::LineItemKind;

    fn run(inputs: &ScenarioInputs) -> ScenarioRun {
        simulate(inputs, &mut |_| true).expect("runs")
    }

    #[test]
    fn a_replay_sends_requests_at_the_recorded_moments() {
        // Three at once, then one a second later when all three environments are idle again.
        let inputs = ScenarioInputs {
            pattern: Pattern::Replay,
            replay_arrivals_ms: vec![0.0, 0.0, 0.0, 1_000.0],
            function_ms: 100.0,
            duration_secs: 60.0,
            ..ScenarioInputs::default()
        };
        let summary = run(&inputs).result.summary;
        assert_eq!(summary.requests, 4);
        assert_eq!(summary.cold_starts, 3);
        assert_eq!(summary.warm_starts, 1);
    }

    #[test]
    fn chart_steps_are_round_and_at_most_400_buckets() {
        assert_eq!(chart_step_ms(60_000.0), 200.0);
        assert_eq!(chart_step_ms(3_600_000.0), 10_000.0);
        assert_eq!(chart_step_ms(86_400_000.0), 300_000.0);
        assert_eq!(chart_step_ms(30.0 * 86_400_000.0), 7_200_000.0);
        assert_eq!(chart_step_ms(1_000.0), 100.0);
        for duration_ms in [1.0, 59_999.0, 4.0 * 3_600_000.0, 1.0e12] {
            assert!(duration_ms / chart_step_ms(duration_ms) <= MAX_CHART_BUCKETS);
        }
        assert_eq!(chart_step_ms(f64::NAN), 100.0);
    }

    #[test]
    fn the_defaults_make_a_valid_configuration() {
        let (config, init) = ScenarioInputs::default().config().expect("valid");
        assert_eq!(config.step_ms, 300_000.0);
        assert!(init.median_ms() > 0.0);
        assert!(matches!(config.traffic, Traffic::Daily { .. }));
    }

    #[test]
    fn saved_inputs_from_older_versions_still_load() {
        let inputs: ScenarioInputs =
            serde_json::from_str(r#"{"pattern":"burst","burst_size":7,"arch":"arm64"}"#)
                .expect("loads");
        assert_eq!(inputs.pattern, Pattern::Burst);
        assert_eq!(inputs.burst_size, 7);
        assert_eq!(inputs.arch, Arch::Arm64);
        assert_eq!(inputs.runtime, ScenarioInputs::default().runtime);
        let round_trip: ScenarioInputs =
            serde_json::from_str(&serde_json::to_string(&inputs).expect("encodes"))
                .expect("decodes");
        assert_eq!(round_trip, inputs);
    }

    #[test]
    fn the_experiments_show_what_they_promise() {
        let summary = |experiment: Experiment| run(&experiment.inputs()).result.summary;

        let quiet = summary(Experiment::QuietHour);
        assert_eq!((quiet.requests, quiet.cold_starts), (4, 4));
        assert_eq!(quiet.cold_idle_expiry, 3);

        let burst = summary(Experiment::BurstOf500);
        assert_eq!((burst.cold_starts, burst.peak_concurrency), (500, 500));

        let steady = summary(Experiment::SteadyNeverCold);
        assert_eq!((steady.requests, steady.cold_starts), (7_200, 1));
        assert_eq!(steady.peak_environments, 1);

        let reserved = summary(Experiment::Reserved5);
        assert_eq!((reserved.cold_starts, reserved.throttles), (5, 495));

        let provisioned = run(&Experiment::Provisioned10.inputs());
        assert_eq!(provisioned.result.summary.cold_starts, 0);
        assert_eq!(provisioned.result.summary.provisioned_requests, 80);
        let on_demand = provisioned.on_demand_only.expect("compared with on demand");
        assert_eq!(on_demand.cold_starts, 80, "15 minutes idle is too long");

        let compared = run(&Experiment::CompareRuntimes.inputs());
        assert_eq!(compared.comparison.len(), 4);
        let p50 = |index: usize| match &compared.comparison[index].outcome {
            Ok((_, summary)) => summary.latency.p50_ms,
            Err(error) => panic!("{error}"),
        };
        assert!(p50(3) < p50(0), "Rust starts faster than Java");
        assert!(p50(3) < p50(1) && p50(3) < p50(2));
    }

    #[test]
    fn bad_inputs_say_which_input_and_what_is_allowed() {
        let too_many_provisioned = ScenarioInputs {
            reserved: Some(5),
            provisioned: 6,
            ..ScenarioInputs::default()
        };
        let message = too_many_provisioned
            .config()
            .expect_err("6 > 5")
            .to_string();
        assert!(
            message.starts_with("Provisioned concurrency can be at most 5"),
            "{message}"
        );
        let unknown = ScenarioInputs {
            runtime: "cobol".to_owned(),
            ..ScenarioInputs::default()
        };
        assert!(unknown.config().is_err());
        let flood = ScenarioInputs {
            pattern: Pattern::Steady,
            rate_per_s: 1_000.0,
            duration_secs: MONTH_SECS,
            ..ScenarioInputs::default()
        };
        let message = flood.config().expect_err("2.6e9 requests").to_string();
        assert!(message.contains("2,592,000,000 requests"), "{message}");
        let tiny = ScenarioInputs {
            memory_mb: 64,
            ..ScenarioInputs::default()
        };
        assert_eq!(tiny.config(), Err(ScenarioError::Memory(64)));
    }

    #[test]
    fn cancelling_stops_the_whole_scenario() {
        let error = simulate(&ScenarioInputs::default(), &mut |_| false).expect_err("cancelled");
        assert!(error.is_cancelled());
    }

    #[test]
    fn progress_covers_every_run_and_ends_at_one() {
        let inputs = ScenarioInputs {
            pattern: Pattern::Steady,
            rate_per_s: 100.0,
            duration_secs: 3_600.0,
            provisioned: 2,
            ..ScenarioInputs::default()
        };
        let mut seen = Vec::new();
        simulate(&inputs, &mut |fraction| {
            seen.push(fraction);
            true
        })
        .expect("runs");
        assert!(seen.windows(2).all(|pair| pair[0] <= pair[1]), "{seen:?}");
        assert_eq!(seen.last().copied(), Some(1.0));
        assert!(seen.iter().any(|fraction| (0.4..=0.6).contains(fraction)));
    }

    #[test]
    fn bills_scale_the_simulation_to_a_month() {
        let reserved = run(&Experiment::Reserved5.inputs());
        let bills = &reserved.bills;
        assert_eq!(bills.scale, 43_200.0);
        assert!(bills.with_provisioned.is_none());
        let estimate = bills.on_demand.estimate.as_ref().expect("prices");
        // 5 served (495 throttled) × 43,200 = 216,000 requests, all cold.
        assert_eq!(estimate.inputs.requests, 216_000);
        let cold = estimate.inputs.cold_starts.expect("cold starts");
        assert_eq!(cold.rate, 1.0);
        assert!(
            bills.on_demand.derivation[1].contains("5 served × 43,200 = 216,000"),
            "{:?}",
            bills.on_demand.derivation
        );
        assert!(estimate.line(LineItemKind::Init).is_some());
    }

    #[test]
    fn provisioned_concurrency_is_billed_all_month() {
        let provisioned = run(&Experiment::Provisioned10.inputs());
        let bills = &provisioned.bills;
        assert_eq!(bills.scale, 360.0);
        let with = bills
            .with_provisioned
            .as_ref()
            .expect("provisioned bill")
            .estimate
            .as_ref()
            .expect("prices");
        let on_demand = bills.on_demand.estimate.as_ref().expect("prices");
        let pc = with.inputs.provisioned.expect("provisioned inputs");
        assert_eq!((pc.concurrency, pc.requests), (10, 80 * 360));
        assert_eq!(pc.hours_enabled, MONTH_HOURS);
        assert_eq!(with.inputs.requests, 0, "every request found a warm one");
        // 10 × 2,592,000 s × 128 MB = 3,240,000 GB-s × $0.0000041667 = $13.50.
        assert_eq!(with.cents(LineItemKind::ProvisionedConcurrency), 1_350);
        assert_eq!(on_demand.inputs.requests, 80 * 360);
        assert!(on_demand.total_cents < with.total_cents);
    }

    #[test]
    fn durations_read_and_print_like_people_write_them() {
        assert_eq!(format_duration_secs(45.0), "45 s");
        assert_eq!(format_duration_secs(3_600.0), "1 h");
        assert_eq!(format_duration_secs(5_400.0), "1 h 30 min");
        assert_eq!(format_duration_secs(86_400.0), "1 day");
        assert_eq!(format_duration_secs(MONTH_SECS), "30 days");
        assert_eq!(format_duration_secs(90_061.0), "1 day 1 h");
        assert_eq!(parse_duration_secs("90"), Some(90.0));
        assert_eq!(parse_duration_secs("1 h 30 min"), Some(5_400.0));
        assert_eq!(parse_duration_secs("2d"), Some(172_800.0));
        assert_eq!(parse_duration_secs("1.5 h"), Some(5_400.0));
        assert_eq!(parse_duration_secs("45 s"), Some(45.0));
        assert_eq!(parse_duration_secs("1 day 1 h"), Some(90_000.0));
        assert_eq!(parse_duration_secs("soon"), None);
        assert_eq!(parse_duration_secs(""), None);
        assert_eq!(format_factor(43_200.0), "43,200");
        assert_eq!(format_factor(2.5), "2.5");
        assert_eq!(format_ms(136.239), "136.24");
        assert_eq!(format_ms(100.0), "100");
    }
}
