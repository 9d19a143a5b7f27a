//! The monthly bill, line by line: requests, duration in tiers after the free tier, INIT on
//! cold starts, provisioned concurrency, ephemeral storage, each with its arithmetic in words.

use serde::{Deserialize, Serialize};

use super::*;

// ---------------------------------------------------------------------------------------------
// The estimate
// ---------------------------------------------------------------------------------------------

/// The kinds of line item on a Lambda bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineItemKind {
    /// On-demand duration (INVOKE phase), tiered.
    Compute,
    /// INIT duration of on-demand cold starts, tiered with compute.
    Init,
    /// Requests, on demand and served by provisioned concurrency.
    Requests,
    /// Ephemeral storage above 512 MB.
    Ephemeral,
    /// Configured provisioned concurrency while enabled.
    ProvisionedConcurrency,
    /// Duration of requests served by provisioned concurrency.
    ProvisionedDuration,
}

impl LineItemKind {
    /// Every kind, in the order a bill lists them.
    pub const ALL: [Self; 6] = [
        Self::Compute,
        Self::Init,
        Self::Requests,
        Self::Ephemeral,
        Self::ProvisionedConcurrency,
        Self::ProvisionedDuration,
    ];

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Compute => "Compute (duration)",
            Self::Init => "INIT duration (cold starts)",
            Self::Requests => "Requests",
            Self::Ephemeral => "Ephemeral storage",
            Self::ProvisionedConcurrency => "Provisioned concurrency",
            Self::ProvisionedDuration => "Provisioned duration",
        }
    }
}

/// One line of the bill.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// What is billed.
    pub kind: LineItemKind,
    /// The exact amount before rounding.
    pub unrounded_cost: ExactUsd,
    /// The amount rounded to cents, half up: what the bill shows.
    pub cost_cents: u64,
    /// The arithmetic in words, e.g. "540,000 GB-s − 400,000 free = 140,000 GB-s ×
    /// $0.0000166667 = $2.33".
    pub arithmetic: String,
}

impl LineItem {
    /// The rounded amount in USD.
    pub fn cost_usd(&self) -> f64 {
        self.cost_cents as f64 / 100.0
    }
}

/// The monthly bill of one function.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The inputs it was computed from.
    pub inputs: PricingInputs,
    /// The line items that apply, in bill order (compute and requests are always present).
    pub line_items: Vec<LineItem>,
    /// Sum of the rounded line items, in cents.
    pub total_cents: u64,
    /// Sum of the unrounded line items.
    pub total_unrounded: ExactUsd,
}

impl Estimate {
    /// The line item of `kind`, if it applies.
    pub fn line(&self, kind: LineItemKind) -> Option<&LineItem> {
        self.line_items.iter().find(|line| line.kind == kind)
    }

    /// Rounded cents of `kind`; 0 where it does not apply.
    pub fn cents(&self, kind: LineItemKind) -> u64 {
        self.line(kind).map_or(0, |line| line.cost_cents)
    }

    /// The rounded total in USD.
    pub fn total_usd(&self) -> f64 {
        self.total_cents as f64 / 100.0
    }

    /// The total as arithmetic: "$2.33 + $0.40 = $2.73".
    pub fn total_arithmetic(&self) -> String {
        let parts: Vec<String> = self
            .line_items
            .iter()
            .map(|line| format_cents(line.cost_cents))
            .collect();
        format!("{} = {}", parts.join(" + "), format_cents(self.total_cents))
    }
}

