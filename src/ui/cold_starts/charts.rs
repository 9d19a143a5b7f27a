//! The simulator's charts over time: requests, cold starts, concurrency and environments,
//! on a time axis in a readable unit, with hover read-outs.

use super::*;

/// The time axis of a chart: the unit the duration reads best in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeAxis {
    pub unit_ms: f64,
    pub unit: &'static str,
}

impl TimeAxis {
    /// Seconds up to 2 minutes, minutes up to 3 hours, hours up to 3 days, then days.
    pub fn for_duration_ms(duration_ms: f64) -> Self {
        let (unit_ms, unit) = if duration_ms <= 120_000.0 {
            (1_000.0, "s")
        } else if duration_ms <= 3.0 * 3_600_000.0 {
            (60_000.0, "min")
        } else if duration_ms <= 3.0 * 86_400_000.0 {
            (3_600_000.0, "h")
        } else {
            (86_400_000.0, "days")
        };
        Self { unit_ms, unit }
    }

    pub fn label(&self) -> String {
        format!("time since the start ({})", self.unit)
    }

    fn x(&self, time_ms: f64) -> f64 {
        time_ms / self.unit_ms
    }
}

/// The bucket a point of a chart belongs to: charts put bucket `i` at `(i + 1) × step` (the
/// environment counts are at the bucket's end), and bars at its middle.
pub fn bucket_at(x: f64, axis: TimeAxis, step_ms: f64, buckets: usize) -> Option<usize> {
    if buckets == 0 || !x.is_finite() || step_ms <= 0.0 {
        return None;
    }
    let index = (x * axis.unit_ms / step_ms - 0.5).round();
    Some((index.max(0.0) as usize).min(buckets - 1))
}

/// The hover read-out of one bucket.
pub fn bucket_words(bucket: &SeriesBucket, step_ms: f64) -> String {
    let start_secs = bucket.start_ms / 1000.0;
    let end_secs = (bucket.start_ms + step_ms) / 1000.0;
    let provisioned = if bucket.provisioned > 0 {
        format!(" ({} provisioned)", bucket.provisioned)
    } else {
        String::new()
    };
    format!(
        "{} to {} after the start\n{} requests · {} cold starts · {} throttles\npeak concurrency {}\n\
         at the end: {} initialising · {} busy · {} idle{provisioned}",
        format_clock(start_secs),
        format_clock(end_secs),
        group(u64::from(bucket.requests)),
        group(u64::from(bucket.cold_starts)),
        group(u64::from(bucket.throttles)),
        bucket.peak_concurrency,
        bucket.initialising,
        bucket.busy,
        bucket.idle,
    )
}

/// Seconds since the start as a short time: "0 s", "12.4 s", "5 min", "1 h 5 min".
pub(super) fn format_clock(secs: f64) -> String {
    if secs == 0.0 {
        "0 s".to_owned()
    } else {
        format::duration_words(secs)
    }
}

/// A plot with the page's settings: no pan or zoom (the page scrolls instead), a legend, axes
/// with units, and a hover read-out.
pub(super) fn plot<'a>(id: &str, x_label: String, y_label: &str) -> Plot<'a> {
    Plot::new(id.to_owned())
        .height(theme::CHART_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label(x_label)
        .y_axis_label(y_label.to_owned())
        .y_axis_min_width(36.0)
        .include_y(0.0)
}

/// The legend of a chart with several series: top right, where the headroom is.
pub(super) fn legend() -> Legend {
    Legend::default()
        .position(Corner::RightTop)
        .text_style(egui::TextStyle::Small)
        .background_alpha(0.8)
        // In drawing order, which is the stacking order, top first.
        .follow_insertion_order(true)
}

/// The top of a chart's y axis: room above the data for the legend, which sits inside.
pub(super) fn legend_headroom(highest: u32) -> f64 {
    (f64::from(highest) * 1.5).max(2.0)
}

pub(super) fn chart_title(ui: &mut egui::Ui, title: &str, source: &str) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong());
        model_badge(ui, source);
    });
}

