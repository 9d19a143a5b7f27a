//! `lambda-lab simulate`: cold starts, scaling and throttles for a traffic pattern, from the
//! simulator in [`crate::model::simulator`] and the cold-start model in
//! [`crate::model::coldstart`] (see issue 7). A model of AWS, labelled as one.

use std::io::Write;

use serde::Serialize;

use crate::model::coldstart::{self, Arch, ColdStartInputs, InitEstimate, Package};
use crate::model::simulator::{
    self, FunctionDuration, InitDurations, Percentiles, SimConfig, SimError, Summary, Traffic,
};

/// Exit code for values the model refuses (clap uses the same code for malformed flags).
const EXIT_BAD_VALUE: u8 = 2;

/// The daily cycle's quietest rate, as a share of its peak (an illustrative shape, not data).
const DAILY_TROUGH_SHARE: f64 = 0.1;

/// The daily cycle's busiest hour, UTC (an illustrative shape, not data).
const DAILY_PEAK_HOUR_UTC: f64 = 14.0;

/// The schedule pattern's period when `--burst-every-secs` is not given: one minute, the
/// shortest EventBridge `rate()` schedule.
const DEFAULT_SCHEDULE_PERIOD_SECS: f64 = 60.0;

/// Lambda's memory range. Source: AWS Lambda quotas page (checked 2026-11).
const MEMORY_MB_RANGE: std::ops::RangeInclusive<u32> = 128..=10_240;

/// How requests arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PatternArg {
    /// Evenly spaced requests at --rate per second.
    Steady,
    /// Random arrivals at a mean of --rate per second.
    Poisson,
    /// --burst-size requests at the same instant at the start, repeated every --burst-every-secs.
    Burst,
    /// A day's cycle: --rate per second at 14:00 UTC, a tenth of it at 02:00 UTC.
    Daily,
    /// Cron-like: --burst-size requests (default 1) every --burst-every-secs (default 60).
    Schedule,
}

impl PatternArg {
    fn name(self) -> &'static str {
        match self {
            PatternArg::Steady => "steady",
            PatternArg::Poisson => "poisson",
            PatternArg::Burst => "burst",
            PatternArg::Daily => "daily",
            PatternArg::Schedule => "schedule",
        }
    }
}

/// The deployment package type, as `--package` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PackageArg {
    Zip,
    Image,
}

/// The instruction set architecture, as `--arch` spells it (AWS's own names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimArchArg {
    #[value(name = "x86_64")]
    X86_64,
    #[value(name = "arm64")]
    Arm64,
}

/// Simulate cold starts, scaling and throttles of one function under a traffic pattern.
///
/// Init times come from lambda-perf's measurements on AWS; concurrency limits and the scaling
/// rate from AWS's documentation; the idle lifetime is an assumption (AWS does not document it).
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:\n  \
    lambda-lab simulate --pattern poisson --rate 10 --duration-secs 86400\n  \
    lambda-lab simulate --pattern burst --burst-size 500 --duration-secs 60 --reserved 100\n  \
    lambda-lab simulate --pattern schedule --burst-every-secs 900 --duration-secs 86400 --runtime java21 --json")]
pub struct SimulateArgs {
    /// Traffic pattern.
    #[arg(long, value_enum)]
    pub pattern: PatternArg,

    /// Requests per second: steady and poisson (the mean), daily (the peak).
    #[arg(long, value_name = "R", allow_negative_numbers = true)]
    pub rate: Option<f64>,

    /// How long requests keep arriving, in seconds.
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub duration_secs: f64,

    /// Requests per burst (burst: required) or per scheduled run (schedule: default 1).
    #[arg(long, value_name = "N")]
    pub burst_size: Option<u32>,

