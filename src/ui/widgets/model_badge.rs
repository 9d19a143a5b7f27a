//! The "model" badge: every modelled number carries one, with its source one hover away.

use crate::ui::theme;

/// A small "model" tag; hovering it names the source.
pub fn model_badge(ui: &mut egui::Ui, source: &str) -> egui::Response {
    let (text_colour, fill) = theme::model_badge(ui);
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(5, 1));
    frame
        .show(ui, |ui| {
            ui.label(egui::RichText::new("model").small().color(text_colour))
        })
        .inner
        .on_hover_text(format!("Modelled, not measured on AWS.\n{source}"))
}
