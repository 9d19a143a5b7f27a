//! The runtime comparison chart: one row per runtime with a bar to its median init time and a
//! dot for each raw sample, on one axis in ms, so both the typical value and the spread show.

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

/// One runtime's row.
#[derive(Debug, Clone)]
pub struct InitRow<'a> {
    pub name: &'a str,
    pub median_ms: f64,
    pub samples_ms: &'a [f64],
    /// Shown on hover: the numbers behind the row.
    pub tooltip: String,
    /// Drawn in bold (the runtime chosen in the simulator).
    pub highlighted: bool,
}

/// The chart's colours (from the theme).
#[derive(Debug, Clone, Copy)]
pub struct InitStripColours {
    pub bar: Color32,
    pub dot: Color32,
    pub highlight: Color32,
}

const ROW_HEIGHT: f32 = 22.0;
const AXIS_HEIGHT: f32 = 22.0;
/// The least room for the runtime names; more when a name needs it.
const MIN_NAME_WIDTH: f32 = 180.0;
const VALUE_WIDTH: f32 = 76.0;
const GAP: f32 = 10.0;

/// Round tick values from 0 covering `max`: about `target` steps of 1, 2 or 5 × 10^n; the last
/// tick is at or above `max`.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) || target == 0 {
        return vec![0.0, 1.0];
    }
    let rough = max / target as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|index| index as f64 * step).collect()
}

/// Draws the chart across the available width. `axis_label` goes under the axis.
pub fn init_strip(
    ui: &mut egui::Ui,
    rows: &[InitRow<'_>],
    colours: InitStripColours,
    axis_label: &str,
) {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let bold = FontId::new(body.size, body.family.clone());
    let text_colour = ui.visuals().text_color();
    let weak_colour = ui.visuals().weak_text_color();
    let strong_colour = ui.visuals().strong_text_color();
    let grid_colour = ui.visuals().widgets.noninteractive.bg_stroke.color;

    let largest_ms = rows
        .iter()
        .flat_map(|row| row.samples_ms.iter().copied().chain([row.median_ms]))
        .fold(0.0, f64::max);
    let ticks = nice_ticks(largest_ms, 6);
    let axis_max_ms = ticks.last().copied().unwrap_or(1.0).max(f64::MIN_POSITIVE);

    // As wide as the widest name in the font it is drawn in (the highlighted rows are bold),
    // so no name is cut at the left edge; at most half the chart.
    let widest = rows
        .iter()
        .map(|row| {
            let font = if row.highlighted { &bold } else { &body };
            ui.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(row.name.to_owned(), font.clone(), text_colour)
                    .size()
                    .x
            })
        })
        .fold(0.0, f32::max);
    let available = ui.available_width();
    let name_width = (widest + 8.0).clamp(MIN_NAME_WIDTH, (available / 2.0).max(MIN_NAME_WIDTH));
    let width = available.max(name_width + VALUE_WIDTH + 120.0);
    let height = AXIS_HEIGHT * 2.0 + ROW_HEIGHT * rows.len() as f32;
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let plot_left = rect.left() + name_width + GAP;
    let plot_right = rect.right() - VALUE_WIDTH;
    let x_of = |value_ms: f64| {
        plot_left + (plot_right - plot_left) * (value_ms / axis_max_ms).clamp(0.0, 1.0) as f32
    };
    let rows_top = rect.top() + AXIS_HEIGHT;
    let rows_bottom = rows_top + ROW_HEIGHT * rows.len() as f32;

    // Axis: tick labels above the rows, grid lines through them.
    for (index, tick) in ticks.iter().enumerate() {
        let x = x_of(*tick);
        // The unit goes on the last tick: the axis label is below the last row, off screen.
        let unit = if index + 1 == ticks.len() { " ms" } else { "" };
        painter.line_segment(
            [pos2(x, rows_top), pos2(x, rows_bottom)],
            Stroke::new(1.0, grid_colour),
        );
        painter.text(
            pos2(x, rows_top - 4.0),
            Align2::CENTER_BOTTOM,
            format!("{}{unit}", crate::model::format::decimals(*tick, 2)),
            small.clone(),
            weak_colour,
        );
    }
    painter.text(
        pos2((plot_left + plot_right) / 2.0, rows_bottom + 4.0),
        Align2::CENTER_TOP,
        axis_label,
        small.clone(),
        weak_colour,
    );

    for (index, row) in rows.iter().enumerate() {
        let top = rows_top + ROW_HEIGHT * index as f32;
        let row_rect =
            Rect::from_min_max(pos2(rect.left(), top), pos2(rect.right(), top + ROW_HEIGHT));
        let response = ui.interact(
            row_rect,
            ui.scope_id().with(("init_row", index)),
            Sense::hover(),
        );
        if response.hovered() || row.highlighted {
            painter.rect_filled(row_rect, 2.0, ui.visuals().faint_bg_color);
        }
        let middle = row_rect.center().y;
        let (name_font, name_colour) = if row.highlighted {
            (bold.clone(), colours.highlight)
        } else {
            (body.clone(), text_colour)
        };
        painter.text(
            pos2(plot_left - GAP, middle),
            Align2::RIGHT_CENTER,
            row.name,
            name_font,
            name_colour,
        );
        let bar = Rect::from_min_max(
            pos2(plot_left, middle - 6.0),
            pos2(x_of(row.median_ms), middle + 6.0),
        );
        painter.rect_filled(bar, 2.0, colours.bar);
        painter.line_segment(
            [
                pos2(bar.right(), middle - 8.0),
                pos2(bar.right(), middle + 8.0),
            ],
            Stroke::new(2.0, strong_colour),
        );
        for sample in row.samples_ms {
            painter.circle_filled(pos2(x_of(*sample), middle), 3.0, colours.dot);
        }
        painter.text(
            pos2(plot_right + GAP, middle),
            Align2::LEFT_CENTER,
            format!(
                "{} ms",
                crate::model::format::decimals(row.median_ms.round(), 2)
            ),
            body.clone(),
            text_colour,
        );
        let accessible = format!(
            "{}: median {} ms",
            row.name,
            crate::model::format::decimals(row.median_ms, 2)
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
        response.on_hover_text(&row.tooltip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(
            nice_ticks(451.6, 6),
            vec![0.0, 100.0, 200.0, 300.0, 400.0, 500.0]
        );
        assert_eq!(
            nice_ticks(95.0, 6),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            nice_ticks(1_000.0, 5),
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1_000.0]
        );
        assert_eq!(nice_ticks(0.0, 6), vec![0.0, 1.0]);
        let ticks = nice_ticks(3_456.0, 6);
        assert!(ticks.len() <= 8 && *ticks.last().expect("ticks") >= 3_456.0);
    }
}
