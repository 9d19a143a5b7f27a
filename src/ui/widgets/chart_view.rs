//! What the app's charts share: a legend drawn as a row above the plot (egui_plot's own legend
//! sits inside the plot and covers data), a "Reset view" button, zoom and pan along x fitted
//! to where the data happen, and a time axis whose ticks read in ms, s, min, h or days.

use egui::{Color32, Id, RichText, Stroke, vec2};
use egui_plot::{GridInput, GridMark, Plot};

use crate::model::format;

/// How a series is drawn, so its legend swatch looks like it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    Line,
    Dashed,
    Area,
    Point,
}

/// One entry of a chart's legend.
#[derive(Debug, Clone)]
pub struct LegendEntry {
    pub colour: Color32,
    pub name: String,
    pub swatch: Swatch,
}

impl LegendEntry {
    pub fn new(colour: Color32, name: impl Into<String>, swatch: Swatch) -> Self {
        Self {
            colour,
            name: name.into(),
            swatch,
        }
    }
}

/// The legend as a wrapped row of swatches and names, drawn above a chart.
pub fn legend_row(ui: &mut egui::Ui, entries: &[LegendEntry]) {
    ui.horizontal_wrapped(|ui| {
        for entry in entries {
            // An entry moves to the next line whole: a swatch must not end one line with its
            // name starting the next, nor a name break in two.
            let text = RichText::new(&entry.name).small();
            let galley = egui::WidgetText::from(text.clone()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
            let needed = 18.0 + ui.spacing().item_spacing.x * 2.0 + galley.size().x;
            if ui.available_size_before_wrap().x < needed {
                ui.end_row();
            }
            swatch(ui, entry.colour, entry.swatch);
            ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
            ui.add_space(8.0);
        }
    });
}

fn swatch(ui: &mut egui::Ui, colour: Color32, kind: Swatch) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 12.0), egui::Sense::hover());
    let painter = ui.painter();
    let middle = rect.center().y;
    match kind {
        Swatch::Line => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(2.5, colour),
            );
        }
        Swatch::Dashed => {
            for part in 0..3 {
                let left = rect.left() + part as f32 * 7.0;
                painter.line_segment(
                    [egui::pos2(left, middle), egui::pos2(left + 4.0, middle)],
                    Stroke::new(2.5, colour),
                );
            }
        }
        Swatch::Area => {
            painter.rect_filled(rect.shrink(1.0), 2.0, colour.gamma_multiply(0.6));
        }
        Swatch::Point => {
            painter.circle_filled(rect.center(), 4.0, colour);
        }
    }
}

/// The legend row and, at its right, a "Reset view" button; returns whether it was clicked.
pub fn legend_and_reset(ui: &mut egui::Ui, entries: &[LegendEntry]) -> bool {
    let mut reset = false;
    ui.horizontal(|ui| {
        // The button first, from the right, so a long legend wraps before it.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            reset = ui
                .small_button("Reset view")
                .on_hover_text(
                    "Back to the fitted view. On the chart: drag to pan, Ctrl + scroll (or \
                     pinch) to zoom, right-drag a box to zoom into it, double-click to reset.",
                )
                .clicked();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                legend_row(ui, entries);
            });
        });
    });
    reset
}

/// The plot made zoomable and pannable along x (the page scrolls with the plain wheel, so
/// scrolling stays the page's), with its view reset when `reset` is set or when the data it
/// shows changed (`data_key`), so a new result is never shown through an old zoom.
pub fn zoomable<'a>(plot: Plot<'a>, ui: &egui::Ui, id: Id, data_key: u64, reset: bool) -> Plot<'a> {
    let key_id = id.with("fitted_to");
    let changed = ui.data_mut(|data| {
        let last = data.get_temp::<u64>(key_id);
        data.insert_temp(key_id, data_key);
        last != Some(data_key)
    });
    let plot = plot
        .id(id)
        .allow_drag([true, false])
        .allow_zoom([true, false])
        .allow_scroll(false)
        .allow_boxed_zoom(true)
        .allow_double_click_reset(true);
    if reset || changed { plot.reset() } else { plot }
}

/// A hash of anything, as a [`zoomable`] data key.
pub fn data_key(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Round steps of a time axis, in ms: the simulator's chart buckets (round numbers of clock
/// units), with 1-2-5 steps below them and whole days above.
const FINE_STEPS_MS: [f64; 6] = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0];
const COARSE_STEPS_MS: [f64; 3] = [172_800_000.0, 432_000_000.0, 864_000_000.0];

fn time_steps_ms() -> impl Iterator<Item = f64> {
    FINE_STEPS_MS
        .iter()
        .chain(crate::model::scenario::CHART_STEPS_MS.iter())
        .chain(COARSE_STEPS_MS.iter())
        .copied()
}

/// The smallest round time step of at least `ms`.
pub fn time_step_at_least(ms: f64) -> f64 {
    time_steps_ms()
        .find(|step| *step >= ms)
        .unwrap_or(COARSE_STEPS_MS[COARSE_STEPS_MS.len() - 1])
}

