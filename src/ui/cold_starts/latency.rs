//! Latency as the caller sees it: percentiles with and without cold starts, and the same
//! traffic on four runtimes.

use super::*;

pub(super) const PERCENTILE_NAMES: [&str; 4] = ["p50", "p90", "p99", "max"];

pub(super) fn percentile_values(percentiles: &Percentiles) -> [f64; 4] {
    [
        percentiles.p50_ms,
        percentiles.p90_ms,
        percentiles.p99_ms,
        percentiles.max_ms,
    ]
}

pub(super) fn latency(
    ui: &mut egui::Ui,
    inputs: &ScenarioInputs,
    run: &ScenarioRun,
    trimmed: &mut bool,
) {
    chart_title(ui, "Latency percentiles", LATENCY_SOURCE);
    ui.horizontal(|ui| {
        ui.selectable_value(trimmed, false, "Raw: every served request")
            .on_hover_text("What callers see, cold starts included");
        ui.selectable_value(trimmed, true, "Trimmed: cold starts removed")
            .on_hover_text("What dashboards show when cold starts are filtered out");
    });
    let summary = &run.result.summary;
    let chosen = if *trimmed {
        &summary.latency_warm
    } else {
        &summary.latency
    };
    if run.comparison.is_empty() {
        if chosen.count == 0 {
            ui.label(
                RichText::new(if *trimmed {
                    "Every served request was a cold start: nothing is left once they are trimmed."
                } else {
                    "No request was served."
                })
                .weak(),
            );
        } else {
            percentile_chart(ui, chosen);
        }
    } else if *trimmed
        && run.comparison.iter().all(|row| match &row.outcome {
            Ok((_, summary)) => summary.latency_warm.count == 0,
            Err(_) => true,
        })
    {
        ui.label(
            RichText::new(
                "Every served request was a cold start on every runtime: nothing is left once \
                 they are trimmed.",
            )
            .weak(),
        );
    } else {
        comparison_chart(ui, &run.comparison, *trimmed);
    }
    latency_table(ui, summary);
    if !run.comparison.is_empty() {
        comparison_table(ui, inputs, &run.comparison);
    }
}

pub(super) fn percentile_chart(ui: &mut egui::Ui, percentiles: &Percentiles) {
    let values = percentile_values(percentiles);
    let colours: Vec<egui::Color32> = (0..4).map(|index| theme::percentile(ui, index)).collect();
    plot("sim_latency", "percentile".to_owned(), "latency (ms)")
        .height(theme::CHART_HEIGHT * 0.8)
        .show_x(false)
        .x_axis_formatter(|mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && (0.0..4.0).contains(&index) {
                PERCENTILE_NAMES[index as usize].to_owned()
            } else {
                String::new()
            }
        })
        .include_x(-0.6)
        .include_x(3.6)
        // Room above the tallest bar for its value.
        .include_y(values.iter().copied().fold(0.0, f64::max) * 1.2)
        .show(ui, |plot_ui| {
            for (index, (name, value)) in PERCENTILE_NAMES.iter().zip(values).enumerate() {
                plot_ui.bar_chart(
                    BarChart::new(
                        *name,
                        vec![
                            Bar::new(index as f64, value)
                                .width(0.6)
                                .name(*name)
                                .fill(colours[index].gamma_multiply(0.75))
                                .stroke(egui::Stroke::new(1.0, colours[index])),
                        ],
                    )
                    .color(colours[index])
                    .element_formatter(Box::new(|bar, _| {
                        format!("{}: {} ms", bar.name, format::decimals(bar.value, 2))
                    })),
                );
                // No name: value labels stay out of the legend.
                plot_ui.text(
                    egui_plot::Text::new(
                        "",
                        egui_plot::PlotPoint::new(index as f64, value),
                        RichText::new(format!("{} ms", format::decimals(value.round(), 2)))
                            .strong(),
                    )
                    .anchor(egui::Align2::CENTER_BOTTOM),
                );
            }
        });
}