    /// Repeat the burst every K seconds (burst), or the schedule's period (schedule: default 60).
    #[arg(
        long,
        value_name = "K",
        alias = "every-secs",
        allow_negative_numbers = true
    )]
    pub burst_every_secs: Option<f64>,

    /// How long the handler runs per request, in ms (0 to 900,000).
    #[arg(
        long,
        value_name = "D",
        default_value_t = 100.0,
        allow_negative_numbers = true
    )]
    pub function_ms: f64,

    /// Runtime whose init time to model, as lambda-perf names it: nodejs24.x, python3.13,
    /// java21, dotnet8, ruby3.4, rust, go, llrt, ...
    #[arg(long, value_name = "ID", default_value = coldstart::DEFAULT_RUNTIME)]
    pub runtime: String,

    /// Deployment package type.
    #[arg(long, value_enum, default_value = "zip")]
    pub package: PackageArg,

    /// Instruction set architecture.
    #[arg(long, value_enum, default_value = "x86_64")]
    pub arch: SimArchArg,

    /// Memory size in MB: 128 to 10,240 (lambda-perf measured 128, 256, 512 and 1024).
    #[arg(long, value_name = "M", default_value_t = 128)]
    pub memory_mb: u32,

    /// Your own init code (imports, SDK clients), added to the runtime's modelled init, in ms.
    #[arg(
        long,
        value_name = "MS",
        default_value_t = 0.0,
        allow_negative_numbers = true
    )]
    pub extra_init_ms: f64,

    /// Use this init time for every cold start instead of the lambda-perf model, in ms.
    #[arg(long, value_name = "MS", allow_negative_numbers = true)]
    pub init_ms: Option<f64>,

    /// Reclaim an environment after this long idle, in seconds (an assumption: AWS does not
    /// document it; 5 to 60 minutes have been observed).
    #[arg(
        long,
        value_name = "T",
        default_value_t = 600.0,
        allow_negative_numbers = true
    )]
    pub idle_lifetime_secs: f64,

    /// Provisioned concurrency: environments initialised before traffic, never reclaimed.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub provisioned: u32,

    /// Reserved concurrency: the function's ceiling (0 throttles everything, as on AWS).
    #[arg(long, value_name = "N")]
    pub reserved: Option<u32>,

    /// The account's concurrency quota (AWS default 1,000).
    #[arg(long, value_name = "N", default_value_t = simulator::DEFAULT_ACCOUNT_CONCURRENCY)]
    pub account_limit: u32,

    /// Random seed: the same seed gives the same result.
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub seed: u64,

    /// Print one JSON object instead of the summary.
    #[arg(long)]
    pub json: bool,
}

/// Where the init times of a run come from.
#[derive(Debug, Clone, PartialEq)]
enum InitSource {
    Model(InitEstimate),
    Given(f64),
}

/// A validated run: the simulator's configuration and how to describe it.
#[derive(Debug, Clone)]
struct Scenario {
    config: SimConfig,
    init: InitSource,
}

/// Runs the simulation and prints the summary to `out`; errors go to stderr. Returns 0, or 2
/// for values outside what the model allows.
pub fn run(args: &SimulateArgs, out: &mut dyn Write) -> u8 {
    run_with_errors(args, out, &mut std::io::stderr())
}

/// [`run`] with the error stream given (for tests).
pub fn run_with_errors(args: &SimulateArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let scenario = match scenario(args) {
        Ok(scenario) => scenario,
        Err(message) => {
            let _ = writeln!(err, "lambda-lab simulate: {message}");
            return EXIT_BAD_VALUE;
        }
    };
    let result = match simulator::run(&scenario.config) {
        Ok(result) => result,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab simulate: {}", describe_sim_error(&error));
            return EXIT_BAD_VALUE;
        }
    };
    // A closed pipe (e.g. `| head`) is not worth a crash or a different exit code.
    let _ = if args.json {
        write_json(out, args, &scenario, &result.summary)
    } else {
        write_human(out, args, &scenario, &result.summary)
    };
    0
}

fn finite(flag: &str, value: f64) -> Result<f64, String> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(format!("{flag} must be a number, got {value}"))
    }
}

