//! `lambda-lab cost`: a monthly Lambda bill, line by line with the arithmetic, from the
//! pricing model in [`crate::model::pricing`] (see issue 6).

use std::io::Write;

use serde::Serialize;

use crate::model::lambda::Architecture;
use crate::model::pricing::{
    self, ColdStarts, Estimate, Field, LineItemKind, PricingError, PricingInputs,
    ProvisionedConcurrency,
};

/// Exit code for values the model refuses (clap uses the same code for malformed flags).
const EXIT_BAD_VALUE: u8 = 2;

/// Estimate a monthly Lambda bill (us-east-1 prices), line by line, as AWS computes it.
///
/// Every invocation is billed in whole ms, rounded up (1.2 ms bills as 2 ms); each line item is
/// rounded to the cent, then the lines are summed, as in AWS's pricing examples.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Example (AWS's pricing page example, total $2.73):\n  \
    lambda-lab cost --requests 3000000 --duration-ms 120 --memory-mb 1536")]
pub struct CostArgs {
    /// On-demand requests per month (not counting those served by provisioned concurrency).
    #[arg(long, value_name = "N", value_parser = parse_number, allow_negative_numbers = true)]
    pub requests: f64,

    /// Average duration of an on-demand request in ms; decimals allowed (1.2 bills as 2).
    #[arg(long, value_name = "MS", value_parser = parse_number, allow_negative_numbers = true)]
    pub duration_ms: f64,

    /// Memory size in MB: 128 to 10,240.
    #[arg(long, value_name = "MB", value_parser = parse_number, allow_negative_numbers = true)]
    pub memory_mb: f64,

    /// Instruction set architecture.
    #[arg(long, value_enum, default_value = "x86_64")]
    pub arch: Architecture,

    /// Ephemeral storage (/tmp) in MB: 512 to 10,240; storage above 512 MB is billed.
    #[arg(
        long,
        value_name = "MB",
        default_value = "512",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub ephemeral_mb: f64,

    /// Leave out the always-free tier (1M requests and 400,000 GB-s a month).
    #[arg(long)]
    pub no_free_tier: bool,

    /// Fraction of on-demand requests that are cold starts, 0 to 1 (e.g. 0.01); needs --init-ms.
    #[arg(
        long,
        value_name = "F",
        requires = "init_ms",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub cold_start_rate: Option<f64>,

    /// INIT duration of one cold start in ms (billed since 2025-08-01); needs --cold-start-rate.
    #[arg(
        long,
        value_name = "MS",
        requires = "cold_start_rate",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub init_ms: Option<f64>,

    /// Provisioned concurrency: environments kept initialized; needs --pc-hours.
    #[arg(
        long,
        value_name = "C",
        requires = "pc_hours",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub pc_concurrency: Option<f64>,

    /// Hours provisioned concurrency is enabled this month (billed rounded up to 5 minutes).
    #[arg(
        long,
        value_name = "H",
        requires = "pc_concurrency",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub pc_hours: Option<f64>,

    /// Requests per month served by provisioned concurrency; needs --pc-duration-ms.
    #[arg(
        long,
        value_name = "R",
        requires_all = ["pc_concurrency", "pc_duration_ms"],
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub pc_requests: Option<f64>,

    /// Average duration in ms of the requests served by provisioned concurrency.
    #[arg(
        long,
        value_name = "D",
        requires = "pc_requests",
        value_parser = parse_number,
        allow_negative_numbers = true
    )]
    pub pc_duration_ms: Option<f64>,

    /// Average size in KB of the function's asynchronous (Event) invocations: an event over
    /// 256 KB is billed as one request plus one per further 64 KB (1,024 KB = 13 requests).
    #[arg(long, value_name = "KB", value_parser = parse_number, allow_negative_numbers = true)]
    pub async_event_kb: Option<f64>,

    /// Print one JSON object instead of the line items.
    #[arg(long)]
    pub json: bool,
}

/// Accepts any finite number ("3000000", "1.2", "3e6", "-5"); ranges are the model's job, so
/// the Cost page and this command refuse the same values with the same words.
fn parse_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(format!("expected a number, e.g. 1536 or 1.2; got '{text}'")),
    }
}

