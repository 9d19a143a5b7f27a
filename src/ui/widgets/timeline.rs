//! The timeline of real invocations: one block per handler (its name on a header row, its
//! colour on a stripe down its rows), one row per execution environment of that handler, each
//! invoke drawn as its init segment (cold starts only) and its run, on one time axis, with a
//! tooltip saying why it was cold and what that cost in time. Measured, not modelled.

use std::collections::HashMap;

use egui::{Align2, Color32, CornerRadius, Rect, Sense, Stroke, pos2, vec2};

use super::init_strip::nice_ticks;
use crate::runtime::record::{InvocationRecord, Status};

const ROW_HEIGHT: f32 = 22.0;
const NAME_WIDTH: f32 = 120.0;
const AXIS_HEIGHT: f32 = 34.0;
/// Segments shorter than this many points are widened so a 1 ms invoke is still visible.
const MIN_SEGMENT_WIDTH: f32 = 3.0;

/// Room on the left of a row for the handler's stripe.
const STRIPE_WIDTH: f32 = 4.0;

/// The colours the timeline uses (from the theme).
#[derive(Debug, Clone)]
pub struct TimelineColours {
    pub init: Color32,
    pub invoke: Color32,
    pub failed: Color32,
    /// One per handler, in the order handlers first appear (repeating when there are more).
    pub handlers: Vec<Color32>,
}

/// A row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A handler's name, above its environments.
    Handler(String),
    /// One execution environment of a handler; `None`: its throttled requests.
    Environment {
        handler: String,
        environment_id: Option<u64>,
    },
}

/// The rows: handlers in the order they were first invoked, each followed by its
/// environments in the order they first served. Environments are numbered per function, so
/// the handler is part of a row's key (environment 1 of `hello` is not environment 1 of
/// `counter`).
pub fn rows(records: &[&InvocationRecord]) -> Vec<Row> {
    let mut handlers: Vec<(&str, Vec<Option<u64>>)> = Vec::new();
    for record in records {
        let name = record.function_name.as_str();
        let index = match handlers.iter().position(|(handler, _)| *handler == name) {
            Some(index) => index,
            None => {
                handlers.push((name, Vec::new()));
                handlers.len() - 1
            }
        };
        let environments = &mut handlers[index].1;
        if !environments.contains(&record.environment_id) {
            environments.push(record.environment_id);
        }
    }
    let mut rows = Vec::new();
    for (handler, environments) in handlers {
        rows.push(Row::Handler(handler.to_owned()));
        rows.extend(
            environments
                .into_iter()
                .map(|environment_id| Row::Environment {
                    handler: handler.to_owned(),
                    environment_id,
                }),
        );
    }
    rows
}

/// When one invocation's init and run happened, in ms after the first invocation started.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segments {
    pub start_ms: f64,
    pub init_end_ms: f64,
    pub end_ms: f64,
}

/// Places every record on the shared time axis; also returns the axis length in ms.
pub fn segments(records: &[&InvocationRecord]) -> (Vec<Segments>, f64) {
    let first = records
        .iter()
        .map(|r| r.started_at_ms)
        .min()
        .unwrap_or_default();
    let placed: Vec<Segments> = records
        .iter()
        .map(|record| {
            let start_ms = (record.started_at_ms - first) as f64;
            let init_end_ms = start_ms + record.init_duration_ms.unwrap_or(0.0);
            Segments {
                start_ms,
                init_end_ms,
                end_ms: init_end_ms + record.duration_ms,
            }
        })
        .collect();
    let span = placed.iter().map(|s| s.end_ms).fold(1.0, f64::max);
    (placed, span)
}

/// The hover text for one invocation.
pub fn describe(record: &InvocationRecord) -> String {
    let id = record.request_id.get(..8).unwrap_or(&record.request_id);
    let mut lines = vec![format!("Request {id}…")];
    match (record.cold, record.cold_reason, record.init_duration_ms) {
        (true, Some(reason), Some(init)) => lines.push(format!(
            "Cold: {}. Init took {init:.1} ms before the handler ran.",
            reason.explain()
        )),
        (true, _, _) => lines.push("Cold start".to_owned()),
        (false, _, _) if record.status == Status::Throttled => {
            lines.push("Throttled: no environment was free under the concurrency limit".to_owned())
        }
        (false, _, _) => lines.push("Warm: an idle environment was reused, no init".to_owned()),
    }
    lines.push(format!(
        "Duration {:.2} ms · billed {} ms · {} of {} MB",
        record.duration_ms,
        record.billed_duration_ms,
        record.max_memory_used_mb,
        record.memory_size_mb
    ));
    if let Some(error) = &record.error {
        lines.push(format!("{}: {}", error.error_type, error.error_message));
    }
    lines.join("\n")
}

