//! `lambda-lab simulate`: cold starts, scaling and throttles for a traffic pattern. A thin
//! adapter: the flags become the Cold starts page's [`ScenarioInputs`] (with the page's
//! defaults), and the model builds and runs the simulation exactly as it does for the page.
//! A model of AWS, labelled as one.

use std::io::Write;
use std::sync::LazyLock;

use crate::model::coldstart::{self, ColdStartError};
use crate::model::format;
use crate::model::lambda::{Architecture, PackageType};
use crate::model::limits::{
    INIT_PHASE_LIMIT_MS, MAX_MEMORY_MB, MIN_MEMORY_MB, SCALING_ENVIRONMENTS_PER_WINDOW,
};
use crate::model::scenario::{InitSource, Pattern, ScenarioError, ScenarioInputs};
use crate::model::simulator::{self, Percentiles, SimConfig, SimError, Summary, Traffic};

/// Exit code for values the model refuses (clap uses the same code for malformed flags).
const EXIT_BAD_VALUE: u8 = 2;

mod output;

use output::*;

/// The Cold starts page's defaults: the flags the user leaves out take these values.
static DEFAULTS: LazyLock<ScenarioInputs> = LazyLock::new(ScenarioInputs::default);

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
    /// Cron-like: --burst-size requests every --burst-every-secs.
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

    fn pattern(self) -> Pattern {
        match self {
            PatternArg::Steady => Pattern::Steady,
            PatternArg::Poisson => Pattern::Poisson,
            PatternArg::Burst => Pattern::Burst,
            PatternArg::Daily => Pattern::Daily,
            PatternArg::Schedule => Pattern::Schedule,
        }
    }
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

    /// Requests per burst (burst: required) or per scheduled run (schedule: default as the
    /// Cold starts page, 100).
    #[arg(long, value_name = "N")]
    pub burst_size: Option<u32>,

    /// Repeat the burst every K seconds (burst), or the schedule's period (schedule: default as
    /// the Cold starts page, 900).
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
        default_value_t = DEFAULTS.function_ms,
        allow_negative_numbers = true
    )]
    pub function_ms: f64,

    /// Runtime whose init time to model, as lambda-perf names it: nodejs24.x, python3.13,
    /// java21, dotnet8, ruby3.4, rust, go, llrt, ...
    #[arg(long, value_name = "ID", default_value_t = DEFAULTS.runtime.clone())]
    pub runtime: String,

    /// Deployment package type.
    #[arg(long, value_enum, default_value_t = DEFAULTS.package)]
    pub package: PackageType,

    /// Instruction set architecture.
    #[arg(long, value_enum, default_value_t = DEFAULTS.arch)]
    pub arch: Architecture,

    /// Memory size in MB: 128 to 10,240 (lambda-perf measured 128, 256, 512 and 1024).
    #[arg(long, value_name = "M", default_value_t = DEFAULTS.memory_mb)]
    pub memory_mb: u32,

    /// Your own init code (imports, SDK clients), added to the runtime's modelled init, in ms.
    #[arg(
        long,
        value_name = "MS",
        default_value_t = DEFAULTS.extra_init_ms,
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
        default_value_t = DEFAULTS.idle_lifetime_secs,
        allow_negative_numbers = true
    )]
    pub idle_lifetime_secs: f64,

    /// Provisioned concurrency: environments initialised before traffic, never reclaimed.
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.provisioned)]
    pub provisioned: u32,

    /// Reserved concurrency: the function's ceiling (0 throttles everything, as on AWS).
    #[arg(long, value_name = "N")]
    pub reserved: Option<u32>,

    /// The account's concurrency quota (AWS default 1,000).
    #[arg(long, value_name = "N", default_value_t = DEFAULTS.account_concurrency)]
    pub account_limit: u32,

    /// Random seed: the same seed gives the same result.
    #[arg(long, value_name = "K", default_value_t = DEFAULTS.seed)]
    pub seed: u64,

    /// Print one JSON object instead of the summary.
    #[arg(long)]
    pub json: bool,
}