/// Turns the flags into a simulator configuration, or says which flag is wrong and what is
/// allowed.
fn scenario(args: &SimulateArgs) -> Result<Scenario, String> {
    let pattern = args.pattern.name();
    let duration_secs = finite("--duration-secs", args.duration_secs)?;
    if duration_secs <= 0.0 {
        return Err(format!(
            "--duration-secs must be more than 0, got {duration_secs}"
        ));
    }
    let rate = match args.pattern {
        PatternArg::Steady | PatternArg::Poisson | PatternArg::Daily => {
            let Some(rate) = args.rate else {
                return Err(format!(
                    "--pattern {pattern} needs --rate R (requests per second, more than 0)"
                ));
            };
            let rate = finite("--rate", rate)?;
            if rate <= 0.0 {
                return Err(format!(
                    "--rate must be more than 0 requests per second, got {rate}"
                ));
            }
            rate
        }
        PatternArg::Burst | PatternArg::Schedule => {
            if args.rate.is_some() {
                return Err(format!(
                    "--rate does not apply to --pattern {pattern}; use --burst-size N and --burst-every-secs K"
                ));
            }
            0.0
        }
    };
    if matches!(
        args.pattern,
        PatternArg::Steady | PatternArg::Poisson | PatternArg::Daily
    ) && (args.burst_size.is_some() || args.burst_every_secs.is_some())
    {
        return Err(format!(
            "--burst-size and --burst-every-secs apply to --pattern burst or schedule, not {pattern}"
        ));
    }
    let every_secs = match args.burst_every_secs {
        Some(every) => {
            let every = finite("--burst-every-secs", every)?;
            if every <= 0.0 {
                return Err(format!(
                    "--burst-every-secs must be more than 0 seconds, got {every}"
                ));
            }
            Some(every)
        }
        None => None,
    };
    if args.burst_size == Some(0) {
        return Err("--burst-size must be at least 1".to_owned());
    }
    let traffic = match args.pattern {
        PatternArg::Steady => Traffic::Steady { rate_per_s: rate },
        PatternArg::Poisson => Traffic::Poisson { rate_per_s: rate },
        PatternArg::Daily => Traffic::Daily {
            min_rate_per_s: rate * DAILY_TROUGH_SHARE,
            max_rate_per_s: rate,
            peak_hour_utc: DAILY_PEAK_HOUR_UTC,
        },
        PatternArg::Burst => {
            let Some(size) = args.burst_size else {
                return Err(
                    "--pattern burst needs --burst-size N (requests at the same instant, at least 1)"
                        .to_owned(),
                );
            };
            Traffic::Burst {
                size,
                every_ms: every_secs.map(|secs| secs * 1000.0),
            }
        }
        PatternArg::Schedule => Traffic::Schedule {
            period_ms: every_secs.unwrap_or(DEFAULT_SCHEDULE_PERIOD_SECS) * 1000.0,
            offset_ms: 0.0,
            requests_per_run: args.burst_size.unwrap_or(1),
        },
    };

    let function_ms = finite("--function-ms", args.function_ms)?;
    if !(0.0..=simulator::MAX_FUNCTION_DURATION_MS).contains(&function_ms) {
        return Err(format!(
            "--function-ms must be from 0 to 900000 (the 900 s timeout), got {function_ms}"
        ));
    }
    if !MEMORY_MB_RANGE.contains(&args.memory_mb) {
        return Err(format!(
            "--memory-mb must be from 128 to 10240, got {}",
            args.memory_mb
        ));
    }
    let idle_lifetime_secs = finite("--idle-lifetime-secs", args.idle_lifetime_secs)?;
    if idle_lifetime_secs < 0.0 {
        return Err(format!(
            "--idle-lifetime-secs must be 0 or more, got {idle_lifetime_secs}"
        ));
    }
    let extra_init_ms = finite("--extra-init-ms", args.extra_init_ms)?;
    let init = match args.init_ms {
        Some(init_ms) => {
            let init_ms = finite("--init-ms", init_ms)?;
            if !(0.0..=coldstart::INIT_PHASE_LIMIT_MS).contains(&init_ms) {
                return Err(format!(
                    "--init-ms must be from 0 to 10000 (Lambda's 10 s init limit), got {init_ms}"
                ));
            }
            if extra_init_ms != 0.0 {
                return Err(
                    "--extra-init-ms adds to the modelled init; with --init-ms give the whole init time"
                        .to_owned(),
                );
            }
            InitSource::Given(init_ms)
        }
        None => {
            let inputs = ColdStartInputs {
                runtime: args.runtime.clone(),
                package: match args.package {
                    PackageArg::Zip => Package::Zip,
                    PackageArg::Image => Package::Image,
                },
                arch: match args.arch {
                    SimArchArg::X86_64 => Arch::X86_64,
                    SimArchArg::Arm64 => Arch::Arm64,
                },
                memory_mb: args.memory_mb,
                extra_init_ms,
            };
            let estimate = inputs.estimate().map_err(|error| match error {
                coldstart::ColdStartError::UnknownRuntime { runtime, known } => {
                    format!("--runtime `{runtime}` is not in the lambda-perf data; use one of: {known}")
                }
                coldstart::ColdStartError::ExtraInit { value_ms, limit_ms } => format!(
                    "--extra-init-ms must be from 0 to {limit_ms} (Lambda's 10 s init limit), got {value_ms}"
                ),
                other => other.to_string(),
            })?;
            if estimate
                .samples_ms()
                .iter()
                .any(|ms| *ms > coldstart::INIT_PHASE_LIMIT_MS)
            {
                return Err(format!(
                    "--extra-init-ms {extra_init_ms} plus the runtime's init exceeds Lambda's 10 s init limit"
                ));
            }
            InitSource::Model(estimate)
        }
    };

    let duration_ms = duration_secs * 1000.0;
    let config = SimConfig {
        function_duration: FunctionDuration::Fixed {
            duration_ms: function_ms,
        },
        init: match &init {
            InitSource::Model(estimate) => estimate.init_durations(),
            InitSource::Given(init_ms) => InitDurations::Fixed { init_ms: *init_ms },
        },
        idle_lifetime_ms: idle_lifetime_secs * 1000.0,
        account_concurrency: args.account_limit,
        reserved_concurrency: args.reserved,
        provisioned: args.provisioned,
        seed: args.seed,
        // The command prints totals only: one bucket is enough.
        step_ms: duration_ms,
        record_requests: false,
        ..SimConfig::new(traffic, duration_ms)
    };
    config
        .validate()
        .map_err(|error| describe_sim_error(&error))?;
    Ok(Scenario { config, init })
}

