//! The SQS queue tab: the messages (JSON Lines), the queue's and the mapping's settings, a
//! chart of visible, in-flight and dead-lettered messages on the queue's clock, each batch's
//! verdict and, when it stops, where every message went.

use egui::RichText;
use egui_plot::{Line, Plot, PlotPoints};

use super::{slot_report, start_stop};
use crate::command::AppCommand;
use crate::jobs::sources::{SourceKind, SourceSlot, SourceStart};
use crate::model::queue::{QueueConfig, parse_messages};
use crate::runtime::config::FunctionConfig;
use crate::sources::settings::QueueSettings;
use crate::ui::AppView;
use crate::ui::theme;
use crate::ui::widgets::chart_view::{LegendEntry, Swatch, legend_row};

pub(super) fn tab(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut QueueSettings,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let slot = view.jobs.sources.slot(SourceKind::Queue);
    ui.label(
        "An SQS queue with a Lambda event source mapping: the mapping receives batches, invokes \
         the handler once per batch, and deletes, retries or dead-letters the messages by AWS's \
         rules. Time runs faster than real time, so visibility timeouts pass in seconds.",
    );
    ui.add_enabled_ui(!slot.is_running(), |ui| {
        let label = ui.label("Messages, one per line").on_hover_text(
            "A line is a message body, or {\"body\": …, \"messageAttributes\": {…}, \
                 \"messageGroupId\": …} (a group is needed on a FIFO queue).",
        );
        ui.add(
            egui::TextEdit::multiline(&mut settings.messages)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .font(egui::TextStyle::Monospace),
        )
        .labelled_by(label.id);
        egui::Grid::new("queue_settings")
            .num_columns(4)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                number(ui, "Batch size", &mut settings.batch_size, 1..=10_000);
                number(
                    ui,
                    "Batch window (s)",
                    &mut settings.batch_window_secs,
                    0..=300,
                );
                ui.end_row();
                number(
                    ui,
                    "Visibility timeout (s)",
                    &mut settings.visibility_timeout_secs,
                    0..=43_200,
                );
                number(
                    ui,
                    "Max receive count (0: no DLQ)",
                    &mut settings.max_receive_count,
                    0..=1_000,
                );
                ui.end_row();
                ui.checkbox(
                    &mut settings.report_batch_item_failures,
                    "ReportBatchItemFailures",
                )
                .on_hover_text(
                    "The mapping reads the handler's {batchItemFailures: [{itemIdentifier}]} \
                     and retries only those messages.",
                );
                ui.checkbox(&mut settings.fifo, "FIFO queue");
                ui.end_row();
                let label = ui.label("Clock speed (× real time)");
                ui.add(
                    egui::DragValue::new(&mut settings.speed)
                        .range(1.0..=100_000.0)
                        .speed(1.0),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
    });
    let start = start(settings, config);
    start_stop(ui, SourceKind::Queue, slot, config, start, commands);
    counts_chart(ui, slot);
    slot_report(ui, slot);
}

fn number(ui: &mut egui::Ui, name: &str, value: &mut u32, range: std::ops::RangeInclusive<u32>) {
    let label = ui.label(name);
    ui.add(egui::DragValue::new(value).range(range))
        .labelled_by(label.id);
}

/// What Start starts, or what is wrong with the settings or the messages.
pub(super) fn start(
    settings: &QueueSettings,
    config: &Result<FunctionConfig, String>,
) -> Result<SourceStart, String> {
    let messages =
        parse_messages(&settings.messages).map_err(|error| format!("Messages: {error}"))?;
    if messages.is_empty() {
        return Err("Write at least one message.".to_owned());
    }
    let queue = QueueConfig {
        name: if settings.fifo {
            "lambda-lab-queue.fifo".to_owned()
        } else {
            "lambda-lab-queue".to_owned()
        },
        fifo: settings.fifo,
        batch_size: settings.batch_size,
        batch_window_secs: settings.batch_window_secs,
        visibility_timeout_secs: settings.visibility_timeout_secs,
        max_receive_count: (settings.max_receive_count > 0).then_some(settings.max_receive_count),
        report_batch_item_failures: settings.report_batch_item_failures,
        function_timeout_secs: config.as_ref().map_or(3, |config| config.timeout_secs),
    };
    if let Err(problems) = queue.validate() {
        let problems: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(problems.join("; "));
    }
    Ok(SourceStart::Queue {
        config: queue,
        messages,
        speed: settings.speed.max(1.0),
    })
}

/// Visible, in-flight and dead-lettered messages over the queue's clock.
fn counts_chart(ui: &mut egui::Ui, slot: &SourceSlot) {
    if slot.queue_counts.len() < 2 {
        return;
    }
    let series = [
        ("Visible", 1, theme::accent(ui)),
        ("In flight", 2, theme::warm(ui)),
        ("Dead-lettered", 3, theme::error_colour(ui)),
    ];
    legend_row(
        ui,
        &series
            .iter()
            .map(|(name, _, colour)| LegendEntry {
                colour: *colour,
                name: (*name).to_owned(),
                swatch: Swatch::Line,
            })
            .collect::<Vec<_>>(),
    );
    Plot::new("queue_counts")
        .height(180.0)
        .x_axis_label("queue clock (s)")
        .y_axis_label("messages")
        .allow_scroll(false)
        .show(ui, |plot| {
            for (name, column, colour) in series {
                let points: PlotPoints = steps(&slot.queue_counts, column).into();
                plot.line(Line::new(name, points).color(colour).width(2.0));
            }
        });
    ui.label(
        RichText::new(
            "The queue's clock runs faster than real time; invokes take their real time.",
        )
        .small()
        .weak(),
    );
}

/// One column of the counts as a step line: a count holds until the next sample, and repeated
/// points are dropped (a path through the same point twice draws stray triangles).
fn steps(rows: &[[f64; 4]], column: usize) -> Vec<[f64; 2]> {
    let mut points: Vec<[f64; 2]> = Vec::with_capacity(rows.len() * 2);
    for row in rows {
        let point = [row[0], row[column]];
        if let Some(&[_, previous_y]) = points.last() {
            if previous_y == point[1] {
                continue;
            }
            let corner = [point[0], previous_y];
            if points.last() != Some(&corner) {
                points.push(corner);
            }
        }
        if points.last() != Some(&point) {
            points.push(point);
        }
    }
    // The last count holds to the last sample.
    if let (Some(last_row), Some(&[x, y])) = (rows.last(), points.last())
        && last_row[0] > x
    {
        points.push([last_row[0], y]);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_become_a_step_line_without_repeated_points() {
        let rows = [
            [0.0, 3.0, 0.0, 0.0],
            [0.0, 3.0, 0.0, 0.0],
            [0.1, 0.0, 1.0, 0.0],
            [30.0, 1.0, 0.0, 0.0],
            [30.2, 0.0, 1.0, 0.0],
            [90.0, 0.0, 1.0, 0.0],
        ];
        assert_eq!(
            steps(&rows, 1),
            [
                [0.0, 3.0],
                [0.1, 3.0],
                [0.1, 0.0],
                [30.0, 0.0],
                [30.0, 1.0],
                [30.2, 1.0],
                [30.2, 0.0],
                [90.0, 0.0]
            ]
        );
    }
}
