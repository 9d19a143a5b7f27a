//! The simulator's results: problems explained, the summary cards, and what the scenario
//! would cost in a month.

use super::*;

pub(super) fn results(
    ui: &mut egui::Ui,
    settings: &ColdStartsSettings,
    edited: &mut ColdStartsSettings,
    simulation: &SimulationWorker,
) {
    let Some(finished) = simulation.latest() else {
        return;
    };
    let run = match &finished.outcome {
        Ok(run) => run,
        Err(error) => {
            if finished.inputs == settings.scenario {
                problem(
                    ui,
                    "The simulator cannot run these inputs",
                    &error.to_string(),
                    "Change that input on the left; every other result waits for it.",
                );
            }
            return;
        }
    };
    // While new inputs simulate, the previous result stays (dimming it would flicker on every
    // slider step); the status line above says a newer one is coming.
    summary_cards(ui, &finished.inputs, run);
    ui.add_space(6.0);
    charts(ui, &finished.inputs, &run.result);
    latency(ui, &finished.inputs, run, &mut edited.latency_trimmed);
    ui.add_space(10.0);
    cost(ui, &finished.inputs, run);
}

/// A problem and what to do about it, in the error colours.
pub(super) fn problem(ui: &mut egui::Ui, title: &str, message: &str, fix: &str) {
    egui::Frame::new()
        .fill(theme::error_fill(ui))
        .stroke(egui::Stroke::new(1.0, theme::error_colour(ui)))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("⚠ {title}"))
                    .strong()
                    .color(theme::error_colour(ui)),
            );
            ui.label(format!("{message}."));
            ui.label(fix);
        });
}

pub(super) fn group(count: u64) -> String {
    format::count(count)
}

