//! What a scenario would cost if its traffic went on for a 30-day month: the simulated counts
//! scaled to a month, with the arithmetic shown, priced by the pricing model.

use super::*;

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
pub(super) fn per_month(count: u64, scale: f64) -> u64 {
    (count as f64 * scale).round() as u64
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
        format::duration_words(inputs.duration_secs),
        format::factor(scale),
        format::factor(scale),
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

pub(super) fn bill(
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
        format::count(on_demand_served),
        if with_provisioned {
            " by on-demand environments"
        } else {
            ""
        },
        format::factor(scale),
        format::count(requests),
    ));
    derivation.push(format!(
        "Duration: {} ms per request (the handler), {} MB, {}.",
        format::decimals(on_demand_duration_ms, 2),
        format::count(u64::from(inputs.memory_mb)),
        inputs.arch
    ));
    let cold_starts = if summary.cold_starts > 0 && on_demand_served > 0 {
        let rate = (summary.cold_starts as f64 / on_demand_served as f64).clamp(0.0, 1.0);
        let init_ms = round_to_hundredths(summary.init_ms_total / summary.cold_starts as f64)
            .clamp(0.0, pricing::MAX_INIT_DURATION_MS as f64);
        derivation.push(format!(
            "Cold starts: {} of {} on-demand requests ({}%), {} ms INIT on average (modelled \
             from lambda-perf).",
            format::count(summary.cold_starts),
            format::count(on_demand_served),
            format::decimals(rate * 100.0, 2),
            format::decimals(init_ms, 2)
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
            format::count(u64::from(inputs.provisioned)),
            format::decimals(MONTH_HOURS, 2),
            format::count(provisioned_served),
            format::factor(scale),
            format::count(provisioned_requests)
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
        architecture: inputs.arch,
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
pub(super) fn round_to_hundredths(value_ms: f64) -> f64 {
    (value_ms * 100.0).round() / 100.0
}
