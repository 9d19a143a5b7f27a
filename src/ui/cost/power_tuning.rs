//! Power tuning: the sweep of the Playground's handler across memory sizes, its charts and
//! table, and the picks (fastest, cheapest, balanced).

use super::*;

impl CostPage {
    pub(super) fn tuning(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        settings: &mut CostSettings,
        job: Option<(FunctionConfig, Arc<str>)>,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Power tuning").strong());
            model_badge(ui, TUNING_SOURCE);
        });
        ui.label(format!(
            "Runs the Playground's handler and event at each memory size from {} MB to \
             {} MB: one cold invoke (shown apart), then warm ones averaged (trimmed mean), \
             in the spirit of AWS Lambda Power Tuning.",
            crate::model::format::count(MIN_MEMORY_MB.into()),
            crate::model::format::count(MAX_MEMORY_MB.into()),
        ));
        ui.horizontal(|ui| {
            let label = ui.label("Warm runs per size");
            ui.add(egui::DragValue::new(&mut settings.sweep_runs).range(1..=50))
                .labelled_by(label.id);
            let handler = job.as_ref().map(|(config, _)| config.function_name.clone());
            let sweep = &view.jobs.sweep;
            match (sweep.is_running(), job) {
                (true, _) => {
                    ui.add(
                        egui::ProgressBar::new(sweep.progress().copied().unwrap_or_default())
                            .show_percentage()
                            .desired_width(200.0),
                    );
                    if ui.button("Cancel").clicked() {
                        commands.push(AppCommand::CancelSweep);
                    }
                }
                (false, Some((config, event_json))) => {
                    if ui
                        .button(format!("▶ Sweep {}", handler.unwrap_or_default()))
                        .on_hover_text("Uses the handler, event and timeout set in the Playground")
                        .clicked()
                    {
                        commands.push(AppCommand::StartSweep(SweepJob {
                            config,
                            event_json,
                            runs: settings.sweep_runs,
                            architecture: settings.inputs.architecture,
                        }));
                    }
                }
                (false, None) => {
                    ui.label("Set up a handler and a valid event in the Playground first.");
                }
            }
        });
        let Some(result): Option<&SweepResult> = view.jobs.sweep.latest() else {
            return;
        };
        for (memory_mb, error) in &result.failures {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{memory_mb} MB: failed with {error} (left out)"),
            );
        }
        if result.points.is_empty() {
            return;
        }
        let picks = picks(&result.points);
        let charts_rect = sweep_charts(ui, &result.points, picks);
        self.exporter.buttons(
            ui,
            &format!("power-tuning-{}", result.handler),
            charts_rect,
            || sweep_csv(&result.points),
            commands,
        );
        sweep_table(ui, &result.points, picks);
        crate::ui::widgets::measured::show(ui, &result.records);
        if let Some(pooled) = result.pooled {
            ui.label(
                RichText::new(format!(
                    "Estimates scale all {} warm runs together (trimmed mean: {:.2} ms computing, \
                     {:.2} ms waiting): this machine runs the handler at the same speed at every memory \
                     size, so each size's runs measure the same thing, and only Lambda's CPU \
                     share differs.",
                    result.pooled_runs, pooled.compute_ms, pooled.waiting_ms
                ))
                .small()
                .weak(),
            );
        }
    }
}