pub(super) fn summary_cards(ui: &mut egui::Ui, inputs: &ScenarioInputs, run: &ScenarioRun) {
    let summary = &run.result.summary;
    let served = summary.warm_starts + summary.cold_starts;
    let latency = &summary.latency;
    let (p50, p99) = if latency.count == 0 {
        ("none".to_owned(), "no request served".to_owned())
    } else {
        (
            format!("{} ms", format::decimals(latency.p50_ms.round(), 2)),
            format!("p99 {} ms", format::decimals(latency.p99_ms.round(), 2)),
        )
    };
    let cards = [
        (
            "Requests",
            group(summary.requests),
            format!("in {}", format::duration_words(inputs.duration_secs)),
            SIMULATOR_SOURCE,
        ),
        (
            "Cold starts",
            group(summary.cold_starts),
            format!("{} of served", percent(summary.cold_starts, served)),
            SIMULATOR_SOURCE,
        ),
        (
            "Throttles",
            group(summary.throttles),
            format!(
                "{} got HTTP 429",
                percent(summary.throttles, summary.requests)
            ),
            SIMULATOR_SOURCE,
        ),
        (
            "Peak concurrency",
            group(u64::from(summary.peak_concurrency)),
            "requests in flight".to_owned(),
            SIMULATOR_SOURCE,
        ),
        (
            "Environments",
            group(summary.environments_created + summary.provisioned_environments_created),
            format!("{} reclaimed idle", group(summary.environments_reclaimed)),
            SIMULATOR_SOURCE,
        ),
        ("Latency p50", p50, p99, LATENCY_SOURCE),
    ];
    // As many cards a row as fit (a row that overflows would be cut off, not wrapped).
    let spacing = ui.spacing().item_spacing.x;
    let per_row = ((ui.available_width() + spacing) / (theme::STAT_MIN_WIDTH + spacing))
        .floor()
        .clamp(1.0, cards.len() as f32) as usize;
    let per_row = cards.len().div_ceil(cards.len().div_ceil(per_row));
    for row in cards.chunks(per_row) {
        ui.columns(per_row, |columns| {
            for (ui, (name, value, detail, source)) in columns.iter_mut().zip(row) {
                stat(ui, name, value, detail, source);
            }
        });
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Cold starts by reason: first request {} · all environments busy {} · replacing an \
             environment reclaimed after idling {}. Throttled by: reserved concurrency {} · \
             account limit {} · scaling rate {}.",
            group(summary.cold_first_request),
            group(summary.cold_all_busy),
            group(summary.cold_idle_expiry),
            group(summary.throttles_reserved),
            group(summary.throttles_account),
            group(summary.throttles_scaling),
        ))
        .small(),
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Requests by outcome").strong());
        model_badge(ui, SIMULATOR_SOURCE);
    });
    share_bar(
        ui,
        &[
            Share {
                label: "warm",
                count: summary.warm_starts,
                colour: theme::warm(ui),
            },
            Share {
                label: "cold start",
                count: summary.cold_starts,
                colour: theme::cold(ui),
            },
            Share {
                label: "throttled",
                count: summary.throttles,
                colour: theme::throttled(ui),
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Time-series charts
// ---------------------------------------------------------------------------------------------

pub(super) fn cost(ui: &mut egui::Ui, inputs: &ScenarioInputs, run: &ScenarioRun) {
    chart_title(
        ui,
        "Monthly cost if this traffic went on for 30 days",
        pricing::PRICE_SOURCE,
    );
    let bills = &run.bills;
    if let Some(first) = bills.on_demand.derivation.first() {
        ui.label(RichText::new(first).small());
    }
    ui.add_space(4.0);
    ui.columns(2, |columns| {
        let [left, right] = columns else {
            return;
        };
        // Columns lay out justified, which spreads wrapped words apart.
        let top_down = egui::Layout::top_down(egui::Align::Min);
        left.with_layout(top_down, |ui| {
            bill_column(
                ui,
                "On demand (no provisioned concurrency)",
                &bills.on_demand,
            );
        });
        right.with_layout(top_down, |ui| match &bills.with_provisioned {
            Some(bill) => bill_column(
                ui,
                &format!(
                    "With provisioned concurrency {}",
                    group(u64::from(inputs.provisioned))
                ),
                bill,
            ),
            None => {
                ui.label(RichText::new("With provisioned concurrency").strong());
                ui.label(
                    RichText::new(
                        "Set provisioned concurrency above 0 to see what keeping environments \
                         warm all month costs, next to this bill.",
                    )
                    .weak(),
                );
            }
        });
    });
    ui.label(
        RichText::new(format!(
            "Prices: {}. Free tier applied (1M requests and 400,000 GB-s a month).",
            pricing::PRICE_SOURCE
        ))
        .small()
        .weak(),
    );
}

pub(super) fn bill_column(ui: &mut egui::Ui, title: &str, bill: &Bill) {
    ui.label(RichText::new(title).strong());
    match &bill.estimate {
        Ok(estimate) => {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(pricing::format_cents(estimate.total_cents))
                        .size(theme::STAT_VALUE_SIZE)
                        .strong(),
                );
                ui.label(RichText::new("a month").weak());
                model_badge(ui, pricing::PRICE_SOURCE);
            });
            for line in bill.derivation.iter().skip(1) {
                ui.label(RichText::new(line).small());
            }
            ui.add_space(4.0);
            line_items(ui, estimate);
        }
        Err(error) => {
            ui.label(
                RichText::new(format!("{error}. Allowed: {}.", error.allowed()))
                    .color(theme::error_colour(ui)),
            );
        }
    }
}

pub(super) fn line_items(ui: &mut egui::Ui, estimate: &Estimate) {
    for line in &estimate.line_items {
        ui.horizontal(|ui| {
            ui.label(line.kind.label());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(pricing::format_cents(line.cost_cents)).strong());
            });
        });
        ui.label(RichText::new(&line.arithmetic).small().weak());
    }
    ui.label(
        RichText::new(format!("Total: {}", estimate.total_arithmetic()))
            .small()
            .strong(),
    );
}

// ---------------------------------------------------------------------------------------------
// Runtime comparison (lambda-perf)
// ---------------------------------------------------------------------------------------------
