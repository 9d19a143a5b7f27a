//! The Event sources page: the Playground's handler behind a trigger, with the rules AWS
//! documents. One tab per source (an HTTP endpoint, an SQS queue, a folder as an S3 bucket, a
//! schedule); each starts and stops on its own thread (`jobs::sources`), and every delivery
//! is an invocation in the session, so History, the Cold starts timeline and the Cost page
//! show it.

mod bucket;
mod http;
mod queue;
mod schedule;

use egui::RichText;

use crate::command::AppCommand;
use crate::jobs::sources::{SourceKind, SourceSlot, SourceStart};
use crate::runtime::config::FunctionConfig;
use crate::sources::settings::SourceTab;
use crate::ui::AppView;
use crate::ui::theme;

/// Draws the page. `config` is the Playground's handler as it would be invoked now, or why
/// it cannot be.
pub fn ui(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let mut settings = view.state.event_sources.clone();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Event sources");
            ui.label(
                "Put the Playground's handler behind a trigger and watch what the trigger does \
                 to the event: AWS's conversion, batching, retries and schedules. Every delivery \
                 is an invocation in this session, so History, Cold starts and Cost show it.",
            );
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| match config {
                Ok(config) => {
                    ui.label("Delivers to:");
                    ui.label(RichText::new(&config.function_name).strong());
                    ui.label(format!(
                        "· {} · {} MB · {} s timeout (change them in the Playground)",
                        config.runtime, config.memory_size_mb, config.timeout_secs
                    ));
                }
                Err(reason) => {
                    ui.colored_label(
                        theme::error_colour(ui),
                        format!("No handler to run: {reason}"),
                    );
                }
            });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                for (tab, kind) in [
                    (SourceTab::Http, SourceKind::Http),
                    (SourceTab::Queue, SourceKind::Queue),
                    (SourceTab::Bucket, SourceKind::Bucket),
                    (SourceTab::Schedule, SourceKind::Schedule),
                ] {
                    let running = view.jobs.sources.slot(kind).is_running();
                    let label = if running {
                        format!("● {}", kind.label())
                    } else {
                        kind.label().to_owned()
                    };
                    ui.selectable_value(&mut settings.tab, tab, label)
                        .on_hover_text(if running { "Running" } else { "Stopped" });
                }
            });
            ui.separator();
            if settings.start_requested {
                start_requested(view, &mut settings, config, commands);
            }
            match settings.tab {
                SourceTab::Http => http::tab(ui, view, &mut settings.http, config, commands),
                SourceTab::Queue => queue::tab(ui, view, &mut settings.queue, config, commands),
                SourceTab::Schedule => {
                    schedule::tab(ui, view, &mut settings.schedule, config, commands);
                }
                SourceTab::Bucket => bucket::tab(ui, view, &mut settings.bucket, config, commands),
            }
        });
    if settings != view.state.event_sources {
        commands.push(AppCommand::UpdateEventSources(settings));
    }
}

/// A Try it asked for the tab's source to start: it does once the Playground's handler is
/// ready, and the request is forgotten if the settings are not valid (the tab says why).
fn start_requested(
    view: &AppView<'_>,
    settings: &mut crate::sources::settings::EventSourcesSettings,
    config: &Result<FunctionConfig, String>,
    commands: &mut Vec<AppCommand>,
) {
    let Ok(config) = config else {
        // Still opening the handler: ask again next frame.
        return;
    };
    settings.start_requested = false;
    let start = match settings.tab {
        SourceTab::Http => http::start(&settings.http),
        SourceTab::Queue => queue::start(&settings.queue, &Ok(config.clone())),
        SourceTab::Schedule => schedule::start(&settings.schedule),
        SourceTab::Bucket => Ok(bucket::start(
            &settings.bucket,
            &view.workspace.bucket_dir().display().to_string(),
        )),
    };
    if let Ok(start) = start
        && !view.jobs.sources.slot(start.kind()).is_running()
    {
        commands.push(AppCommand::StartSource {
            config: Box::new(config.clone()),
            start,
        });
    }
}

/// The Start / Stop button of a source; `start` is None when its settings are not valid
/// (`why_not` says why).
fn start_stop(
    ui: &mut egui::Ui,
    kind: SourceKind,
    slot: &SourceSlot,
    config: &Result<FunctionConfig, String>,
    start: Result<SourceStart, String>,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        if slot.is_running() {
            if ui.button("⏹ Stop").clicked() {
                commands.push(AppCommand::StopSource(kind));
            }
            ui.label(
                RichText::new(slot.started.as_deref().unwrap_or("Running"))
                    .color(theme::success(ui)),
            );
            return;
        }
        let ready = match (config, &start) {
            (Ok(config), Ok(start)) => Some((config, start)),
            _ => None,
        };
        let button = ui.add_enabled(ready.is_some(), egui::Button::new("▶ Start"));
        if let (true, Some((config, start))) = (button.clicked(), ready) {
            commands.push(AppCommand::StartSource {
                config: Box::new(config.clone()),
                start: start.clone(),
            });
        }
        if let Err(why_not) = &start {
            ui.colored_label(theme::error_colour(ui), why_not);
        }
    });
}

/// What a source said: its error, its summary, and its deliveries, newest first.
fn slot_report(ui: &mut egui::Ui, slot: &SourceSlot) {
    if let Some(error) = &slot.error {
        ui.colored_label(theme::error_colour(ui), error);
    }
    if !slot.summary.is_empty() {
        ui.label(RichText::new("When it stopped").strong());
        for line in &slot.summary {
            ui.label(line);
        }
    }
    if slot.log.is_empty() {
        if slot.is_running() {
            ui.weak("No deliveries yet.");
        }
        return;
    }
    ui.label(RichText::new(format!("Deliveries ({})", slot.deliveries)).strong());
    egui::ScrollArea::vertical()
        .id_salt("deliveries")
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for line in slot.log.iter().rev() {
                ui.label(RichText::new(line).monospace());
            }
        });
}