pub(super) fn charts(ui: &mut egui::Ui, inputs: &ScenarioInputs, result: &SimResult) {
    let series = &result.series;
    let step_ms = result.step_ms;
    let axis = TimeAxis::for_duration_ms(inputs.duration_secs * 1000.0);
    let end_x = |index: usize| axis.x((index + 1) as f64 * step_ms);
    let line = |pick: &dyn Fn(&SeriesBucket) -> u32| -> PlotPoints<'static> {
        std::iter::once([0.0, 0.0])
            .chain(
                series
                    .iter()
                    .enumerate()
                    .map(|(index, bucket)| [end_x(index), f64::from(pick(bucket))]),
            )
            .collect()
    };
    // Lines put bucket `i` at its end, bars at its middle: `shift` moves the pointer's x to
    // the middle before looking the bucket up.
    let hover = |shift: f64| {
        move |position: &HoverPosition<'_>| {
            let x = match position {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => position.x,
            };
            let index = bucket_at(x - shift, axis, step_ms, series.len())?;
            series
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
        }
    };

    chart_title(
        ui,
        "Concurrency and execution environments over time",
        SIMULATOR_SOURCE,
    );
    let (cold, busy, idle, provisioned, concurrency) = (
        theme::cold(ui),
        theme::busy(ui),
        theme::idle(ui),
        theme::provisioned(ui),
        theme::concurrency(ui),
    );
    let any_provisioned = series.iter().any(|bucket| bucket.provisioned > 0);
    let highest = series
        .iter()
        .map(|b| (b.initialising + b.busy + b.idle).max(b.peak_concurrency))
        .max()
        .unwrap_or(0);
    plot("sim_environments", axis.label(), "environments")
        .legend(legend())
        .include_y(legend_headroom(highest))
        .label_formatter(hover(axis.x(step_ms) / 2.0))
        .show(ui, |plot_ui| {
            // Stacked: each line is the sum of its state and the ones below it.
            plot_ui.line(
                Line::new("idle", line(&|b| b.initialising + b.busy + b.idle))
                    .color(idle)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            plot_ui.line(
                Line::new("busy", line(&|b| b.initialising + b.busy))
                    .color(busy)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            plot_ui.line(
                Line::new("initialising (cold start)", line(&|b| b.initialising))
                    .color(cold)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            if any_provisioned {
                plot_ui.line(
                    Line::new("of which provisioned", line(&|b| b.provisioned))
                        .color(provisioned)
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            plot_ui.line(
                Line::new(
                    "peak concurrency (requests in flight)",
                    line(&|b| b.peak_concurrency),
                )
                .color(concurrency)
                .width(2.0),
            );
        });
    ui.label(
        RichText::new(format!(
            "Environments by state at the end of each {} (stacked: idle on top of busy on top \
             of initialising); concurrency is the most requests in flight during it. Hover for \
             the numbers.",
            format::duration_words(step_ms / 1000.0)
        ))
        .small()
        .weak(),
    );

    chart_title(ui, "Cold starts and throttles over time", SIMULATOR_SOURCE);
    let bar_width = axis.x(step_ms) * 0.9;
    let shared: Arc<Vec<SeriesBucket>> = Arc::new(series.clone());
    let bars = |pick: fn(&SeriesBucket) -> u32| -> Vec<Bar> {
        series
            .iter()
            .enumerate()
            .map(|(index, bucket)| {
                Bar::new(
                    axis.x((index as f64 + 0.5) * step_ms),
                    f64::from(pick(bucket)),
                )
                .width(bar_width)
            })
            .collect()
    };
    let formatter = |shared: Arc<Vec<SeriesBucket>>| {
        Box::new(move |bar: &Bar, _: &BarChart| {
            let index = ((bar.argument * axis.unit_ms / step_ms) - 0.5)
                .round()
                .max(0.0) as usize;
            shared
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
                .unwrap_or_default()
        }) as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    let cold_chart = BarChart::new("cold starts", bars(|b| b.cold_starts))
        .color(cold)
        .element_formatter(formatter(shared.clone()));
    let throttle_chart = BarChart::new("throttles (HTTP 429)", bars(|b| b.throttles))
        .color(theme::throttled(ui))
        .element_formatter(formatter(shared))
        .stack_on(&[&cold_chart]);
    let highest = series
        .iter()
        .map(|b| b.cold_starts + b.throttles)
        .max()
        .unwrap_or(0);
    plot(
        "sim_cold_starts",
        axis.label(),
        &format!("per {}", format::duration_words(step_ms / 1000.0)),
    )
    .legend(legend())
    .include_y(legend_headroom(highest))
    .label_formatter(hover(0.0))
    .show(ui, |plot_ui| {
        plot_ui.bar_chart(cold_chart);
        plot_ui.bar_chart(throttle_chart);
    });
}

// ---------------------------------------------------------------------------------------------
// Latency
// ---------------------------------------------------------------------------------------------