/// Computes the monthly bill for `inputs`, line by line, as AWS does.
pub fn estimate(inputs: &PricingInputs) -> Result<Estimate, PricingError> {
    inputs.validate()?;
    let memory_mb = u128::from(inputs.memory_mb);
    let arch = inputs.architecture;
    let mut lines = Vec::new();

    // On-demand duration (INVOKE).
    let billed_ms = billed_duration_ms(inputs.duration_ms, None);
    let invoke_ms_total = u128::from(inputs.requests) * u128::from(billed_ms);
    let invoke_mb_ms = invoke_ms_total * memory_mb;
    let free_mb_ms = if inputs.free_tier {
        u128::from(FREE_TIER_GB_S) * MB_MS_PER_GB_S
    } else {
        0
    };
    let invoke_billable_mb_ms = invoke_mb_ms.saturating_sub(free_mb_ms);
    let free_left_mb_ms = free_mb_ms.saturating_sub(invoke_mb_ms);
    let segments = split_into_tiers(arch, 0, invoke_billable_mb_ms);
    let compute = tiered_cost(&segments);
    let mut arithmetic = format!(
        "{} × {} × {} MB = {} GB-s",
        format::thousands(u128::from(inputs.requests)),
        billed_ms_words(inputs.duration_ms, billed_ms),
        format::thousands(memory_mb),
        format_gb_s(invoke_mb_ms),
    );
    if inputs.free_tier {
        arithmetic.push_str(&format!(
            " − {} free = {} GB-s",
            format::thousands(u128::from(FREE_TIER_GB_S)),
            format_gb_s(invoke_billable_mb_ms)
        ));
    }
    arithmetic.push_str(&tier_words(&segments, arch, 0, compute));
    lines.push(line(LineItemKind::Compute, compute, arithmetic));

    // INIT of cold starts: more duration GB-s, after the invoke GB-s (see the module docs).
    let mut init_ms_total: u128 = 0;
    if let Some(cold) = inputs.cold_starts {
        let cold_starts = cold_start_count(inputs.requests, cold.rate);
        let extra_ms_each = billed_duration_ms(inputs.duration_ms, Some(cold.init_duration_ms))
            .saturating_sub(billed_ms);
        let who = format!(
            "{} cold starts ({}% of {})",
            format::thousands(u128::from(cold_starts)),
            format_percent(cold.rate),
            format::thousands(u128::from(inputs.requests)),
        );
        let init_words = init_ms_words(inputs.duration_ms, cold.init_duration_ms, extra_ms_each);
        if inputs.init_billed {
            init_ms_total = u128::from(cold_starts) * u128::from(extra_ms_each);
            let init_mb_ms = init_ms_total * memory_mb;
            let init_billable_mb_ms = init_mb_ms.saturating_sub(free_left_mb_ms);
            let segments = split_into_tiers(arch, invoke_billable_mb_ms, init_billable_mb_ms);
            let init = tiered_cost(&segments);
            let mut arithmetic = format!(
                "{who} × {init_words} × {} MB = {} GB-s",
                format::thousands(memory_mb),
                format_gb_s(init_mb_ms)
            );
            if inputs.free_tier {
                arithmetic.push_str(&format!(
                    " − {} free left after compute = {} GB-s",
                    format_gb_s(free_left_mb_ms.min(init_mb_ms)),
                    format_gb_s(init_billable_mb_ms)
                ));
            }
            arithmetic.push_str(&tier_words(&segments, arch, invoke_billable_mb_ms, init));
            lines.push(line(LineItemKind::Init, init, arithmetic));
        } else {
            lines.push(line(
                LineItemKind::Init,
                ExactUsd::ZERO,
                format!(
                    "{who} × {init_words}: not billed before {INIT_BILLING_EFFECTIVE_DATE} for \
                     on-demand zip functions on managed runtimes = $0.00"
                ),
            ));
        }
    }

    // Requests: the free tier covers on-demand requests only. An asynchronous event over
    // 256 KB counts as several requests.
    let pc_requests = inputs.provisioned.map_or(0, |pc| pc.requests);
    let per_event = inputs.async_event_kb.map_or(1, requests_per_async_event);
    let on_demand_requests = inputs.requests.saturating_mul(per_event);
    let on_demand_billable = if inputs.free_tier {
        on_demand_requests.saturating_sub(FREE_TIER_REQUESTS)
    } else {
        on_demand_requests
    };
    let billable_requests = u128::from(on_demand_billable) + u128::from(pc_requests);
    let requests_cost = ExactUsd::of_count(billable_requests, REQUEST_PRICE);
    let on_demand = if per_event > 1 {
        format!(
            "{} events × {per_event}",
            format::thousands(u128::from(inputs.requests))
        )
    } else {
        format::thousands(u128::from(inputs.requests))
    };
    // Why one event is several requests, said once at the end of the line.
    let async_words = if per_event > 1 {
        format!(
            " (an asynchronous event of {} KB is billed as its first {} KB plus {} × {} KB)",
            format::decimals(inputs.async_event_kb.unwrap_or_default(), 1),
            ASYNC_EVENT_BASE_KB,
            per_event - 1,
            ASYNC_EVENT_CHUNK_KB
        )
    } else {
        String::new()
    };
    let free = format::thousands(u128::from(FREE_TIER_REQUESTS));
    let provisioned = format::thousands(u128::from(pc_requests));
    let requests_words = match (inputs.provisioned.is_some(), inputs.free_tier) {
        (false, true) => format!("{on_demand} requests − {free} free"),
        (false, false) => format!("{on_demand} requests"),
        (true, true) => {
            format!("({on_demand} − {free} free) on demand + {provisioned} provisioned")
        }
        (true, false) => format!("{on_demand} on demand + {provisioned} provisioned"),
    };
    // "3,000,000 requests = 3,000,000 requests" says nothing: skip the middle step then.
    let requests_words = if inputs.provisioned.is_none() && !inputs.free_tier && per_event == 1 {
        requests_words
    } else {
        format!(
            "{requests_words} = {} requests",
            format::thousands(billable_requests)
        )
    };
    lines.push(line(
        LineItemKind::Requests,
        requests_cost,
        format!(
            "{requests_words} × $0.20 per 1M = {}{async_words}",
            format_cents(requests_cost.cents_half_up())
        ),
    ));

    // Provisioned concurrency: no free tier, flat rates.
    let mut pc_ms_total: u128 = 0;
    let mut pc_lines = Vec::new();
    if let Some(pc) = inputs.provisioned {
        let enabled_ms = provisioned_billed_ms(pc.hours_enabled);
        let configured_mb_ms = u128::from(pc.concurrency) * u128::from(enabled_ms) * memory_mb;
        let rate = arch.provisioned_concurrency_price_per_gb_s();
        let cost = ExactUsd::of_mb_ms(configured_mb_ms, rate);
        let rounded_note = if (pc.hours_enabled * 3_600_000.0).round() as u64 == enabled_ms {
            format!("{} h", format_input(pc.hours_enabled))
        } else {
            format!("{} h rounded up to 5 min", format_input(pc.hours_enabled))
        };
        pc_lines.push(line(
            LineItemKind::ProvisionedConcurrency,
            cost,
            format!(
                "{} × {} s ({rounded_note}) × {} MB = {} GB-s × {rate} = {} (no free tier)",
                format::thousands(u128::from(pc.concurrency)),
                format::thousands(u128::from(enabled_ms / 1_000)),
                format::thousands(memory_mb),
                format_gb_s(configured_mb_ms),
                format_cents(cost.cents_half_up())
            ),
        ));

        let billed_ms = billed_duration_ms(pc.duration_ms, None);
        pc_ms_total = u128::from(pc.requests) * u128::from(billed_ms);
        let served_mb_ms = pc_ms_total * memory_mb;
        let rate = arch.provisioned_duration_price_per_gb_s();
        let cost = ExactUsd::of_mb_ms(served_mb_ms, rate);
        pc_lines.push(line(
            LineItemKind::ProvisionedDuration,
            cost,
            format!(
                "{} × {} × {} MB = {} GB-s × {rate} = {} (no free tier)",
                format::thousands(u128::from(pc.requests)),
                billed_ms_words(pc.duration_ms, billed_ms),
                format::thousands(memory_mb),
                format_gb_s(served_mb_ms),
                format_cents(cost.cents_half_up())
            ),
        ));
    }

    // Ephemeral storage above 512 MB, for every billed second.
    if inputs.ephemeral_storage_mb > EPHEMERAL_STORAGE_FREE_MB {
        let extra_mb = u128::from(inputs.ephemeral_storage_mb - EPHEMERAL_STORAGE_FREE_MB);
        let billed_ms_total = invoke_ms_total + init_ms_total + pc_ms_total;
        let storage_mb_ms = billed_ms_total * extra_mb;
        let cost = ExactUsd::of_mb_ms(storage_mb_ms, EPHEMERAL_STORAGE_PRICE_PER_GB_S);
        lines.push(line(
            LineItemKind::Ephemeral,
            cost,
            format!(
                "{} s billed × {} MB extra ({} − {} MB) = {} GB-s × {} = {}",
                format::ratio(billed_ms_total, 1_000, 3),
                format::thousands(extra_mb),
                format::thousands(u128::from(inputs.ephemeral_storage_mb)),
                EPHEMERAL_STORAGE_FREE_MB,
                format_gb_s(storage_mb_ms),
                EPHEMERAL_STORAGE_PRICE_PER_GB_S,
                format_cents(cost.cents_half_up())
            ),
        ));
    }
    lines.extend(pc_lines);

    let total_cents = lines.iter().map(|line| line.cost_cents).sum();
    let total_unrounded = lines.iter().map(|line| line.unrounded_cost).sum();
    Ok(Estimate {
        inputs: inputs.clone(),
        line_items: lines,
        total_cents,
        total_unrounded,
    })
}