/// Draws the timeline across the available width.
pub fn timeline(ui: &mut egui::Ui, records: &[&InvocationRecord], colours: &TimelineColours) {
    let (placed, span_ms) = segments(records);
    let order = rows(records);
    let index_of: HashMap<(&str, Option<u64>), usize> = order
        .iter()
        .enumerate()
        .filter_map(|(index, row)| match row {
            Row::Environment {
                handler,
                environment_id,
            } => Some(((handler.as_str(), *environment_id), index)),
            Row::Handler(_) => None,
        })
        .collect();
    let handler_colour = |handler: &str| {
        let position = order
            .iter()
            .filter(|row| matches!(row, Row::Handler(_)))
            .position(|row| *row == Row::Handler(handler.to_owned()))
            .unwrap_or(0);
        colours
            .handlers
            .get(position % colours.handlers.len().max(1))
            .copied()
            .unwrap_or(colours.invoke)
    };
    let width = ui.available_width().max(NAME_WIDTH + 100.0);
    let height = order.len() as f32 * ROW_HEIGHT + AXIS_HEIGHT;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let plot_left = rect.left() + NAME_WIDTH;
    let plot_width = rect.right() - plot_left - 8.0;
    let x_of = |ms: f64| plot_left + (ms / span_ms) as f32 * plot_width;
    let text = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let small = egui::TextStyle::Small.resolve(ui.style());
    let body = egui::TextStyle::Body.resolve(ui.style());

    for (index, row) in order.iter().enumerate() {
        let top = rect.top() + index as f32 * ROW_HEIGHT;
        let y = top + ROW_HEIGHT / 2.0;
        match row {
            Row::Handler(handler) => {
                let colour = handler_colour(handler);
                painter.rect_filled(
                    Rect::from_min_size(pos2(rect.left(), y - 5.0), vec2(10.0, 10.0)),
                    CornerRadius::same(2),
                    colour,
                );
                // The name may run across the plot area: its row holds no bars.
                painter.text(
                    pos2(rect.left() + 16.0, y),
                    Align2::LEFT_CENTER,
                    handler,
                    body.clone(),
                    strong,
                );
            }
            Row::Environment {
                handler,
                environment_id,
            } => {
                painter.rect_filled(
                    Rect::from_min_size(
                        pos2(rect.left() + 3.0, top + 1.0),
                        vec2(STRIPE_WIDTH, ROW_HEIGHT - 2.0),
                    ),
                    CornerRadius::ZERO,
                    handler_colour(handler),
                );
                let name =
                    environment_id.map_or("throttled".to_owned(), |id| format!("environment {id}"));
                painter.text(
                    pos2(rect.left() + 16.0, y),
                    Align2::LEFT_CENTER,
                    name,
                    body.clone(),
                    text,
                );
                painter.line_segment(
                    [pos2(plot_left, y), pos2(plot_left + plot_width, y)],
                    Stroke::new(1.0, weak.gamma_multiply(0.3)),
                );
            }
        }
    }
    let mut hovered = None;
    for (record, segment) in records.iter().zip(&placed) {
        let row = index_of
            .get(&(record.function_name.as_str(), record.environment_id))
            .copied()
            .unwrap_or(0);
        let top = rect.top() + row as f32 * ROW_HEIGHT + 4.0;
        let bar = |from: f64, to: f64| {
            let left = x_of(from);
            let right = x_of(to).max(left + MIN_SEGMENT_WIDTH);
            Rect::from_min_max(pos2(left, top), pos2(right, top + ROW_HEIGHT - 8.0))
        };
        let run_colour = if record.status == Status::Success {
            colours.invoke
        } else {
            colours.failed
        };
        let mut whole = bar(segment.start_ms, segment.end_ms);
        if segment.init_end_ms > segment.start_ms {
            let init = bar(segment.start_ms, segment.init_end_ms);
            painter.rect_filled(init, CornerRadius::same(2), colours.init);
            let run = bar(segment.init_end_ms, segment.end_ms);
            painter.rect_filled(run, CornerRadius::same(2), run_colour);
            whole = init.union(run);
        } else {
            painter.rect_filled(whole, CornerRadius::same(2), run_colour);
        }
        if record.cold {
            // A mark at the start of every cold start, so even a short one stands out.
            painter.text(
                pos2(whole.left(), whole.top() - 1.0),
                Align2::CENTER_BOTTOM,
                "❄",
                small.clone(),
                colours.init,
            );
        }
        if response
            .hover_pos()
            .is_some_and(|pos| whole.expand(2.0).contains(pos))
        {
            hovered = Some(*record);
        }
    }
    // The time axis, in ms or s after the first invoke started.
    let axis_y = rect.top() + order.len() as f32 * ROW_HEIGHT + 2.0;
    painter.line_segment(
        [
            pos2(plot_left, axis_y),
            pos2(plot_left + plot_width, axis_y),
        ],
        Stroke::new(1.0, weak),
    );
    let in_seconds = span_ms >= 5_000.0;
    let ticks = nice_ticks(
        if in_seconds {
            span_ms / 1000.0
        } else {
            span_ms
        },
        6,
    );
    for tick in ticks {
        let ms = if in_seconds { tick * 1000.0 } else { tick };
        if ms > span_ms * 1.0001 {
            break;
        }
        let x = x_of(ms);
        painter.line_segment(
            [pos2(x, axis_y), pos2(x, axis_y + 4.0)],
            Stroke::new(1.0, weak),
        );
        painter.text(
            pos2(x, axis_y + 5.0),
            Align2::CENTER_TOP,
            format!(
                "{} {}",
                crate::model::format::decimals(tick, 3),
                if in_seconds { "s" } else { "ms" }
            ),
            small.clone(),
            weak,
        );
    }
    painter.text(
        pos2(plot_left + plot_width, axis_y + 18.0),
        Align2::RIGHT_TOP,
        if in_seconds {
            "time since the first invoke (s)"
        } else {
            "time since the first invoke (ms)"
        },
        small,
        weak,
    );
    // What the picture shows, for screen readers (and tests): each handler's environments
    // and invokes.
    let summary: Vec<String> = order
        .iter()
        .filter_map(|row| match row {
            Row::Handler(handler) => {
                let environments = order
                    .iter()
                    .filter(
                        |row| matches!(row, Row::Environment { handler: h, .. } if h == handler),
                    )
                    .count();
                let invokes = records
                    .iter()
                    .filter(|record| record.function_name == *handler)
                    .count();
                Some(format!(
                    "{handler}: {invokes} {} on {environments} {}",
                    if invokes == 1 { "invoke" } else { "invokes" },
                    if environments == 1 { "row" } else { "rows" }
                ))
            }
            Row::Environment { .. } => None,
        })
        .collect();
    let summary = format!("Timeline. {}", summary.join("; "));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &summary));
    if let Some(record) = hovered {
        response.on_hover_text(describe(record));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(started_at_ms: u64, init: Option<f64>, duration_ms: f64) -> InvocationRecord {
        InvocationRecord::example(started_at_ms, init, duration_ms)
    }

    #[test]
    fn each_handler_has_its_own_rows_even_with_the_same_environment_ids() {
        let mut hello = record(1_000, Some(40.0), 10.0);
        hello.function_name = "hello".into();
        hello.environment_id = Some(1);
        let mut counter = record(1_100, Some(30.0), 5.0);
        counter.function_name = "counter".into();
        counter.environment_id = Some(1);
        let mut hello_again = record(1_200, None, 5.0);
        hello_again.function_name = "hello".into();
        hello_again.environment_id = Some(1);
        let environment = |handler: &str| Row::Environment {
            handler: handler.into(),
            environment_id: Some(1),
        };
        assert_eq!(
            rows(&[&hello, &counter, &hello_again]),
            [
                Row::Handler("hello".into()),
                environment("hello"),
                Row::Handler("counter".into()),
                environment("counter"),
            ]
        );
    }

    #[test]
    fn init_comes_before_the_run_on_one_axis() {
        let cold = record(1_000, Some(40.0), 10.0);
        let warm = record(1_100, None, 5.0);
        let (placed, span) = segments(&[&cold, &warm]);
        assert_eq!(
            placed,
            [
                Segments {
                    start_ms: 0.0,
                    init_end_ms: 40.0,
                    end_ms: 50.0
                },
                Segments {
                    start_ms: 100.0,
                    init_end_ms: 100.0,
                    end_ms: 105.0
                },
            ]
        );
        assert!((span - 105.0).abs() < 1e-9);
        assert!(describe(&cold).contains("Init took 40.0 ms"));
        assert!(describe(&warm).contains("Warm"));
    }
}
