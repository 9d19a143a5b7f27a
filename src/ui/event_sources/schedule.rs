//! The schedule tab: an EventBridge rule's expression checked as PutRule checks it, its next
//! fire times in UTC and local time, and each firing as it happens.

use egui::RichText;

use super::{slot_report, start_stop};
use crate::command::AppCommand;
use crate::jobs::sources::{SourceKind, SourceStart};
use crate::model::schedule::parse;
use crate::runtime::config::FunctionConfig;
use crate::sources::schedule::{clock_time, describe_time};
use crate::sources::settings::ScheduleSettings;
use crate::ui::AppView;

/// How many upcoming fire times are listed.
const LISTED: usize = 5;

pub(super) fn tab(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut ScheduleSettings,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let slot = view.jobs.sources.slot(SourceKind::Schedule);
    ui.label(
        "An EventBridge schedule rule: rate(…) or cron(…) in AWS's six fields (minutes hours \
         day-of-month month day-of-week year, in UTC). Each firing sends a Scheduled Event, \
         invoked asynchronously (retried twice on an error).",
    );
    ui.add_enabled_ui(!slot.is_running(), |ui| {
        egui::Grid::new("schedule_settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Expression");
                ui.add(
                    egui::TextEdit::singleline(&mut settings.expression)
                        .desired_width(260.0)
                        .font(egui::TextStyle::Monospace)
                        .hint_text("cron(0/15 * * * ? *)"),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Firings (0: until stopped)");
                ui.add(egui::DragValue::new(&mut settings.count).range(0..=10_000))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("Clock");
                ui.checkbox(
                    &mut settings.fast,
                    "Fast: a day of the schedule in 10 seconds",
                );
                ui.end_row();
            });
    });
    let start = start(settings);
    if let Ok(expression) = parse(&settings.expression) {
        let now = clock_time(crate::runtime::record::now_ms());
        let upcoming = expression.next_n(now, now, LISTED);
        ui.label(RichText::new("Next fire times").strong());
        if upcoming.is_empty() {
            ui.label("None: this expression has no fire time after now.");
        }
        for time in upcoming {
            ui.label(RichText::new(describe_time(time)).monospace());
        }
    }
    start_stop(ui, SourceKind::Schedule, slot, config, start, commands);
    slot_report(ui, slot);
}

/// What Start starts, or why the expression is not valid (AWS's message and ours).
pub(super) fn start(settings: &ScheduleSettings) -> Result<SourceStart, String> {
    let expression = parse(&settings.expression).map_err(|error| error.to_string())?;
    Ok(SourceStart::Schedule {
        expression,
        text: settings.expression.trim().to_owned(),
        fast: settings.fast,
        count: (settings.count > 0).then_some(settings.count),
    })
}
