//! A panel that says what went wrong, in which file, and how to fix it.

use std::path::Path;

use crate::ui::theme;

/// Shows a titled error with the file it concerns and the fix.
pub fn error_panel(ui: &mut egui::Ui, title: &str, file: &Path, problem: &str, fix: &str) {
    egui::Frame::new()
        .fill(theme::error_fill(ui))
        .stroke(egui::Stroke::new(1.0, theme::error_colour(ui)))
        .corner_radius(6.0)
        .inner_margin(14.0)
        .show(ui, |ui| {
            // `set_max_width` sets the width, even wider than the window: cap, never widen.
            ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
            ui.label(
                egui::RichText::new(format!("⚠ {title}"))
                    .heading()
                    .color(theme::error_colour(ui)),
            );
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.strong("File:");
                ui.monospace(file.display().to_string());
            });
            ui.horizontal_wrapped(|ui| {
                ui.strong("Problem:");
                ui.label(problem);
            });
            ui.horizontal_wrapped(|ui| {
                ui.strong("How to fix:");
                ui.label(fix);
            });
        });
}
