//! The power-tuning sweep's one chart: duration (left axis, ms) and cost per million
//! invocations (right axis, USD) against memory on a log scale, one cost line per
//! architecture, the chosen strategy's pick ringed. egui_plot has one y scale per plot, so
//! cost is drawn scaled onto the duration scale by a round factor, and the right axis turns
//! each tick back into dollars.

use egui_plot::{AxisHints, HPlacement, LineStyle};

use super::*;
use crate::model::tuning::Strategy;

/// A round factor (1, 2 or 5 × 10ⁿ) near `ratio`, so the right axis's ticks stay round too.
pub fn round_factor(ratio: f64) -> f64 {
    if !(ratio.is_finite() && ratio > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(ratio.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .rfind(|candidate| *candidate <= ratio)
        .unwrap_or(magnitude)
}

/// The hover read-out at memory `memory_mb`: every series' value there.
pub fn point_words(points: &[SweepPoint], memory_mb: u32) -> String {
    let at: Vec<&SweepPoint> = points.iter().filter(|p| p.memory_mb == memory_mb).collect();
    let Some(first) = at.first() else {
        return String::new();
    };
    let mut lines = vec![
        format!("{} MB", crate::model::format::count(memory_mb.into())),
        format!(
            "duration {:.2} ms (model, both architectures)",
            first.estimated_duration_ms
        ),
    ];
    for point in at {
        lines.push(format!(
            "{}: ${:.2} per 1M invocations",
            point.architecture,
            point.cost_per_invocation_usd * 1_000_000.0
        ));
    }
    lines.join("\n")
}

/// Draws the chart; returns the area it covers (for Save PNG…).
pub(super) fn sweep_chart(
    ui: &mut egui::Ui,
    points: &[SweepPoint],
    picks: Option<tuning::Picks>,
    strategy: Strategy,
) -> egui::Rect {
    let x = |p: &SweepPoint| f64::from(p.memory_mb).log2();
    let per_million = |p: &SweepPoint| p.cost_per_invocation_usd * 1_000_000.0;
    let max_duration = points
        .iter()
        .map(|p| p.estimated_duration_ms)
        .fold(0.0, f64::max);
    let max_cost = points.iter().map(per_million).fold(0.0, f64::max);
    // Cost × scale lands on the duration axis; the largest cost reaches about the top.
    let scale = round_factor(max_duration / max_cost.max(f64::MIN_POSITIVE));
    let architectures: Vec<Architecture> = {
        let mut seen = Vec::new();
        for p in points {
            if !seen.contains(&p.architecture) {
                seen.push(p.architecture);
            }
        }
        seen
    };
    let (duration_colour, cost_colour, pick_colour) =
        (theme::cold(ui), theme::warm(ui), theme::accent(ui));
    let cost_style = |architecture: Architecture| match architecture {
        Architecture::X86_64 => (Swatch::Line, LineStyle::Solid),
        Architecture::Arm64 => (Swatch::Dashed, LineStyle::dashed_dense()),
    };
    let top_left = ui.cursor().min;
    let mut entries = vec![LegendEntry::new(
        duration_colour,
        "duration (left axis, ms)",
        Swatch::Line,
    )];
    for architecture in &architectures {
        entries.push(LegendEntry::new(
            cost_colour,
            format!("{architecture} cost (right axis, USD per 1M)"),
            cost_style(*architecture).0,
        ));
    }
    entries.push(LegendEntry::new(
        pick_colour,
        format!("{} pick", strategy.label().to_lowercase()),
        Swatch::Point,
    ));
    entries.push(LegendEntry::new(
        pick_colour.gamma_multiply(0.35),
        format!(
            "1 vCPU ({} MB)",
            crate::model::format::count(FULL_VCPU_MEMORY_MB.into())
        ),
        Swatch::Line,
    ));
    legend_row(ui, &entries);
    let chosen = picks.map(|picks| picks.of(strategy));
    let sizes: Vec<u32> = points.iter().map(|p| p.memory_mb).collect();
    let hover_points = points.to_vec();
    let full_vcpu = f64::from(FULL_VCPU_MEMORY_MB).log2();
    let memory_axis = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        if (mark.value - mark.value.round()).abs() < 1e-6 {
            format!("{:.0}", 2f64.powf(mark.value))
        } else {
            String::new()
        }
    };
    let plot = Plot::new("tuning_combined")
        .height(theme::CHART_HEIGHT + 40.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        // Short tick labels that may sit closer than egui_plot's default 60 points, so every
        // power of two gets one; the unit is in the axis name.
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("memory (MB, log scale)")
                .formatter(memory_axis)
                .label_spacing(34.0..=40.0),
        ])
        // A tick at every power of two (128 MB, 256 MB…): egui_plot's own spacer would put
        // a single tick on this short log axis.
        .x_grid_spacer(|input| {
            let (min, max) = input.bounds;
            let (first, last) = (min.ceil() as i32, max.floor() as i32);
            (first..=last)
                .map(|power| egui_plot::GridMark {
                    value: f64::from(power),
                    step_size: 1.0,
                })
                .collect()
        })
        .custom_y_axes(vec![
            AxisHints::new_y()
                .label("duration (ms)")
                .formatter(|mark, _| crate::model::format::decimals(mark.value, 2)),
            AxisHints::new_y()
                .label("USD per 1M invocations")
                .placement(HPlacement::Right)
                .formatter(move |mark, _| {
                    format!("${}", crate::model::format::decimals(mark.value / scale, 3))
                }),
        ])
        .include_y(0.0)
        .include_y(max_duration.max(max_cost * scale) * 1.08)
        // Each series' values at the nearest memory size, never the pointer's coordinates.
        .label_formatter(move |position| {
            let x = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position.x,
            };
            let nearest = sizes.iter().copied().min_by(|a, b| {
                (f64::from(*a).log2() - x)
                    .abs()
                    .total_cmp(&(f64::from(*b).log2() - x).abs())
            })?;
            Some(point_words(&hover_points, nearest))
        })
        .show(ui, |plot_ui| {
            plot_ui.vline(
                VLine::new(
                    format!(
                        "1 vCPU ({} MB)",
                        crate::model::format::count(FULL_VCPU_MEMORY_MB.into())
                    ),
                    full_vcpu,
                )
                .color(pick_colour.gamma_multiply(0.35)),
            );
            // The model gives both architectures one duration: one line for it.
            if let Some(first) = architectures.first() {
                let duration: Vec<[f64; 2]> = points
                    .iter()
                    .filter(|p| p.architecture == *first)
                    .map(|p| [x(p), p.estimated_duration_ms])
                    .collect();
                plot_ui.line(
                    Line::new("duration", PlotPoints::from(duration.clone()))
                        .color(duration_colour)
                        .width(2.5),
                );
                plot_ui.points(
                    Points::new("duration", duration)
                        .radius(3.5)
                        .color(duration_colour),
                );
            }
            for architecture in &architectures {
                let cost: Vec<[f64; 2]> = points
                    .iter()
                    .filter(|p| p.architecture == *architecture)
                    .map(|p| [x(p), per_million(p) * scale])
                    .collect();
                let name = format!("{architecture} cost");
                plot_ui.line(
                    Line::new(name.clone(), PlotPoints::from(cost.clone()))
                        .color(cost_colour)
                        .style(cost_style(*architecture).1)
                        .width(2.0),
                );
                plot_ui.points(Points::new(name, cost).radius(3.0).color(cost_colour));
            }
            if let Some(pick) = chosen {
                for y in [pick.estimated_duration_ms, per_million(&pick) * scale] {
                    plot_ui.points(
                        Points::new("pick", vec![[x(&pick), y]])
                            .radius(8.0)
                            .filled(false)
                            .color(pick_colour),
                    );
                }
            }
        });
    ui.label(
        RichText::new(
            "Duration and cost share the chart: the right axis reads the cost lines, the left \
             the duration line. Hover for every value at a memory size.",
        )
        .small()
        .weak(),
    );
    picture_rect(ui, top_left, &plot.response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_scale_is_a_round_factor() {
        assert_eq!(round_factor(37.0), 20.0);
        assert_eq!(round_factor(60.0), 50.0);
        assert_eq!(round_factor(0.8), 0.5);
        assert_eq!(round_factor(1.0), 1.0);
        assert_eq!(round_factor(0.0), 1.0);
    }
}