/// A validated run: the scenario as the page would hold it, the simulator's configuration
/// the model built from it, and where its init times come from.
#[derive(Debug, Clone)]
struct Scenario {
    inputs: ScenarioInputs,
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

/// Checks what only the command line can get wrong (which flags go with which pattern,
/// numbers that are not numbers), then lets the model build the scenario as the page does and
/// says which flag a refused value came from.
fn scenario(args: &SimulateArgs) -> Result<Scenario, String> {
    let pattern = args.pattern.name();
    let duration_secs = finite("--duration-secs", args.duration_secs)?;
    if duration_secs <= 0.0 {
        return Err(format!(
            "--duration-secs must be more than 0, got {duration_secs}"
        ));
    }
    let pattern_uses_rate = args.pattern.pattern().uses_rate();
    let rate_per_s = if pattern_uses_rate {
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
    } else {
        if args.rate.is_some() {
            return Err(format!(
                "--rate does not apply to --pattern {pattern}; use --burst-size N and --burst-every-secs K"
            ));
        }
        DEFAULTS.rate_per_s
    };
    if pattern_uses_rate && (args.burst_size.is_some() || args.burst_every_secs.is_some()) {
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
    if args.pattern == PatternArg::Burst && args.burst_size.is_none() {
        return Err(
            "--pattern burst needs --burst-size N (requests at the same instant, at least 1)"
                .to_owned(),
        );
    }
    let function_ms = finite("--function-ms", args.function_ms)?;
    let idle_lifetime_secs = finite("--idle-lifetime-secs", args.idle_lifetime_secs)?;
    if idle_lifetime_secs < 0.0 {
        return Err(format!(
            "--idle-lifetime-secs must be 0 or more, got {idle_lifetime_secs}"
        ));
    }
    let extra_init_ms = finite("--extra-init-ms", args.extra_init_ms)?;
    let init_override_ms = match args.init_ms {
        Some(init_ms) => {
            let init_ms = finite("--init-ms", init_ms)?;
            if extra_init_ms != 0.0 {
                return Err(
                    "--extra-init-ms adds to the modelled init; with --init-ms give the whole init time"
                        .to_owned(),
                );
            }
            Some(init_ms)
        }
        None => None,
    };
    let inputs = ScenarioInputs {
        runtime: args.runtime.clone(),
        package: args.package,
        arch: args.arch,
        memory_mb: args.memory_mb,
        extra_init_ms,
        function_ms,
        pattern: args.pattern.pattern(),
        rate_per_s,
        burst_size: args.burst_size.unwrap_or(DEFAULTS.burst_size),
        burst_repeat: every_secs.is_some(),
        burst_every_secs: every_secs.unwrap_or(DEFAULTS.burst_every_secs),
        duration_secs,
        idle_lifetime_secs,
        provisioned: args.provisioned,
        reserved: args.reserved,
        seed: args.seed,
        account_concurrency: args.account_limit,
        init_override_ms,
        ..ScenarioInputs::default()
    };
    let (mut config, init) = inputs.config().map_err(|error| describe_error(&error))?;
    // The command prints totals only: one bucket is enough.
    config.step_ms = config.duration_ms;
    if let InitSource::Modelled(estimate) = &init
        && estimate
            .samples_ms()
            .iter()
            .any(|ms| *ms > INIT_PHASE_LIMIT_MS)
    {
        return Err(format!(
            "--extra-init-ms {extra_init_ms} plus the runtime's init exceeds Lambda's 10 s init limit"
        ));
    }
    Ok(Scenario {
        inputs,
        config,
        init,
    })
}

/// The model's refusals in terms of this command's flags.
fn describe_error(error: &ScenarioError) -> String {
    match error {
        ScenarioError::Memory(memory_mb) => {
            format!("--memory-mb must be from {MIN_MEMORY_MB} to {MAX_MEMORY_MB}, got {memory_mb}")
        }
        ScenarioError::InitOverride(init_ms) => {
            format!("--init-ms must be from 0 to 10000 (Lambda's 10 s init limit), got {init_ms}")
        }
        ScenarioError::ColdStart(ColdStartError::UnknownRuntime { runtime, known }) => {
            format!("--runtime `{runtime}` is not in the lambda-perf data; use one of: {known}")
        }
        ScenarioError::ColdStart(ColdStartError::ExtraInit { value_ms, limit_ms }) => format!(
            "--extra-init-ms must be from 0 to {limit_ms} (Lambda's 10 s init limit), got {value_ms}"
        ),
        ScenarioError::ColdStart(other) => other.to_string(),
        ScenarioError::Sim(sim_error) => describe_sim_error(sim_error),
    }
}

/// The simulator's errors in terms of this command's flags.
fn describe_sim_error(error: &SimError) -> String {
    match error {
        SimError::Invalid { field, reason } => {
            let flag = match *field {
                "reserved_concurrency" => "--reserved",
                "provisioned" => "--provisioned",
                "account_concurrency" => "--account-limit",
                "function duration_ms" | "function duration" => "--function-ms",
                "idle_lifetime_ms" => "--idle-lifetime-secs",
                other => other,
            };
            format!("{flag} {reason}")
        }
        SimError::TooManyRequests { expected, max } => format!(
            "about {} requests expected; at most {} per run: shorten --duration-secs or lower the rate",
            format::count(*expected as u64),
            format::count(*max as u64)
        ),
        SimError::Cancelled => "cancelled".to_owned(),
    }
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
    fn flags_left_out_take_the_cold_starts_pages_defaults() {
        let scenario =
            scenario(&parse("--pattern poisson --rate 3 --duration-secs 60")).expect("valid");
        let page = ScenarioInputs::default();
        let inputs = &scenario.inputs;
        assert_eq!(inputs.function_ms, page.function_ms);
        assert_eq!(inputs.runtime, page.runtime);
        assert_eq!(inputs.memory_mb, page.memory_mb);
        assert_eq!(inputs.idle_lifetime_secs, page.idle_lifetime_secs);
        assert_eq!(inputs.account_concurrency, page.account_concurrency);
        assert_eq!(inputs.seed, page.seed);
        // The simulator configuration is the model's, as the page builds it.
        let (page_config, _) = ScenarioInputs {
            pattern: Pattern::Poisson,
            rate_per_s: 3.0,
            duration_secs: 60.0,
            ..page
        }
        .config()
        .expect("valid");
        assert_eq!(
            scenario.config,
            SimConfig {
                step_ms: page_config.duration_ms,
                ..page_config
            }
        );
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