pub(super) fn line(kind: LineItemKind, cost: ExactUsd, arithmetic: String) -> LineItem {
    LineItem {
        kind,
        unrounded_cost: cost,
        cost_cents: cost.cents_half_up(),
        arithmetic,
    }
}

pub(super) fn tiered_cost(segments: &[TierSegment]) -> ExactUsd {
    segments
        .iter()
        .map(|segment| ExactUsd::of_mb_ms(segment.mb_ms, segment.price_per_gb_s))
        .sum()
}

/// " × $0.0000166667 = $2.33", or, across tiers,
/// ": 5,999,600,000 GB-s × $0.0000166667 + 1,000,000 GB-s × $0.0000150000 = $100,008.53".
pub(super) fn tier_words(
    segments: &[TierSegment],
    architecture: Architecture,
    start_mb_ms: u128,
    cost: ExactUsd,
) -> String {
    let total = format_cents(cost.cents_half_up());
    match segments {
        [] => {
            // Nothing billable: show the rate that the next GB-s would pay.
            let rate = split_into_tiers(architecture, start_mb_ms, 1)
                .first()
                .map_or(architecture.duration_tiers()[0].price_per_gb_s, |segment| {
                    segment.price_per_gb_s
                });
            format!(" × {rate} = {total}")
        }
        [only] => format!(" × {} = {total}", only.price_per_gb_s),
        many => {
            let parts: Vec<String> = many
                .iter()
                .map(|segment| {
                    format!(
                        "{} GB-s × {}",
                        format_gb_s(segment.mb_ms),
                        segment.price_per_gb_s
                    )
                })
                .collect();
            format!(": {} = {total}", parts.join(" + "))
        }
    }
}