/// The sweep as CSV: one row per memory size.
pub fn sweep_csv(points: &[SweepPoint]) -> String {
    let mut csv = String::from(
        "memory_mb,measured_compute_ms,measured_waiting_ms,cold_init_ms,estimated_duration_ms,cost_per_invocation_usd\n",
    );
    for p in points {
        let _ = writeln!(
            csv,
            "{},{:.3},{:.3},{},{:.3},{:.12}",
            p.memory_mb,
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

pub(super) fn pick_words(point: &SweepPoint, picks: Option<tuning::Picks>) -> String {
    let Some(picks) = picks else {
        return String::new();
    };
    let mut words = Vec::new();
    if point.memory_mb == picks.cheapest_mb {
        words.push("cheapest");
    }
    if point.memory_mb == picks.fastest_mb {
        words.push("fastest");
    }
    if point.memory_mb == picks.balanced_mb {
        words.push("balanced");
    }
    words.join(", ")
}

/// Draws the duration and cost charts side by side; returns the area they cover.
pub(super) fn sweep_charts(
    ui: &mut egui::Ui,
    points: &[SweepPoint],
    picks: Option<tuning::Picks>,
) -> egui::Rect {
    let x = |p: &SweepPoint| f64::from(p.memory_mb).log2();
    let duration: Vec<[f64; 2]> = points
        .iter()
        .map(|p| [x(p), p.estimated_duration_ms])
        .collect();
    let cost: Vec<[f64; 2]> = points
        .iter()
        .map(|p| [x(p), p.cost_per_invocation_usd * 1_000_000.0])
        .collect();
    let axis = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let memory = 2f64.powf(mark.value);
        if (mark.value - mark.value.round()).abs() < 1e-6 {
            format!("{memory:.0} MB")
        } else {
            String::new()
        }
    };
    let (duration_colour, cost_colour, pick_colour) =
        (theme::cold(ui), theme::warm(ui), theme::accent(ui));
    let picked: Vec<&SweepPoint> = points
        .iter()
        .filter(|p| !pick_words(p, picks).is_empty())
        .collect();
    let full_vcpu = f64::from(FULL_VCPU_MEMORY_MB).log2();
    let top_left = ui.cursor().min;
    let cost_plot = ui.columns(2, |columns| {
        Plot::new("tuning_duration")
            .height(theme::CHART_HEIGHT)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label("memory (log scale)")
            .y_axis_label("estimated duration (ms)")
            .x_axis_formatter(axis)
            .include_y(0.0)
            .legend(Legend::default().position(Corner::RightTop))
            .show(&mut columns[0], |plot_ui| {
                plot_ui.line(
                    Line::new("duration", PlotPoints::from(duration.clone()))
                        .color(duration_colour)
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("duration", duration.clone())
                        .radius(3.0)
                        .color(duration_colour),
                );
                plot_ui.vline(
                    VLine::new(
                        format!(
                            "1 vCPU ({} MB)",
                            crate::model::format::count(FULL_VCPU_MEMORY_MB.into())
                        ),
                        full_vcpu,
                    )
                    .color(pick_colour.gamma_multiply(0.4)),
                );
            });
        let cost_plot = Plot::new("tuning_cost")
            .height(theme::CHART_HEIGHT)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label("memory (log scale)")
            .y_axis_label("USD per 1M invocations")
            .x_axis_formatter(axis)
            .include_y(0.0)
            .legend(Legend::default().position(Corner::LeftTop))
            .show(&mut columns[1], |plot_ui| {
                plot_ui.line(
                    Line::new("cost", PlotPoints::from(cost.clone()))
                        .color(cost_colour)
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("cost", cost.clone())
                        .radius(3.0)
                        .color(cost_colour),
                );
                for p in &picked {
                    plot_ui.points(
                        Points::new(
                            format!("{} MB: {}", p.memory_mb, pick_words(p, picks)),
                            vec![[x(p), p.cost_per_invocation_usd * 1_000_000.0]],
                        )
                        .radius(7.0)
                        .filled(false)
                        .color(pick_colour),
                    );
                }
            });
        cost_plot.response
    });
    picture_rect(ui, top_left, &cost_plot)
}

pub(super) fn sweep_table(ui: &mut egui::Ui, points: &[SweepPoint], picks: Option<tuning::Picks>) {
    egui::Grid::new("tuning_table")
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "memory",
                "computing here",
                "waiting here",
                "cold init (apart)",
                "Lambda estimate",
                "per 1M invocations",
                "",
            ] {
                ui.label(RichText::new(heading).weak());
            }
            ui.end_row();
            for p in points {
                ui.label(format!("{} MB", p.memory_mb));
                ui.label(format!("{:.2} ms", p.measured.compute_ms));
                ui.label(format!("{:.2} ms", p.measured.waiting_ms));
                ui.label(
                    p.cold_init_ms
                        .map_or("–".to_owned(), |ms| format!("{ms:.1} ms")),
                );
                ui.label(format!("{:.2} ms", p.estimated_duration_ms));
                ui.label(format!("${:.2}", p.cost_per_invocation_usd * 1_000_000.0));
                ui.label(RichText::new(pick_words(p, picks)).strong());
                ui.end_row();
            }
        });
}
