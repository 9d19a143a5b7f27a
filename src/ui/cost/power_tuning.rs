//! Power tuning: a handler and payload swept across memory sizes on x86_64 and arm64, one
//! combined chart of duration and cost, the table, and the pick of the chosen strategy (cost,
//! speed or balanced), as AWS Lambda Power Tuning reports them.

use super::tuning_chart::sweep_chart;
use super::tuning_setup::{Checked, event_words, setup, sweep_event};
use super::*;
use crate::model::tuning::Strategy;

impl CostPage {
    pub(super) fn tuning(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        settings: &mut CostSettings,
        source: SweepSource,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Power tuning").strong());
            model_badge(ui, TUNING_SOURCE);
        });
        ui.label(
            "Runs a handler with a payload at each memory size: one cold invoke (shown apart), \
             then warm ones averaged (trimmed mean), and recommends a size by cost, speed or a \
             balance of both, as AWS Lambda Power Tuning does.",
        );
        let checked = setup(ui, view, settings, commands);
        sweep_row(ui, view, settings, source, checked, commands);
        let Some(result): Option<&SweepResult> = view.jobs.sweep.latest() else {
            return;
        };
        self.results(ui, settings, result, commands);
    }

    fn results(
        &mut self,
        ui: &mut egui::Ui,
        settings: &CostSettings,
        result: &SweepResult,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("{} with {}", result.handler, result.event_name)).strong());
        if let Some(error) = &result.event_error {
            ui.colored_label(theme::error_colour(ui), error);
            return;
        }
        for (memory_mb, error) in &result.failures {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{memory_mb} MB: failed with {error} (left out)"),
            );
        }
        if result.points.is_empty() {
            return;
        }
        let weight = settings.sweep_balanced_weight;
        let picks = picks(&result.points, weight);
        if let Some(picks) = picks {
            recommendation(ui, settings.sweep_strategy, weight, picks);
        }
        let chart_rect = sweep_chart(ui, &result.points, picks, settings.sweep_strategy);
        self.exporter.buttons(
            ui,
            &format!("power-tuning-{}", result.handler),
            chart_rect,
            || sweep_csv(&result.points),
            commands,
        );
        sweep_table(ui, &result.points, picks, settings.sweep_strategy);
        crate::ui::widgets::measured::show(ui, &result.records);
        if let Some(pooled) = result.pooled {
            ui.label(
                RichText::new(format!(
                    "Estimates scale all {} warm runs together (trimmed mean: {:.2} ms computing, \
                     {:.2} ms waiting): this machine runs the handler at the same speed at every \
                     memory size, so each size's runs measure the same thing, and only Lambda's \
                     CPU share differs. The handler ran once per size; arm64 rows are the same \
                     runs priced at arm64 rates.",
                    result.pooled_runs, pooled.compute_ms, pooled.waiting_ms
                ))
                .small()
                .weak(),
            );
        }
    }
}

/// The Sweep button (or progress and Cancel), or why a sweep cannot start.
fn sweep_row(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &CostSettings,
    source: SweepSource,
    checked: Checked,
    commands: &mut Vec<AppCommand>,
) {
    let sweep = &view.jobs.sweep;
    ui.horizontal_wrapped(|ui| {
        if sweep.is_running() {
            ui.add(
                egui::ProgressBar::new(sweep.progress().copied().unwrap_or_default())
                    .show_percentage()
                    .desired_width(200.0),
            );
            if ui.button("Cancel").clicked() {
                commands.push(AppCommand::CancelSweep);
            }
            return;
        }
        let event = sweep_event(&settings.sweep_event, view, &source.event);
        let ready = match (
            source.config,
            event,
            checked.memory_mb,
            checked.architectures,
        ) {
            (Ok(config), Ok(event), Ok(memory_mb), Ok(architectures)) => Ok(SweepJob {
                config,
                event,
                event_name: event_words(&settings.sweep_event, view.samples.events.as_ref().ok()),
                runs: settings.sweep_runs,
                memory_mb,
                architectures,
            }),
            (Err(reason), ..) | (_, Err(reason), ..) => Err(Some(reason)),
            // Said under their fields already.
            _ => Err(None),
        };
        let sizes = ready.as_ref().map_or(0, |job| job.memory_mb.len());
        let label = format!("▶ Sweep {}", view.state.playground.handler);
        let button = ui
            .add_enabled(ready.is_ok(), egui::Button::new(label))
            .on_hover_text(format!(
                "{sizes} memory sizes × {} runs, with the Playground's timeout, environment and \
                 layers",
                settings.sweep_runs + 1
            ));
        match ready {
            Ok(job) => {
                if button.clicked() {
                    commands.push(AppCommand::StartSweep(job));
                }
            }
            Err(Some(reason)) => {
                ui.label(RichText::new(reason).color(ui.visuals().warn_fg_color));
            }
            Err(None) => {}
        }
    });
}