/// The flag that sets `field`, for error messages.
fn flag(field: Field) -> &'static str {
    match field {
        Field::Requests => "--requests",
        Field::DurationMs => "--duration-ms",
        Field::MemoryMb => "--memory-mb",
        Field::EphemeralStorageMb => "--ephemeral-mb",
        Field::ColdStartRate => "--cold-start-rate",
        Field::InitDurationMs => "--init-ms",
        Field::ProvisionedConcurrency => "--pc-concurrency",
        Field::ProvisionedHours => "--pc-hours",
        Field::ProvisionedRequests => "--pc-requests",
        Field::ProvisionedDurationMs => "--pc-duration-ms",
        Field::AsyncEventKb => "--async-event-kb",
    }
}

/// Checks each flag with the model's rules and builds the model's inputs. Whole-number fields
/// are converted only after [`Field::check`] proved them whole and in range.
fn to_inputs(args: &CostArgs) -> Result<PricingInputs, PricingError> {
    let cold_starts = match (args.cold_start_rate, args.init_ms) {
        (Some(rate), Some(init_ms)) => Some(ColdStarts {
            rate: Field::ColdStartRate.check(rate)?,
            init_duration_ms: Field::InitDurationMs.check(init_ms)?,
        }),
        // clap's `requires` makes these a pair.
        _ => None,
    };
    let provisioned = match (args.pc_concurrency, args.pc_hours) {
        (Some(concurrency), Some(hours)) => Some(ProvisionedConcurrency {
            concurrency: Field::ProvisionedConcurrency.check(concurrency)? as u32,
            hours_enabled: Field::ProvisionedHours.check(hours)?,
            requests: Field::ProvisionedRequests.check(args.pc_requests.unwrap_or(0.0))? as u64,
            duration_ms: Field::ProvisionedDurationMs.check(args.pc_duration_ms.unwrap_or(0.0))?,
        }),
        _ => None,
    };
    let inputs = PricingInputs {
        requests: Field::Requests.check(args.requests)? as u64,
        duration_ms: Field::DurationMs.check(args.duration_ms)?,
        memory_mb: Field::MemoryMb.check(args.memory_mb)? as u32,
        architecture: args.arch,
        ephemeral_storage_mb: Field::EphemeralStorageMb.check(args.ephemeral_mb)? as u32,
        free_tier: !args.no_free_tier,
        cold_starts,
        init_billed: true,
        provisioned,
        async_event_kb: args
            .async_event_kb
            .map(|kb| Field::AsyncEventKb.check(kb))
            .transpose()?,
    };
    inputs.validate()?;
    Ok(inputs)
}

/// Runs `lambda-lab cost`, writing the bill to `out` and problems to stderr; returns the exit
/// code: 0 when the bill was printed, 2 when a value is not allowed.
pub fn run(args: &CostArgs, out: &mut dyn Write) -> u8 {
    run_with_errors(args, out, &mut std::io::stderr())
}

/// [`run`] with the error stream passed in (for tests).
pub fn run_with_errors(args: &CostArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let estimate = match to_inputs(args).and_then(|inputs| pricing::estimate(&inputs)) {
        Ok(estimate) => estimate,
        Err(error) => {
            // A closed stderr leaves nothing to report to; the exit code still says it.
            let _ = writeln!(
                err,
                "lambda-lab cost: {}: {error}\n  allowed: {}",
                flag(error.field()),
                error.allowed()
            );
            return EXIT_BAD_VALUE;
        }
    };
    // A closed pipe (e.g. `| head`) must not turn a good estimate into a crash.
    let _ = if args.json {
        write_json(&estimate, out)
    } else {
        write_human(&estimate, out)
    };
    0
}

