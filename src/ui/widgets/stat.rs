//! A summary number: what it counts, the value in large type, one line of detail, and a
//! "model" badge naming its source.

use crate::ui::theme;
use crate::ui::widgets::model_badge::model_badge;

/// Shows one summary card across the available width (at least [`theme::STAT_MIN_WIDTH`]
/// reads well). Screen readers (and UI tests) read it as "`name`: `value`".
pub fn stat(ui: &mut egui::Ui, name: &str, value: &str, detail: &str, source: &str) {
    egui::Frame::group(ui.style())
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            // Fill the column it is given; the page decides how many fit in a row.
            ui.set_width(ui.available_width());
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(name).small());
                    model_badge(ui, source);
                });
                let accessible = format!("{name}: {value}");
                ui.label(
                    egui::RichText::new(value)
                        .size(theme::STAT_VALUE_SIZE)
                        .strong(),
                )
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
                ui.label(egui::RichText::new(detail).small().weak());
            });
        });
}