/// Grid marks for an x axis in ms: three levels of round time steps (so ticks land on 250 ms,
/// 15 s or 5 min rather than on 16.7 min).
pub fn time_grid(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    let fine = time_step_at_least(input.base_step_size.abs().max(1e-3));
    let medium = time_step_at_least(fine * 2.5);
    let coarse = time_step_at_least(medium * 2.5);
    let mut marks = Vec::new();
    for step in [fine, medium, coarse] {
        let first = (min / step).ceil() as i64;
        let last = (max / step).floor() as i64;
        // A bound on the count keeps a degenerate zoom from allocating millions of marks.
        if last - first > 2_000 {
            continue;
        }
        for index in first..=last {
            marks.push(GridMark {
                value: index as f64 * step,
                step_size: step,
            });
        }
    }
    marks.sort_by(|a, b| {
        a.value
            .total_cmp(&b.value)
            .then(b.step_size.total_cmp(&a.step_size))
    });
    // One mark per value: the coarsest, which draws the strongest line.
    marks.dedup_by(|later, earlier| (later.value - earlier.value).abs() < fine * 0.1);
    marks
}

/// The unit a time axis showing `span_ms` reads best in: (ms per unit, name).
pub fn time_unit(span_ms: f64) -> (f64, &'static str) {
    if span_ms < 2_000.0 {
        (1.0, "ms")
    } else if span_ms < 120_000.0 {
        (1_000.0, "s")
    } else if span_ms < 2.0 * 3_600_000.0 {
        (60_000.0, "min")
    } else if span_ms < 2.0 * 86_400_000.0 {
        (3_600_000.0, "h")
    } else {
        (86_400_000.0, "days")
    }
}

/// A tick of a time axis in ms, in the unit the visible span reads best in: "250 ms",
/// "1.5 s", "10 min".
pub fn time_tick(value_ms: f64, visible: &std::ops::RangeInclusive<f64>) -> String {
    let (unit_ms, unit) = time_unit(visible.end() - visible.start());
    let value = value_ms / unit_ms;
    // "-0 s" would read oddly at the origin.
    let value = if value.abs() < 1e-9 { 0.0 } else { value };
    format!("{} {unit}", format::decimals(value, 2))
}

/// A time in ms as words for a hover read-out: "840 ms", "12.4 s", "5 min 3 s".
pub fn time_words(ms: f64) -> String {
    if ms.abs() < 1_000.0 {
        format!("{} ms", format::decimals(ms, 1))
    } else {
        format::duration_words(ms / 1_000.0)
    }
}

/// The x range (ms) to show by default: from `first_ms` to `last_ms` with a margin of a tenth
/// of the span on each side (at least `min_span_ms` wide), within `0..=whole_ms`.
pub fn fit_range(first_ms: f64, last_ms: f64, whole_ms: f64, min_span_ms: f64) -> (f64, f64) {
    let span = (last_ms - first_ms).max(min_span_ms);
    let margin = span * 0.1;
    let start = (first_ms - margin).max(0.0);
    // A little past the run's end, so its last tick label is not cut at the plot's edge.
    let end = (first_ms + span + margin).min(whole_ms.max(start + min_span_ms) * 1.02);
    if end > start {
        (start, end)
    } else {
        (0.0, whole_ms.max(1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ticks_read_in_the_unit_of_the_span() {
        assert_eq!(time_tick(250.0, &(0.0..=1_200.0)), "250 ms");
        assert_eq!(time_tick(1_500.0, &(0.0..=60_000.0)), "1.5 s");
        assert_eq!(time_tick(600_000.0, &(0.0..=3_600_000.0)), "10 min");
        assert_eq!(time_tick(7_200_000.0, &(0.0..=86_400_000.0)), "2 h");
        assert_eq!(time_tick(-0.0, &(0.0..=10.0)), "0 ms");
        assert_eq!(time_words(840.0), "840 ms");
        assert_eq!(time_words(12_400.0), "12.4 s");
    }

    #[test]
    fn time_grid_steps_are_round() {
        let marks = time_grid(GridInput {
            bounds: (0.0, 3_600_000.0),
            base_step_size: 40_000.0,
        });
        assert!(!marks.is_empty());
        // Fine steps of one minute, then 5 and 15 minutes.
        assert!(marks.iter().all(|m| (m.value % 60_000.0).abs() < 1e-6));
        assert!(marks.iter().any(|m| m.step_size == 900_000.0));
        let values: Vec<f64> = marks.iter().map(|m| m.value).collect();
        assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:?}");
    }

    #[test]
    fn a_burst_is_fitted_with_a_margin() {
        // Activity from 0 to 800 ms of a 60 s run.
        let (start, end) = fit_range(0.0, 800.0, 60_000.0, 100.0);
        assert_eq!(start, 0.0);
        assert!((end - 880.0).abs() < 1e-9, "{end}");
        // Activity over the whole run: the whole run, and a little room for the last tick.
        let (start, end) = fit_range(0.0, 60_000.0, 60_000.0, 100.0);
        assert_eq!((start, end), (0.0, 61_200.0));
        // A later window keeps a margin before it.
        let (start, _) = fit_range(30_000.0, 31_000.0, 60_000.0, 100.0);
        assert!((start - 29_900.0).abs() < 1e-9);
    }
}