/// The chosen strategy's pick, in a sentence.
fn recommendation(ui: &mut egui::Ui, strategy: Strategy, weight: f64, picks: tuning::Picks) {
    let pick = picks.of(strategy);
    let by = match strategy {
        Strategy::Cost => "Cheapest".to_owned(),
        Strategy::Speed => "Fastest".to_owned(),
        Strategy::Balanced => format!("Balanced (weight {weight:.2})"),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{by}: {} MB on {} — {:.2} ms, ${:.2} per 1M invocations",
                crate::model::format::count(pick.memory_mb.into()),
                pick.architecture,
                pick.estimated_duration_ms,
                pick.cost_per_invocation_usd * 1_000_000.0
            ))
            .strong()
            .color(theme::accent(ui)),
        );
        model_badge(
            ui,
            "A recommendation from modelled durations and AWS prices, not from a run on AWS.",
        );
    });
}

/// The sweep as CSV: one row per memory size and architecture.
pub fn sweep_csv(points: &[SweepPoint]) -> String {
    let mut csv = String::from(
        "memory_mb,architecture,measured_compute_ms,measured_waiting_ms,cold_init_ms,estimated_duration_ms,cost_per_invocation_usd\n",
    );
    for p in points {
        let _ = writeln!(
            csv,
            "{},{},{:.3},{:.3},{},{:.3},{:.12}",
            p.memory_mb,
            p.architecture,
            p.measured.compute_ms,
            p.measured.waiting_ms,
            p.cold_init_ms
                .map_or(String::new(), |ms| format!("{ms:.3}")),
            p.estimated_duration_ms,
            p.cost_per_invocation_usd
        );
    }
    csv
}

/// The strategies that pick `point`: "cheapest", "fastest, balanced".
pub(super) fn pick_words(point: &SweepPoint, picks: Option<tuning::Picks>) -> String {
    let Some(picks) = picks else {
        return String::new();
    };
    let same = |other: SweepPoint| {
        other.memory_mb == point.memory_mb && other.architecture == point.architecture
    };
    let mut words = Vec::new();
    if same(picks.cheapest) {
        words.push("cheapest");
    }
    if same(picks.fastest) {
        words.push("fastest");
    }
    if same(picks.balanced) {
        words.push("balanced");
    }
    words.join(", ")
}

pub(super) fn sweep_table(
    ui: &mut egui::Ui,
    points: &[SweepPoint],
    picks: Option<tuning::Picks>,
    strategy: Strategy,
) {
    let chosen = picks.map(|picks| picks.of(strategy));
    // Scrolls sideways in a narrow window instead of widening (and cutting) the page.
    egui::ScrollArea::horizontal()
        .id_salt("tuning_table_scroll")
        .show(ui, |ui| table_grid(ui, points, picks, chosen));
}

fn table_grid(
    ui: &mut egui::Ui,
    points: &[SweepPoint],
    picks: Option<tuning::Picks>,
    chosen: Option<SweepPoint>,
) {
    egui::Grid::new("tuning_table")
        .striped(true)
        .show(ui, |ui| {
            // Which columns are measured here and which are modelled, above their names.
            for group in ["", "", "measured here", "", "model", "", ""] {
                ui.label(RichText::new(group).small().weak());
            }
            ui.end_row();
            for heading in [
                "memory",
                "arch",
                "computing + waiting",
                "cold init",
                "Lambda duration",
                "per 1M",
                "pick",
            ] {
                ui.label(RichText::new(heading).weak());
            }
            ui.end_row();
            for p in points {
                let is_chosen = chosen.is_some_and(|c| {
                    c.memory_mb == p.memory_mb && c.architecture == p.architecture
                });
                let text = |words: String| {
                    if is_chosen {
                        RichText::new(words).strong()
                    } else {
                        RichText::new(words)
                    }
                };
                ui.label(text(format!("{} MB", p.memory_mb)));
                ui.label(text(p.architecture.to_string()));
                ui.label(format!(
                    "{:.2} + {:.2} ms",
                    p.measured.compute_ms, p.measured.waiting_ms
                ));
                ui.label(
                    p.cold_init_ms
                        .map_or("–".to_owned(), |ms| format!("{ms:.1} ms")),
                );
                ui.label(text(format!("{:.2} ms", p.estimated_duration_ms)));
                ui.label(text(format!(
                    "${:.2}",
                    p.cost_per_invocation_usd * 1_000_000.0
                )));
                ui.label(RichText::new(pick_words(p, picks)).strong());
                ui.end_row();
            }
        });
}