fn write_human(estimate: &Estimate, out: &mut dyn Write) -> std::io::Result<()> {
    let inputs = &estimate.inputs;
    writeln!(
        out,
        "Lambda monthly cost estimate ({}, {} MB, free tier {})",
        inputs.architecture,
        inputs.memory_mb,
        if inputs.free_tier { "on" } else { "off" }
    )?;
    writeln!(out, "Model: prices from the {}", pricing::PRICE_SOURCE)?;
    writeln!(out)?;
    for line in &estimate.line_items {
        writeln!(
            out,
            "{:<30}{:>16}",
            line.kind.label(),
            pricing::format_cents(line.cost_cents)
        )?;
        writeln!(out, "    {}", line.arithmetic)?;
    }
    writeln!(out, "{}", "-".repeat(46))?;
    writeln!(
        out,
        "{:<30}{:>16}",
        "Total",
        pricing::format_cents(estimate.total_cents)
    )?;
    writeln!(out, "    {}", estimate.total_arithmetic())?;
    writeln!(out)?;
    writeln!(
        out,
        "Each line is rounded to the cent, then the lines are summed, as in AWS's examples."
    )?;
    if inputs.cold_starts.is_some() && inputs.init_billed {
        // The "before and after" of the 2025-08-01 INIT billing change, for zip functions on
        // managed runtimes (custom runtimes and container images were always billed for INIT).
        let before = PricingInputs {
            init_billed: false,
            ..inputs.clone()
        };
        if let Ok(before) = pricing::estimate(&before) {
            writeln!(
                out,
                "Before {} an on-demand zip function on a managed runtime was not billed for \
                 INIT: total {}.",
                pricing::INIT_BILLING_EFFECTIVE_DATE,
                pricing::format_cents(before.total_cents)
            )?;
        }
    }
    Ok(())
}

/// The `--json` object: the fixed fields first, then the line items and inputs.
#[derive(Serialize)]
struct JsonEstimate<'a> {
    requests_usd: f64,
    compute_usd: f64,
    ephemeral_usd: f64,
    provisioned_concurrency_usd: f64,
    provisioned_duration_usd: f64,
    init_usd: f64,
    total_usd: f64,
    total_unrounded_usd: f64,
    line_items: Vec<JsonLineItem<'a>>,
    inputs: JsonInputs,
    price_source: &'static str,
}

#[derive(Serialize)]
struct JsonLineItem<'a> {
    kind: LineItemKind,
    usd: f64,
    unrounded_usd: f64,
    arithmetic: &'a str,
}

/// The inputs as the flags name them (null where a flag was not given).
#[derive(Serialize)]
struct JsonInputs {
    requests: u64,
    duration_ms: f64,
    memory_mb: u32,
    arch: Architecture,
    ephemeral_mb: u32,
    free_tier: bool,
    cold_start_rate: Option<f64>,
    init_ms: Option<f64>,
    init_billed: bool,
    pc_concurrency: Option<u32>,
    pc_hours: Option<f64>,
    pc_requests: Option<u64>,
    pc_duration_ms: Option<f64>,
}

fn write_json(estimate: &Estimate, out: &mut dyn Write) -> std::io::Result<()> {
    let inputs = &estimate.inputs;
    let usd = |kind| estimate.cents(kind) as f64 / 100.0;
    let json = JsonEstimate {
        requests_usd: usd(LineItemKind::Requests),
        compute_usd: usd(LineItemKind::Compute),
        ephemeral_usd: usd(LineItemKind::Ephemeral),
        provisioned_concurrency_usd: usd(LineItemKind::ProvisionedConcurrency),
        provisioned_duration_usd: usd(LineItemKind::ProvisionedDuration),
        init_usd: usd(LineItemKind::Init),
        total_usd: estimate.total_usd(),
        total_unrounded_usd: estimate.total_unrounded.usd_f64(),
        line_items: estimate
            .line_items
            .iter()
            .map(|line| JsonLineItem {
                kind: line.kind,
                usd: line.cost_usd(),
                unrounded_usd: line.unrounded_cost.usd_f64(),
                arithmetic: &line.arithmetic,
            })
            .collect(),
        inputs: JsonInputs {
            requests: inputs.requests,
            duration_ms: inputs.duration_ms,
            memory_mb: inputs.memory_mb,
            arch: inputs.architecture,
            ephemeral_mb: inputs.ephemeral_storage_mb,
            free_tier: inputs.free_tier,
            cold_start_rate: inputs.cold_starts.map(|cold| cold.rate),
            init_ms: inputs.cold_starts.map(|cold| cold.init_duration_ms),
            init_billed: inputs.init_billed,
            pc_concurrency: inputs.provisioned.map(|pc| pc.concurrency),
            pc_hours: inputs.provisioned.map(|pc| pc.hours_enabled),
            pc_requests: inputs.provisioned.map(|pc| pc.requests),
            pc_duration_ms: inputs.provisioned.map(|pc| pc.duration_ms),
        },
        price_source: pricing::PRICE_SOURCE,
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::other)?;
    writeln!(out)
}