/// The simulator's errors in terms of this command's flags.
fn describe_sim_error(error: &SimError) -> String {
    match error {
        SimError::Invalid { field, reason } => {
            let flag = match *field {
                "reserved_concurrency" => "--reserved",
                "provisioned" => "--provisioned",
                "account_concurrency" => "--account-limit",
                other => other,
            };
            format!("{flag} {reason}")
        }
        SimError::TooManyRequests { expected, max } => format!(
            "about {} requests expected; at most {} per run: shorten --duration-secs or lower the rate",
            group(*expected as u64),
            group(*max as u64)
        ),
        SimError::Cancelled => "cancelled".to_owned(),
    }
}

/// `1234567` -> `1,234,567`.
fn group(value: u64) -> String {
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

/// A number of ms, without trailing noise: `100`, `136.2`, `0.25`.
fn ms(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// A duration in seconds, with the larger unit when it helps: `86,400 s (1 day)`.
fn seconds(value: f64) -> String {
    let base = if value.fract() == 0.0 && value < 1e15 {
        group(value as u64)
    } else {
        format!("{value}")
    };
    let days = value / 86_400.0;
    let hours = value / 3_600.0;
    if days >= 1.0 && days.fract() == 0.0 {
        let plural = if days == 1.0 { "" } else { "s" };
        format!("{base} s ({days} day{plural})")
    } else if hours >= 1.0 && hours.fract() == 0.0 {
        let plural = if hours == 1.0 { "" } else { "s" };
        format!("{base} s ({hours} hour{plural})")
    } else {
        format!("{base} s")
    }
}

fn traffic_line(args: &SimulateArgs, config: &SimConfig) -> String {
    let duration = seconds(config.duration_ms / 1000.0);
    match &config.traffic {
        Traffic::Steady { rate_per_s } => {
            format!("steady, {rate_per_s} requests/s evenly spaced, for {duration}")
        }
        Traffic::Poisson { rate_per_s } => {
            format!("poisson, {rate_per_s} requests/s on average (random arrivals), for {duration}")
        }
        Traffic::Daily {
            min_rate_per_s,
            max_rate_per_s,
            peak_hour_utc,
        } => format!(
            "daily cycle, {max_rate_per_s} requests/s at {peak_hour_utc:02}:00 UTC down to {min_rate_per_s} at night, for {duration}"
        ),
        Traffic::Burst { size, every_ms } => match every_ms {
            Some(every_ms) => format!(
                "burst of {} every {} s, for {duration}",
                group(u64::from(*size)),
                every_ms / 1000.0
            ),
            None => format!(
                "one burst of {} at the start, for {duration}",
                group(u64::from(*size))
            ),
        },
        Traffic::Schedule {
            period_ms,
            requests_per_run,
            ..
        } => format!(
            "schedule, {} request{} every {} s, for {duration}",
            group(u64::from(*requests_per_run)),
            if *requests_per_run == 1 { "" } else { "s" },
            period_ms / 1000.0
        ),
        Traffic::Replay { arrivals_ms } => {
            format!(
                "replay of {} arrivals ({})",
                arrivals_ms.len(),
                args.pattern.name()
            )
        }
    }
}

fn init_line(scenario: &Scenario) -> String {
    match &scenario.init {
        InitSource::Given(init_ms) => {
            format!("{} ms per cold start (given with --init-ms)", ms(*init_ms))
        }
        InitSource::Model(estimate) => {
            let record = estimate.lookup.record;
            let samples = estimate.samples_ms();
            let low = samples.iter().copied().fold(f64::INFINITY, f64::min);
            let high = samples.iter().copied().fold(0.0, f64::max);
            let extra = if estimate.extra_init_ms > 0.0 {
                format!(" incl. {} ms of your init code", ms(estimate.extra_init_ms))
            } else {
                String::new()
            };
            let memory = if estimate.lookup.memory_is_exact() {
                String::new()
            } else {
                format!(
                    "; {} MB was not measured, using {} MB",
                    estimate.lookup.requested_memory_mb, record.memory_mb
                )
            };
            format!(
                "model: median {} ms{extra}; each cold start draws one of lambda-perf's {} samples ({}–{} ms){memory}",
                ms(estimate.median_ms()),
                samples.len(),
                ms(low),
                ms(high)
            )
        }
    }
}

fn percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent == 0.0 || percent >= 1.0 {
        format!("{percent:.1}%")
    } else if percent >= 0.01 {
        format!("{percent:.2}%")
    } else {
        format!("{percent:.4}%")
    }
}

fn write_human(
    out: &mut dyn Write,
    args: &SimulateArgs,
    scenario: &Scenario,
    summary: &Summary,
) -> std::io::Result<()> {
    let config = &scenario.config;
    let runtime = match &scenario.init {
        InitSource::Model(estimate) => {
            let record = estimate.lookup.record;
            format!(
                "{}, {}, {}, {} MB",
                record.runtime, record.package, record.arch, args.memory_mb
            )
        }
        InitSource::Given(_) => format!("{} MB", args.memory_mb),
    };
    writeln!(
        out,
        "Simulated on this machine: a model of AWS Lambda, not a measurement (seed {})",
        config.seed
    )?;
    writeln!(out)?;
    writeln!(out, "Traffic           {}", traffic_line(args, config))?;
    writeln!(
        out,
        "Function          {runtime}; handler {} ms per request",
        ms(args.function_ms)
    )?;
    writeln!(out, "Init              {}", init_line(scenario))?;
    let reserved = match config.reserved_concurrency {
        Some(reserved) => group(u64::from(reserved)),
        None => "none".to_owned(),
    };
    writeln!(
        out,
        "Concurrency       account limit {}, reserved {reserved}, provisioned {}; scaling {} new environments per 10 s",
        group(u64::from(config.account_concurrency)),
        group(u64::from(config.provisioned)),
        group(u64::from(simulator::SCALING_ENVIRONMENTS_PER_WINDOW))
    )?;
    writeln!(
        out,
        "Idle lifetime     {} (assumption: AWS does not document it)",
        seconds(config.idle_lifetime_ms / 1000.0)
    )?;
    writeln!(out)?;
    writeln!(out, "Requests          {}", group(summary.requests))?;
    writeln!(
        out,
        "Cold starts       {} ({} of served requests): first request {}, all environments busy {}, replacing environments reclaimed after idling {}",
        group(summary.cold_starts),
        percent(summary.cold_start_share()),
        group(summary.cold_first_request),
        group(summary.cold_all_busy),
        group(summary.cold_idle_expiry)
    )?;
    if summary.throttles == 0 {
        writeln!(out, "Throttles (429)   0")?;
    } else {
        writeln!(
            out,
            "Throttles (429)   {} ({} of requests): concurrency limit {}, reserved concurrency {}, scaling rate {}",
            group(summary.throttles),
            percent(summary.throttles as f64 / summary.requests.max(1) as f64),
            group(summary.throttles_account),
            group(summary.throttles_reserved),
            group(summary.throttles_scaling)
        )?;
    }
    writeln!(
        out,
        "Peak concurrency  {}",
        group(u64::from(summary.peak_concurrency))
    )?;
    writeln!(
        out,
        "Environments      {} created on demand, {} provisioned, {} reclaimed after idling, at most {} at once",
        group(summary.environments_created),
        group(summary.provisioned_environments_created),
        group(summary.environments_reclaimed),
        group(u64::from(summary.peak_environments))
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Latency (ms)              p50       p90       p99       max   (init + handler, no network)"
    )?;
    let row = |label: &str, percentiles: &Percentiles| -> String {
        if percentiles.count == 0 {
            format!("  {label:<20}  no requests")
        } else {
            format!(
                "  {label:<20}{:>9}{:>10}{:>10}{:>10}",
                ms(percentiles.p50_ms),
                ms(percentiles.p90_ms),
                ms(percentiles.p99_ms),
                ms(percentiles.max_ms)
            )
        }
    };
    writeln!(out, "{}", row("all served", &summary.latency))?;
    writeln!(out, "{}", row("without cold starts", &summary.latency_warm))?;
    writeln!(out)?;
    writeln!(
        out,
        "Modelled, not measured: init times from {}.",
        coldstart::SOURCE_CITATION
    )?;
    writeln!(
        out,
        "Concurrency quota and scaling rate from AWS's docs (Lambda quotas; \"Lambda scaling behavior\", since Nov 2023); synchronous requests beyond them are throttled, not queued."
    )?;
    Ok(())
}

/// The `--json` object. Percentiles are `null` when no request was served.
#[derive(Debug, Serialize)]
struct JsonSummary<'a> {
    requests: u64,
    cold_starts: u64,
    cold_start_share: f64,
    cold_starts_by_reason: ColdReasons,
    throttles: u64,
    throttles_by_reason: ThrottleReasons,
    peak_concurrency: u32,
    peak_environments: u32,
    environments_reclaimed: u64,
    p50_ms: Option<f64>,
    p90_ms: Option<f64>,
    p99_ms: Option<f64>,
    max_ms: Option<f64>,
    mean_ms: Option<f64>,
    warm_p50_ms: Option<f64>,
    warm_p90_ms: Option<f64>,
    warm_p99_ms: Option<f64>,
    init_ms_total: f64,
    billed_duration_ms_total: u64,
    model: JsonModel<'a>,
}

