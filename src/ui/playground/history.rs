//! The session's history in the Playground: every invoke asked for by hand, newest first,
//! with the handler and event it ran; filtered by a search and to the current handler;
//! each row can be opened, and re-run against the current code.

use crate::runtime::record::InvocationRecord;
use crate::session::{Entry, Session};

/// Rows shown at most (the session keeps more).
const MAX_ROWS: usize = 100;

/// What the learner asked of the history this frame.
pub enum HistoryAction {
    /// Show this invocation (request id, start) in the results.
    Open(String, u64),
    /// Invoke the current handler again with this event (its label and text).
    Rerun {
        event_label: String,
        event_json: std::sync::Arc<str>,
    },
    /// Open this other handler in the Playground.
    SwitchTo(String),
}

/// The history filter as typed, kept by the page.
#[derive(Default)]
pub struct HistoryFilter {
    pub text: String,
    pub this_handler_only: bool,
}

impl HistoryFilter {
    fn keeps(&self, entry: &Entry, handler: &str) -> bool {
        let (entry_handler, event) =
            entry
                .run
                .as_ref()
                .map_or((entry.record.function_name.as_str(), ""), |run| {
                    (
                        run.request.handler.as_str(),
                        run.request.event_label.as_str(),
                    )
                });
        if self.this_handler_only && entry_handler != handler {
            return false;
        }
        let query = self.text.trim().to_lowercase();
        query.is_empty()
            || [
                entry_handler,
                event,
                super::results::status_text(&entry.record),
                entry.record.request_id.as_str(),
            ]
            .iter()
            .any(|field| field.to_lowercase().contains(&query))
    }
}

/// The history table under its filter; returns what was clicked.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    filter: &mut HistoryFilter,
    handler: &str,
) -> Option<HistoryAction> {
    let count = session.by_hand_count();
    if count == 0 {
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!("History ({count} this session, newest first)")).strong(),
        );
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("filter: handler, event, status")
                .desired_width(200.0),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter history"));
        ui.checkbox(&mut filter.this_handler_only, format!("only {handler}"));
    });
    let mut action = None;
    let entries: Vec<&Entry> = session
        .by_hand_entries()
        .rev()
        .filter(|entry| filter.keeps(entry, handler))
        .take(MAX_ROWS)
        .collect();
    if entries.is_empty() {
        ui.label("No invoke in the history matches the filter.");
        return None;
    }
    egui::Grid::new("playground_history")
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "run", "time", "handler", "event", "start", "duration", "billed", "memory",
                "status", "",
            ] {
                ui.label(egui::RichText::new(heading).weak());
            }
            ui.end_row();
            for entry in entries {
                let record: &InvocationRecord = &entry.record;
                let run = entry.run.as_deref();
                ui.label(run.map_or(String::new(), |run| run.id.to_string()));
                let time = crate::runtime::record::iso_time(record.started_at_ms);
                ui.label(time.get(11..23).unwrap_or(&time))
                    .on_hover_text(format!("request id {}", record.request_id));
                let row_handler = run.map_or(record.function_name.as_str(), |run| {
                    run.request.handler.as_str()
                });
                ui.label(row_handler);
                ui.label(run.map_or("", |run| run.request.event_label.as_str()));
                ui.label(if record.cold { "cold" } else { "warm" });
                ui.label(format!("{:.2} ms", record.duration_ms));
                ui.label(format!("{} ms", record.billed_duration_ms));
                ui.label(format!(
                    "{}/{} MB",
                    record.max_memory_used_mb, record.memory_size_mb
                ));
                ui.label(super::results::status_text(record));
                ui.horizontal(|ui| {
                    if ui.small_button("Open").clicked() {
                        action = Some(HistoryAction::Open(
                            record.request_id.clone(),
                            record.started_at_ms,
                        ));
                    }
                    match run {
                        Some(run) if row_handler == handler => {
                            if ui
                                .small_button("Re-run")
                                .on_hover_text(
                                    "Invoke this handler again with this event (the code as it is now)",
                                )
                                .clicked()
                            {
                                action = Some(HistoryAction::Rerun {
                                    event_label: run.request.event_label.clone(),
                                    event_json: std::sync::Arc::clone(&run.request.event_json),
                                });
                            }
                        }
                        _ => {
                            if ui
                                .small_button(format!("Go to {row_handler}"))
                                .clicked()
                            {
                                action = Some(HistoryAction::SwitchTo(row_handler.to_owned()));
                            }
                        }
                    }
                });
                ui.end_row();
            }
        });
    action
}