pub(super) fn comparison_chart(ui: &mut egui::Ui, comparison: &[ComparedRuntime], trimmed: bool) {
    let names: Vec<String> = comparison
        .iter()
        .map(|row| row.runtime.to_owned())
        .collect();
    let colours: Vec<egui::Color32> = (0..3).map(|index| theme::percentile(ui, index)).collect();
    let values: Vec<Option<[f64; 4]>> = comparison
        .iter()
        .map(|row| match &row.outcome {
            Ok((_, summary)) => {
                let percentiles = if trimmed {
                    &summary.latency_warm
                } else {
                    &summary.latency
                };
                (percentiles.count > 0).then(|| percentile_values(percentiles))
            }
            Err(_) => None,
        })
        .collect();
    let entries: Vec<LegendEntry> = PERCENTILE_NAMES
        .iter()
        .take(3)
        .zip(&colours)
        .map(|(name, colour)| LegendEntry::new(*colour, *name, Swatch::Area))
        .collect();
    legend_row(ui, &entries);
    plot("sim_latency_compare", "runtime".to_owned(), "latency (ms)")
        .height(theme::CHART_HEIGHT)
        .show_x(false)
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                names.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .include_x(-0.6)
        .include_x(comparison.len() as f64 - 0.4)
        .show(ui, |plot_ui| {
            for (percentile, name) in PERCENTILE_NAMES.iter().take(3).enumerate() {
                let bars = values
                    .iter()
                    .enumerate()
                    .filter_map(|(index, value)| {
                        value.map(|value| {
                            Bar::new(
                                index as f64 + (percentile as f64 - 1.0) * 0.25,
                                value[percentile],
                            )
                            .width(0.22)
                            .name(comparison[index].runtime)
                            .fill(colours[percentile].gamma_multiply(0.75))
                            .stroke(egui::Stroke::new(1.0, colours[percentile]))
                        })
                    })
                    .collect();
                let label = *name;
                plot_ui.bar_chart(
                    BarChart::new(*name, bars)
                        .color(colours[percentile])
                        .element_formatter(Box::new(move |bar, _| {
                            format!(
                                "{}, {label}: {} ms",
                                bar.name,
                                format::decimals(bar.value, 2)
                            )
                        })),
                );
            }
        });
}

pub(super) fn latency_table(ui: &mut egui::Ui, summary: &Summary) {
    ui.add_space(4.0);
    egui::Grid::new("latency_table")
        .num_columns(7)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("latency (ms)").weak());
            for name in PERCENTILE_NAMES {
                ui.label(RichText::new(name).strong());
            }
            ui.label(RichText::new("mean").strong());
            ui.label(RichText::new("requests").strong());
            ui.end_row();
            for (label, percentiles) in [
                ("Raw (cold starts included)", &summary.latency),
                ("Trimmed (cold starts removed)", &summary.latency_warm),
            ] {
                ui.label(label);
                if percentiles.count == 0 {
                    for _ in 0..5 {
                        ui.label("–");
                    }
                } else {
                    for value in percentile_values(percentiles) {
                        ui.label(format::decimals(value, 2));
                    }
                    ui.label(format::decimals(percentiles.mean_ms, 2));
                }
                ui.label(group(percentiles.count));
                ui.end_row();
            }
        });
}

pub(super) fn comparison_table(
    ui: &mut egui::Ui,
    inputs: &ScenarioInputs,
    comparison: &[ComparedRuntime],
) {
    chart_title(
        ui,
        &format!(
            "The same traffic on four runtimes ({}, {}, {} MB)",
            inputs.package, inputs.arch, inputs.memory_mb
        ),
        SIMULATOR_SOURCE,
    );
    egui::Grid::new("comparison_table")
        .num_columns(6)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for title in ["Runtime", "Init median", "Cold starts", "p50", "p90", "p99"] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for row in comparison {
                match &row.outcome {
                    Ok((init, summary)) => {
                        ui.label(init.lookup.record.runtime.as_str());
                        ui.label(format!("{} ms", format::decimals(init.median_ms(), 2)));
                        ui.label(group(summary.cold_starts));
                        for value in [
                            summary.latency.p50_ms,
                            summary.latency.p90_ms,
                            summary.latency.p99_ms,
                        ] {
                            ui.label(format!("{} ms", format::decimals(value, 2)));
                        }
                    }
                    Err(error) => {
                        ui.label(row.runtime);
                        ui.label(RichText::new(error.to_string()).color(theme::error_colour(ui)));
                    }
                }
                ui.end_row();
            }
        });
    ui.label(
        RichText::new("Latencies include cold starts (raw); the chart follows the switch above.")
            .small()
            .weak(),
    );
}

// ---------------------------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------------------------
