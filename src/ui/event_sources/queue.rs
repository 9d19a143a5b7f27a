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

/// Points across the chart's width: enough that a step looks upright.
const CHART_POINTS: usize = 400;

/// One column of the counts, sampled at evenly spaced times (a count holds until the next
/// sample). Drawing the samples themselves, with their near-vertical up-and-down pairs, made
/// the line's joins spill into stray triangles.
fn steps(rows: &[[f64; 4]], column: usize) -> Vec<[f64; 2]> {
    let Some(end) = rows.last().map(|row| row[0]) else {
        return Vec::new();
    };
    let mut next = 0;
    let mut value = rows[0][column];
    (0..=CHART_POINTS)
        .map(|i| {
            let x = end * i as f64 / CHART_POINTS as f64;
            while next < rows.len() && rows[next][0] <= x {
                value = rows[next][column];
                next += 1;
            }
            [x, value]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_sampled_evenly_holding_each_value_until_the_next() {
        let rows = [
            [0.0, 3.0, 0.0, 0.0],
            [0.1, 0.0, 1.0, 0.0],
            [30.0, 1.0, 0.0, 0.0],
            [30.2, 0.0, 1.0, 0.0],
            [40.0, 0.0, 1.0, 0.0],
        ];
        let points = steps(&rows, 1);
        assert_eq!(points.len(), CHART_POINTS + 1);
        assert_eq!(points[0], [0.0, 3.0]);
        let at = |x: f64| points.iter().rev().find(|p| p[0] <= x).map(|p| p[1]);
        assert_eq!(at(20.0), Some(0.0));
        assert_eq!(at(30.1), Some(1.0));
        assert_eq!(at(35.0), Some(0.0));
        assert_eq!(points.last(), Some(&[40.0, 0.0]));
        assert!(steps(&[], 1).is_empty());
    }
}
