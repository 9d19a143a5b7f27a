//! The simulator's charts over time: requests, cold starts, concurrency and environments,
//! on a time axis in a readable unit, with hover read-outs.

use super::*;

/// The bucket a point of a chart belongs to, from its x in ms: charts put bucket `i` at
/// `(i + 1) × step` (the environment counts are at the bucket's end), and bars at its middle.
pub fn bucket_at(x_ms: f64, step_ms: f64, buckets: usize) -> Option<usize> {
    if buckets == 0 || !x_ms.is_finite() || step_ms <= 0.0 {
        return None;
    }
    let index = (x_ms / step_ms - 0.5).round();
    Some((index.max(0.0) as usize).min(buckets - 1))
}

/// Where something happens in a run, in ms: from the start of the first bucket with requests,
/// initialising or busy environments, to the end of the last one. `None` when nothing does.
/// Idle environments do not count: they wait out the rest of a short run after a burst, and
/// fitting them would squeeze the burst back into one spike.
pub fn activity_ms(series: &[SeriesBucket], step_ms: f64) -> Option<(f64, f64)> {
    let active = |bucket: &&SeriesBucket| {
        bucket.requests > 0
            || bucket.initialising > 0
            || bucket.busy > 0
            || bucket.peak_concurrency > 0
            || bucket.throttles > 0
    };
    let first = series.iter().find(active)?;
    let last = series.iter().rev().find(active)?;
    Some((first.start_ms, last.start_ms + step_ms))
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

/// A plot with the page's settings: fixed (the page scrolls instead; charts over time are
/// made zoomable with [`time_plot`]), axes with units, no legend inside (a row above it names
/// the series).
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

/// The id of a simulator chart over time (tests read its view through it).
pub fn chart_id(name: &str) -> egui::Id {
    egui::Id::unique(("cold_starts_chart", name))
}

/// A chart over time, x in ms: fitted to the run's activity with a margin, zoomable and
/// pannable along x, with round time ticks in the unit of the visible span.
pub(super) fn time_plot<'a>(
    ui: &egui::Ui,
    name: &str,
    y_label: &str,
    fit: (f64, f64),
    data_key: u64,
    reset: bool,
) -> Plot<'a> {
    let plot = plot(name, "time since the start".to_owned(), y_label)
        .default_x_bounds(fit.0, fit.1)
        .x_grid_spacer(time_grid)
        .x_axis_formatter(|mark, range| time_tick(mark.value, range));
    zoomable(plot, ui, chart_id(name), data_key, reset)
}

/// Where a run's charts start, in ms: its activity with a margin, or the whole run.
pub(super) fn fitted_range(inputs: &ScenarioInputs, result: &SimResult) -> (f64, f64) {
    let whole_ms = inputs.duration_secs * 1000.0;
    match activity_ms(&result.series, result.step_ms) {
        // At least four buckets wide, so a one-bucket burst still shows as bars.
        Some((first, last)) => fit_range(first, last, whole_ms, result.step_ms * 4.0),
        None => (0.0, whole_ms.max(1.0)),
    }
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
    let fit = fitted_range(inputs, result);
    // A new result (new inputs) refits both charts, whatever zoom the old one had.
    let key = data_key(&format!("{inputs:?}"));
    let end_x = |index: usize| (index + 1) as f64 * step_ms;
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
    // The read-out is the numbers of the bucket under the pointer, never its coordinates.
    // Lines put bucket `i` at its end, bars at its middle: `shift` moves the pointer's x to
    // the middle before looking the bucket up.
    let hover = |shift: f64| {
        move |position: &HoverPosition<'_>| {
            let x = match position {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => position.x,
            };
            let index = bucket_at(x - shift, step_ms, series.len())?;
            series
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
        }
    };
    let span_words = |(start, end): (f64, f64)| {
        if start <= 0.0 && end >= inputs.duration_secs * 1000.0 {
            format!(
                "The whole {} run.",
                format::duration_words(inputs.duration_secs)
            )
        } else {
            format!(
                "Showing {} to {} of the {} run, where the requests and cold starts are \
                 (drag, Ctrl + scroll or Reset view to see more).",
                format_clock(start / 1000.0),
                format_clock(end / 1000.0),
                format::duration_words(inputs.duration_secs)
            )
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
    let mut entries = vec![
        LegendEntry::new(idle, "idle", Swatch::Area),
        LegendEntry::new(busy, "busy", Swatch::Area),
        LegendEntry::new(cold, "initialising (cold start)", Swatch::Area),
    ];
    if any_provisioned {
        entries.push(LegendEntry::new(
            provisioned,
            "of which provisioned",
            Swatch::Dashed,
        ));
    }
    entries.push(LegendEntry::new(
        concurrency,
        "peak concurrency (requests in flight)",
        Swatch::Line,
    ));
    let reset = legend_and_reset(ui, &entries);
    time_plot(ui, "sim_environments", "environments", fit, key, reset)
        .label_formatter(hover(step_ms / 2.0))
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
            "{} Environments by state at the end of each {} (stacked: idle on top of busy on \
             top of initialising); concurrency is the most requests in flight during it. Hover \
             for the numbers.",
            span_words(fit),
            format::duration_words(step_ms / 1000.0)
        ))
        .small()
        .weak(),
    );

    chart_title(ui, "Cold starts and throttles over time", SIMULATOR_SOURCE);
    let bar_width = step_ms * 0.9;
    let shared: Arc<Vec<SeriesBucket>> = Arc::new(series.clone());
    let bars = |pick: fn(&SeriesBucket) -> u32| -> Vec<Bar> {
        series
            .iter()
            .enumerate()
            .map(|(index, bucket)| {
                Bar::new((index as f64 + 0.5) * step_ms, f64::from(pick(bucket))).width(bar_width)
            })
            .collect()
    };
    let formatter = |shared: Arc<Vec<SeriesBucket>>| {
        Box::new(move |bar: &Bar, _: &BarChart| {
            let index = (bar.argument / step_ms - 0.5).round().max(0.0) as usize;
            shared
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
                .unwrap_or_default()
        }) as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    let throttled = theme::throttled(ui);
    let cold_chart = BarChart::new("cold starts", bars(|b| b.cold_starts))
        .color(cold)
        .element_formatter(formatter(shared.clone()));
    let throttle_chart = BarChart::new("throttles (HTTP 429)", bars(|b| b.throttles))
        .color(throttled)
        .element_formatter(formatter(shared))
        .stack_on(&[&cold_chart]);
    let reset = legend_and_reset(
        ui,
        &[
            LegendEntry::new(cold, "cold starts", Swatch::Area),
            LegendEntry::new(throttled, "throttles (HTTP 429)", Swatch::Area),
        ],
    );
    time_plot(
        ui,
        "sim_cold_starts",
        &format!("per {}", format::duration_words(step_ms / 1000.0)),
        fit,
        key,
        reset,
    )
    .label_formatter(hover(0.0))
    .show(ui, |plot_ui| {
        plot_ui.bar_chart(cold_chart);
        plot_ui.bar_chart(throttle_chart);
    });
}

// ---------------------------------------------------------------------------------------------
// Latency
// ---------------------------------------------------------------------------------------------
