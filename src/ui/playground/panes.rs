//! The Playground's three panes and their room: code and event side by side with a
//! draggable, visible split, the results below them (one line until the first invoke, then
//! as tall as the learner drags them). Both editors keep at least [`MIN_EDITOR_LINES`] lines:
//! the function's settings above scroll, and the results shrink, before an editor does.

use super::PlaygroundPage;
use crate::command::AppCommand;
use crate::state::{PlaygroundLayout, PlaygroundSettings};
use crate::ui::AppView;
use crate::ui::widgets::code_area::CodeArea;
use crate::ui::widgets::grip::{self, Edge};

/// Lines each editor shows at least, whatever the window size (1024×700 included).
pub const MIN_EDITOR_LINES: f32 = 12.0;

/// The results pane is never dragged smaller than this, in points.
const MIN_RESULTS_POINTS: f32 = 60.0;

/// The code editor's share of the width stays within this range.
const CODE_FRACTION_RANGE: (f32, f32) = (0.2, 0.8);

/// How near the pointer must press to a pane's edge for a drag to be taken as a resize.
const EDGE_GRAB_POINTS: f32 = 8.0;

impl PlaygroundPage {
    /// The height the two editors need to show [`MIN_EDITOR_LINES`] lines each: the lines,
    /// and what each pane puts around its editor (headings, the event's toolbar, which wraps
    /// with the width), as measured when last drawn.
    pub(super) fn editors_min_height(&self, ui: &egui::Ui) -> f32 {
        let control = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let around = self.editor_overhead_points.max(3.0 * control);
        around + CodeArea::height_for_lines(ui, MIN_EDITOR_LINES)
    }

    /// Whether there is anything for the results pane to show yet.
    pub(super) fn has_results(view: &AppView<'_>) -> bool {
        view.session.by_hand_count() > 0
            || !view.session.asynchronous().is_empty()
            || view.jobs.invoking()
    }

    /// Results at the bottom, then code and event side by side in the room left.
    pub(super) fn panes(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        next: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        next.layout = sane(next.layout);
        let editors_min = self.editors_min_height(ui);
        let room_before_results = ui.available_height();
        if Self::has_results(view) {
            let max = (ui.available_height() - editors_min).max(MIN_RESULTS_POINTS);
            let wanted = next.layout.results_height_points;
            let panel = egui::Panel::bottom("playground_results")
                .resizable(true)
                .default_size(wanted.clamp(MIN_RESULTS_POINTS, max))
                .size_range(MIN_RESULTS_POINTS..=max)
                .show(ui, |ui| self.results(ui, view, next, commands));
            let rect = panel.response.rect;
            grip::paint(
                ui,
                egui::pos2(rect.center().x, rect.top()),
                Edge::Horizontal,
            );
            if let Some(height) = self.dragged_to(ui, rect.top(), Edge::Horizontal, rect.height()) {
                next.layout.results_height_points = height;
            }
        } else {
            egui::Panel::bottom("playground_results_empty")
                .resizable(false)
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new("Press Invoke (Ctrl+Enter) to run the handler with this event. The response, the log lines and the REPORT numbers appear here.")
                            .weak(),
                    );
                });
        }
        // What the panes put around their editors is measured from here: headings, the
        // event's toolbar and the panels' margins.
        let editors_room = ui.available_height();
        let results_drawn = if Self::has_results(view) {
            room_before_results - editors_room
        } else {
            0.0
        };
        self.fixed_points =
            (self.page_room_points - self.settings_drawn_points - results_drawn - editors_room)
                .max(0.0);
        egui::CentralPanel::default().show(ui, |ui| {
            let total = ui.available_width();
            let (low, high) = CODE_FRACTION_RANGE;
            let fraction = next.layout.code_width_fraction.clamp(low, high);
            let code = egui::Panel::left("playground_code")
                .resizable(true)
                .default_size(total * fraction)
                .size_range(total * low..=total * high)
                .show(ui, |ui| {
                    self.code_editor(ui, view.session, view.workspace_files, commands);
                });
            let rect = code.response.rect;
            grip::paint(
                ui,
                egui::pos2(rect.right(), rect.center().y),
                Edge::Vertical,
            );
            if let Some(width) = self.dragged_to(ui, rect.right(), Edge::Vertical, rect.width()) {
                next.layout.code_width_fraction = (width / total).clamp(low, high);
            }
            egui::CentralPanel::default().show(ui, |ui| {
                self.event_editor(ui, view, next, commands);
            });
            // The tree view has no text editor to measure: keep the text view's figure.
            if !next.event_tree {
                let smallest = self
                    .code_area
                    .viewport_height()
                    .min(self.event_area.viewport_height());
                self.editor_overhead_points = editors_room - smallest;
            }
        });
    }
}

impl PlaygroundPage {
    /// The pane's size while the learner drags its edge (at `edge_at`): a drag counts when
    /// it began on the edge, so sizes change only when the learner drags them, never when a
    /// small window squeezes a pane.
    fn dragged_to(&mut self, ui: &egui::Ui, edge_at: f32, edge: Edge, size: f32) -> Option<f32> {
        let (pressed, down, origin) = ui.ctx().input(|input| {
            (
                input.pointer.any_pressed(),
                input.pointer.any_down(),
                input.pointer.press_origin(),
            )
        });
        if pressed && let Some(origin) = origin {
            let distance = match edge {
                Edge::Vertical => (origin.x - edge_at).abs(),
                Edge::Horizontal => (origin.y - edge_at).abs(),
            };
            if distance <= EDGE_GRAB_POINTS {
                self.dragging_edge = Some(edge);
            }
        }
        if !down {
            if self.dragging_edge == Some(edge) {
                self.dragging_edge = None;
            }
            return None;
        }
        (self.dragging_edge == Some(edge)).then_some(size)
    }
}

/// Pane sizes a layout from an older state file may hold outside their ranges.
fn sane(layout: PlaygroundLayout) -> PlaygroundLayout {
    let (low, high) = CODE_FRACTION_RANGE;
    PlaygroundLayout {
        code_width_fraction: if layout.code_width_fraction.is_finite() {
            layout.code_width_fraction.clamp(low, high)
        } else {
            PlaygroundLayout::default().code_width_fraction
        },
        results_height_points: if layout.results_height_points.is_finite() {
            layout.results_height_points.max(MIN_RESULTS_POINTS)
        } else {
            PlaygroundLayout::default().results_height_points
        },
        ..layout
    }
}