/// "120 ms", or "2 ms (1.2 ms rounded up)".
pub(super) fn billed_ms_words(duration_ms: f64, billed_ms: u64) -> String {
    if duration_ms == billed_ms as f64 {
        format!("{billed_ms} ms")
    } else {
        format!("{billed_ms} ms ({} ms rounded up)", format_ms(duration_ms))
    }
}

/// "130 ms INIT", or "130 ms INIT (1.2 + 130.3 ms rounded up together = 132 ms, − 2 ms)".
pub(super) fn init_ms_words(duration_ms: f64, init_duration_ms: f64, extra_ms_each: u64) -> String {
    if init_duration_ms == extra_ms_each as f64 && duration_ms.fract() == 0.0 {
        format!("{extra_ms_each} ms INIT")
    } else {
        let billed = billed_duration_ms(duration_ms, None);
        format!(
            "{extra_ms_each} ms INIT ({} + {} ms rounded up together = {} ms, − {billed} ms)",
            format_ms(duration_ms),
            format_ms(init_duration_ms),
            billed + extra_ms_each
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Number formatting (pure; shared with the CLI and the Cost page)
// ---------------------------------------------------------------------------------------------

/// GB-s from MB-ms: "540,000".
pub fn format_gb_s(mb_ms: u128) -> String {
    format::ratio(mb_ms, MB_MS_PER_GB_S, 3)
}

/// Cents as dollars: "$1,234.56".
pub fn format_cents(cents: u64) -> String {
    format!(
        "${}.{:02}",
        format::thousands(u128::from(cents / 100)),
        cents % 100
    )
}

/// A number as typed: 120.0 as "120", 1.2 as "1.2".
pub fn format_input(value: f64) -> String {
    format!("{value}")
}

/// Milliseconds as AWS measures them, to the microsecond: 2.0073193 as "2.007", 1.2 as "1.2".
pub(super) fn format_ms(ms: f64) -> String {
    format::decimals(ms, 3)
}

/// A fraction as a percentage with at most 4 decimals: 0.01 as "1".
pub(super) fn format_percent(rate: f64) -> String {
    format::decimals(rate * 100.0, 4)
}

/// Milliseconds as seconds: "3,601 s", "0.002 s".
pub(super) fn format_seconds(ms: u128) -> String {
    format!("{} s", format::ratio(ms, 1_000, 3))
}