#[derive(Debug, Serialize)]
struct ColdReasons {
    first_request: u64,
    all_busy: u64,
    idle_expiry: u64,
}

#[derive(Debug, Serialize)]
struct ThrottleReasons {
    account_concurrency: u64,
    reserved_concurrency: u64,
    scaling_rate: u64,
}

#[derive(Debug, Serialize)]
struct JsonModel<'a> {
    pattern: &'static str,
    duration_secs: f64,
    seed: u64,
    function_ms: f64,
    runtime: Option<&'a str>,
    package: Option<Package>,
    arch: Option<Arch>,
    memory_mb: u32,
    /// The lambda-perf row's memory when the requested one was not measured.
    init_data_memory_mb: Option<u32>,
    init_median_ms: f64,
    init_source: &'static str,
    idle_lifetime_secs: f64,
    idle_lifetime_is_assumption: bool,
    account_limit: u32,
    reserved: Option<u32>,
    provisioned: u32,
    scaling_environments_per_10_s: u32,
}

fn write_json(
    out: &mut dyn Write,
    args: &SimulateArgs,
    scenario: &Scenario,
    summary: &Summary,
) -> std::io::Result<()> {
    let config = &scenario.config;
    let served = |value: f64, percentiles: &Percentiles| (percentiles.count > 0).then_some(value);
    let all = &summary.latency;
    let warm = &summary.latency_warm;
    let (runtime, package, arch, init_data_memory_mb, init_median_ms, init_source) =
        match &scenario.init {
            InitSource::Model(estimate) => {
                let record = estimate.lookup.record;
                (
                    Some(record.runtime.as_str()),
                    Some(record.package),
                    Some(record.arch),
                    Some(record.memory_mb),
                    estimate.median_ms(),
                    coldstart::SOURCE_CITATION,
                )
            }
            InitSource::Given(init_ms) => (None, None, None, None, *init_ms, "--init-ms"),
        };
    let json = JsonSummary {
        requests: summary.requests,
        cold_starts: summary.cold_starts,
        cold_start_share: summary.cold_start_share(),
        cold_starts_by_reason: ColdReasons {
            first_request: summary.cold_first_request,
            all_busy: summary.cold_all_busy,
            idle_expiry: summary.cold_idle_expiry,
        },
        throttles: summary.throttles,
        throttles_by_reason: ThrottleReasons {
            account_concurrency: summary.throttles_account,
            reserved_concurrency: summary.throttles_reserved,
            scaling_rate: summary.throttles_scaling,
        },
        peak_concurrency: summary.peak_concurrency,
        peak_environments: summary.peak_environments,
        environments_reclaimed: summary.environments_reclaimed,
        p50_ms: served(all.p50_ms, all),
        p90_ms: served(all.p90_ms, all),
        p99_ms: served(all.p99_ms, all),
        max_ms: served(all.max_ms, all),
        mean_ms: served(all.mean_ms, all),
        warm_p50_ms: served(warm.p50_ms, warm),
        warm_p90_ms: served(warm.p90_ms, warm),
        warm_p99_ms: served(warm.p99_ms, warm),
        init_ms_total: summary.init_ms_total,
        billed_duration_ms_total: summary.billed_duration_ms_total,
        model: JsonModel {
            pattern: args.pattern.name(),
            duration_secs: config.duration_ms / 1000.0,
            seed: config.seed,
            function_ms: args.function_ms,
            runtime,
            package,
            arch,
            memory_mb: args.memory_mb,
            init_data_memory_mb,
            init_median_ms,
            init_source,
            idle_lifetime_secs: config.idle_lifetime_ms / 1000.0,
            idle_lifetime_is_assumption: true,
            account_limit: config.account_concurrency,
            reserved: config.reserved_concurrency,
            provisioned: config.provisioned,
            scaling_environments_per_10_s: simulator::SCALING_ENVIRONMENTS_PER_WINDOW,
        },
    };
    let text = serde_json::to_string(&json).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: SimulateArgs,
    }

    fn parse(line: &str) -> SimulateArgs {
        let words = std::iter::once("simulate").chain(line.split_whitespace());
        Wrapper::try_parse_from(words).expect("parses").args
    }

    fn run_line(line: &str) -> (u8, String, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run_with_errors(&parse(line), &mut out, &mut err);
        (
            code,
            String::from_utf8(out).expect("utf-8"),
            String::from_utf8(err).expect("utf-8"),
        )
    }

    #[test]
    fn grouping_and_ms_formatting() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1_000), "1,000");
        assert_eq!(group(864_000), "864,000");
        assert_eq!(group(26_000_000), "26,000,000");
        assert_eq!(ms(100.0), "100");
        assert_eq!(ms(136.24), "136.24");
        assert_eq!(ms(0.5), "0.5");
        assert_eq!(seconds(86_400.0), "86,400 s (1 day)");
        assert_eq!(seconds(7_200.0), "7,200 s (2 hours)");
        assert_eq!(seconds(90.0), "90 s");
    }

    #[test]
    fn a_burst_prints_cold_starts_and_sources() {
        let (code, out, err) = run_line("--pattern burst --burst-size 20 --duration-secs 60");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Requests          20"), "{out}");
        assert!(out.contains("Cold starts       20 (100.0%"), "{out}");
        assert!(out.contains("lambda-perf"), "{out}");
        assert!(out.contains("not a measurement"), "{out}");
        assert!(out.contains("assumption"), "{out}");
    }

    #[test]
    fn json_has_the_promised_keys() {
        let (code, out, _) = run_line(
            "--pattern burst --burst-size 10 --duration-secs 60 --reserved 4 --init-ms 200 --function-ms 50 --json",
        );
        assert_eq!(code, 0);
        let value: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
        assert_eq!(value["requests"], 10);
        assert_eq!(value["cold_starts"], 4);
        assert_eq!(value["throttles"], 6);
        assert_eq!(value["peak_concurrency"], 4);
        assert_eq!(value["p50_ms"], 250.0);
        assert_eq!(value["p99_ms"], 250.0);
        assert_eq!(value["model"]["init_source"], "--init-ms");
    }

    #[test]
    fn missing_or_misplaced_flags_are_explained() {
        let cases = [
            ("--pattern steady --duration-secs 10", "needs --rate"),
            ("--pattern burst --duration-secs 10", "needs --burst-size"),
            (
                "--pattern burst --burst-size 5 --rate 3 --duration-secs 10",
                "does not apply",
            ),
            (
                "--pattern poisson --rate 3 --burst-size 5 --duration-secs 10",
                "apply to --pattern burst",
            ),
            (
                "--pattern steady --rate -1 --duration-secs 10",
                "more than 0",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 0",
                "--duration-secs must be more than 0",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --memory-mb 64",
                "128 to 10240",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --runtime cobol",
                "use one of",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --reserved 950",
                "--reserved",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --reserved 5 --provisioned 6",
                "--provisioned",
            ),
            (
                "--pattern steady --rate 1e9 --duration-secs 2592000",
                "shorten --duration-secs",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --function-ms 1000000",
                "900 s timeout",
            ),
            (
                "--pattern steady --rate 1 --duration-secs 10 --extra-init-ms 20000",
                "init limit",
            ),
        ];
        for (line, expected) in cases {
            let (code, out, err) = run_line(line);
            assert_eq!(code, 2, "{line}");
            assert!(out.is_empty(), "{line}: {out}");
            assert!(err.contains(expected), "{line}: {err}");
        }
    }

    #[test]
    fn every_pattern_runs() {
        for line in [
            "--pattern steady --rate 2 --duration-secs 60",
            "--pattern poisson --rate 2 --duration-secs 60",
            "--pattern daily --rate 2 --duration-secs 86400",
            "--pattern burst --burst-size 3 --burst-every-secs 10 --duration-secs 60",
            "--pattern schedule --duration-secs 3600",
            "--pattern schedule --every-secs 900 --duration-secs 3600 --runtime java21 --arch arm64 --memory-mb 1769",
        ] {
            let (code, out, err) = run_line(line);
            assert_eq!(code, 0, "{line}: {err}");
            assert!(out.contains("Requests"), "{line}: {out}");
        }
    }
}
