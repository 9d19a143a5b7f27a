//! A visible handle on a pane's draggable edge: egui's resize edges show nothing until the
//! pointer is on them, so learners never found out the Playground's panes can be resized.

/// Which way the edge runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// A vertical edge between panes side by side (dragged left and right).
    Vertical,
    /// A horizontal edge between panes one above the other (dragged up and down).
    Horizontal,
}

/// Dots drawn along the handle.
const DOTS: usize = 5;
const DOT_SPACING_POINTS: f32 = 5.0;
const DOT_RADIUS_POINTS: f32 = 1.6;

/// Paints the handle centred on `center`, the middle of the edge.
pub fn paint(ui: &egui::Ui, center: egui::Pos2, edge: Edge) {
    let colour = ui.visuals().widgets.inactive.fg_stroke.color;
    let step = match edge {
        Edge::Vertical => egui::vec2(0.0, DOT_SPACING_POINTS),
        Edge::Horizontal => egui::vec2(DOT_SPACING_POINTS, 0.0),
    };
    let first = center - step * ((DOTS - 1) as f32 / 2.0);
    for index in 0..DOTS {
        ui.painter()
            .circle_filled(first + step * index as f32, DOT_RADIUS_POINTS, colour);
    }
}
