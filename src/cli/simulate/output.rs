//! What `simulate` prints: the summary for people, or one JSON object for scripts; both say
//! what is modelled and where it comes from.

use serde::Serialize;

use super::*;

pub(super) fn traffic_line(args: &SimulateArgs, config: &SimConfig) -> String {
    let duration = format::seconds_with_unit(config.duration_ms / 1000.0);
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
                format::count(u64::from(*size)),
                every_ms / 1000.0
            ),
            None => format!(
                "one burst of {} at the start, for {duration}",
                format::count(u64::from(*size))
            ),
        },
        Traffic::Schedule {
            period_ms,
            requests_per_run,
            ..
        } => format!(
            "schedule, {} request{} every {} s, for {duration}",
            format::count(u64::from(*requests_per_run)),
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

pub(super) fn init_line(scenario: &Scenario) -> String {
    match &scenario.init {
        InitSource::Given { init_ms } => {
            format!(
                "{} ms per cold start (given with --init-ms)",
                format::decimals(*init_ms, 2)
            )
        }
        InitSource::Modelled(estimate) => {
            let record = estimate.lookup.record;
            let samples = estimate.samples_ms();
            let low = samples.iter().copied().fold(f64::INFINITY, f64::min);
            let high = samples.iter().copied().fold(0.0, f64::max);
            let extra = if estimate.extra_init_ms > 0.0 {
                format!(
                    " incl. {} ms of your init code",
                    format::decimals(estimate.extra_init_ms, 2)
                )
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
                format::decimals(estimate.median_ms(), 2),
                samples.len(),
                format::decimals(low, 2),
                format::decimals(high, 2)
            )
        }
    }
}

pub(super) fn write_human(
    out: &mut dyn Write,
    args: &SimulateArgs,
    scenario: &Scenario,
    summary: &Summary,
) -> std::io::Result<()> {
    let config = &scenario.config;
    let runtime = match &scenario.init {
        InitSource::Modelled(estimate) => {
            let record = estimate.lookup.record;
            format!(
                "{}, {}, {}, {} MB",
                record.runtime, record.package, record.arch, scenario.inputs.memory_mb
            )
        }
        InitSource::Given { .. } => format!("{} MB", scenario.inputs.memory_mb),
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
        format::decimals(scenario.inputs.function_ms, 2)
    )?;
    writeln!(out, "Init              {}", init_line(scenario))?;
    let reserved = match config.reserved_concurrency {
        Some(reserved) => format::count(u64::from(reserved)),
        None => "none".to_owned(),
    };
    writeln!(
        out,
        "Concurrency       account limit {}, reserved {reserved}, provisioned {}; scaling {} new environments per 10 s",
        format::count(u64::from(config.account_concurrency)),
        format::count(u64::from(config.provisioned)),
        format::count(u64::from(SCALING_ENVIRONMENTS_PER_WINDOW))
    )?;
    writeln!(
        out,
        "Idle lifetime     {} (assumption: AWS does not document it)",
        format::seconds_with_unit(config.idle_lifetime_ms / 1000.0)
    )?;
    writeln!(out)?;
    writeln!(out, "Requests          {}", format::count(summary.requests))?;
    writeln!(
        out,
        "Cold starts       {} ({} of served requests): first request {}, all environments busy {}, replacing environments reclaimed after idling {}",
        format::count(summary.cold_starts),
        format::share_percent_fixed(summary.cold_start_share()),
        format::count(summary.cold_first_request),
        format::count(summary.cold_all_busy),
        format::count(summary.cold_idle_expiry)
    )?;
    if summary.throttles == 0 {
        writeln!(out, "Throttles (429)   0")?;
    } else {
        writeln!(
            out,
            "Throttles (429)   {} ({} of requests): concurrency limit {}, reserved concurrency {}, scaling rate {}",
            format::count(summary.throttles),
            format::share_percent_fixed(summary.throttles as f64 / summary.requests.max(1) as f64),
            format::count(summary.throttles_account),
            format::count(summary.throttles_reserved),
            format::count(summary.throttles_scaling)
        )?;
    }
    writeln!(
        out,
        "Peak concurrency  {}",
        format::count(u64::from(summary.peak_concurrency))
    )?;
    writeln!(
        out,
        "Environments      {} created on demand, {} provisioned, {} reclaimed after idling, at most {} at once",
        format::count(summary.environments_created),
        format::count(summary.provisioned_environments_created),
        format::count(summary.environments_reclaimed),
        format::count(u64::from(summary.peak_environments))
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
                format::decimals(percentiles.p50_ms, 2),
                format::decimals(percentiles.p90_ms, 2),
                format::decimals(percentiles.p99_ms, 2),
                format::decimals(percentiles.max_ms, 2)
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
pub(super) struct JsonSummary<'a> {
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
pub(super) struct ColdReasons {
    first_request: u64,
    all_busy: u64,
    idle_expiry: u64,
}

#[derive(Debug, Serialize)]
pub(super) struct ThrottleReasons {
    account_concurrency: u64,
    reserved_concurrency: u64,
    scaling_rate: u64,
}

#[derive(Debug, Serialize)]
pub(super) struct JsonModel<'a> {
    pattern: &'static str,
    duration_secs: f64,
    seed: u64,
    function_ms: f64,
    runtime: Option<&'a str>,
    package: Option<PackageType>,
    arch: Option<Architecture>,
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

pub(super) fn write_json(
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
            InitSource::Modelled(estimate) => {
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
            InitSource::Given { init_ms } => (None, None, None, None, *init_ms, "--init-ms"),
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
            function_ms: scenario.inputs.function_ms,
            runtime,
            package,
            arch,
            memory_mb: scenario.inputs.memory_mb,
            init_data_memory_mb,
            init_median_ms,
            init_source,
            idle_lifetime_secs: config.idle_lifetime_ms / 1000.0,
            idle_lifetime_is_assumption: true,
            account_limit: config.account_concurrency,
            reserved: config.reserved_concurrency,
            provisioned: config.provisioned,
            scaling_environments_per_10_s: SCALING_ENVIRONMENTS_PER_WINDOW,
        },
    };
    let text = serde_json::to_string(&json).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}
