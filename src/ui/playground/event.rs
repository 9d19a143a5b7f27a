//! The Playground's event editor: a sample event to start from, the JSON with its syntax,
//! kind and AWS shape checked, its size against Lambda's limits, a form for the parameters
//! that matter, notes on the fields, a tree view, saved test events, and event files to
//! import and export.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use super::{LoadedEvent, PlaygroundPage, Replacement, sample_event_id};
use crate::command::{AppCommand, FileRequest, SaveAs, Written};
use crate::content::events::{self, apply_parameter, read_parameter};
use crate::model::format;
use crate::model::lambda::InvocationType;
use crate::model::limits::{MAX_ASYNC_REQUEST_BYTES, MAX_SYNC_REQUEST_BYTES};
use crate::state::{PlaygroundSettings, SavedEvent};
use crate::ui::AppView;
use crate::ui::theme;

/// Above this size the event editor stops highlighting, so a 6 MB event stays editable.
pub const HIGHLIGHT_LIMIT_BYTES: usize = 200_000;

/// How tall the notes on a sample event may grow before they scroll, in points.
const NOTES_MAX_HEIGHT: f32 = 320.0;

impl PlaygroundPage {
    pub(super) fn event_editor(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        settings: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let analysis = view.jobs.event_check.analysis();
        self.event_status(ui, view, settings.invocation_type);
        ui.horizontal_wrapped(|ui| {
            if let Ok(events) = &view.samples.events {
                let current = settings.event_sources.get(&settings.handler).cloned();
                let mut chosen = None;
                // Names what the editor holds: the sample, saved event or file it came from.
                let loaded = self
                    .event_label(view, settings)
                    .unwrap_or_else(|| "Sample events…".to_owned());
                egui::ComboBox::from_id_salt("sample_event")
                    .selected_text(loaded)
                    .height(420.0)
                    // Typing in the search box must not close the list.
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                    .show_ui(ui, |ui| {
                        let search = ui.add(
                            egui::TextEdit::singleline(&mut self.event_search)
                                .hint_text("Search service, name, description, handler")
                                .desired_width(260.0),
                        );
                        search.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                "Search sample events",
                            )
                        });
                        // Typing goes straight to the search box when the list opens.
                        let pass = ui.ctx().cumulative_pass_nr();
                        if self.event_list_pass + 1 < pass {
                            search.request_focus();
                        }
                        self.event_list_pass = pass;
                        let query = self.event_search.trim().to_lowercase();
                        let matches = |event: &crate::content::events::SampleEvent| {
                            query.is_empty()
                                || [
                                    &event.service,
                                    &event.title,
                                    &event.teaches,
                                    &event.id,
                                    &event.handler,
                                ]
                                .iter()
                                .any(|text| text.to_lowercase().contains(&query))
                        };
                        let mut shown = 0;
                        for service in events.services() {
                            let in_service: Vec<_> = events
                                .events
                                .iter()
                                .filter(|e| e.service == service && matches(e))
                                .collect();
                            if in_service.is_empty() {
                                continue;
                            }
                            ui.label(egui::RichText::new(service).strong());
                            for event in in_service {
                                shown += 1;
                                let selected = current.as_deref() == Some(event.id.as_str());
                                if ui
                                    .selectable_label(selected, format!("  {}", event.title))
                                    .on_hover_text(&event.teaches)
                                    .clicked()
                                {
                                    chosen = Some(event.id.clone());
                                    ui.close();
                                }
                            }
                        }
                        if shown == 0 {
                            ui.label(format!(
                                "No sample event matches \"{}\"",
                                self.event_search.trim()
                            ));
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Sample event")
                    });
                if let Some(id) = chosen {
                    self.ask_to_replace_event(Replacement::Sample(id), settings, commands);
                }
            }
            if ui
                .button("Format")
                .on_hover_text("Pretty-print the JSON")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string_pretty(&value).unwrap_or_default();
                self.event_changed(commands);
            }
            if ui
                .button("Minify")
                .on_hover_text("Remove the whitespace")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string(&value).unwrap_or_default();
                self.event_changed(commands);
            }
            ui.toggle_value(&mut settings.event_tree, "Tree view")
                .on_hover_text("The event as a tree, with the notes beside their fields (click again for the text)");
        });
        // Saved events, files, parameters and notes share one wrapped row; parameters and
        // notes open as pop-ups, so they never take the editor's height.
        ui.horizontal_wrapped(|ui| {
            self.saved_events_row(ui, settings, commands);
            self.parameters_and_notes(ui, view, settings, commands);
        });
        if settings.event_tree {
            self.event_tree(ui, view, settings);
            return;
        }
        let error_line = analysis.parse_error.as_ref().map(|(line, _, _)| *line);
        let highlight = self.event_text.len() <= HIGHLIGHT_LIMIT_BYTES;
        if !highlight {
            ui.label(
                egui::RichText::new(format!(
                    "Highlighting is off above {} KB so a large event stays quick to edit.",
                    HIGHLIGHT_LIMIT_BYTES / 1000
                ))
                .weak()
                .small(),
            );
        }
        if self.event_area.show(
            ui,
            "event_editor",
            "Event JSON",
            &mut self.event_text,
            "json",
            error_line,
            highlight,
        ) {
            self.event_changed(commands);
        }
    }

    fn event_status(&self, ui: &mut egui::Ui, view: &AppView<'_>, invocation_type: InvocationType) {
        let analysis = view.jobs.event_check.analysis();
        if view.jobs.event_check.is_checking() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Checking the event…");
            });
        }
        // One row with the heading: the toolbar is what the editor's lines give way to.
        ui.horizontal_wrapped(|ui| {
            ui.heading("Event");
            match (&analysis.parse_error, &analysis.kind) {
                (Some((line, column, message)), _) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("✖ Invalid JSON at line {line}, column {column}: {message}"),
                    );
                }
                (None, Some(kind)) => {
                    badge(ui, &kind.label);
                    match &analysis.mismatch {
                        None => {
                            ui.label(egui::RichText::new("✔ shape").color(theme::success(ui)))
                                .on_hover_text(format!(
                                    "The shape matches: it deserialises into aws_lambda_events {}",
                                    kind.rust_type
                                ));
                        }
                        Some(mismatch) => {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("⚠ {}: {}", mismatch.path, mismatch.message),
                            )
                            .on_hover_text(format!(
                                "Not the shape of aws_lambda_events {}",
                                kind.rust_type
                            ));
                        }
                    }
                }
                (None, None) => {
                    badge(ui, "unknown shape");
                }
            }
            self.size_meter(ui, invocation_type);
        });
    }

    /// The event's size against the limit of the invocation type.
    fn size_meter(&self, ui: &mut egui::Ui, invocation_type: InvocationType) {
        let limit = if invocation_type == InvocationType::Event {
            MAX_ASYNC_REQUEST_BYTES
        } else {
            MAX_SYNC_REQUEST_BYTES
        };
        let bytes = self.event_text.len();
        let fraction = bytes as f32 / limit as f32;
        let kind = if invocation_type == InvocationType::Event {
            "asynchronous"
        } else {
            "synchronous"
        };
        let text = format!("{} / {}", format::bytes(bytes), format::bytes(limit));
        let colour = if fraction > 1.0 {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().weak_text_color()
        };
        let mut bar = egui::ProgressBar::new(fraction.min(1.0))
            .desired_width(36.0)
            .desired_height(8.0);
        if fraction > 1.0 {
            bar = bar.fill(ui.visuals().error_fg_color);
        }
        let hover = format!(
            "{} of Lambda's {} {kind} request limit",
            format::bytes(bytes),
            format::bytes(limit)
        );
        ui.add(bar).on_hover_text(&hover);
        // Whole or on the next row, never split across two.
        ui.add(
            egui::Label::new(egui::RichText::new(text).small().color(colour))
                .wrap_mode(egui::TextWrapMode::Extend),
        )
        .on_hover_text(hover);
    }

    fn parameters_and_notes(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let Ok(events) = &view.samples.events else {
            return;
        };
        let Some(sample) = sample_event_id(view, settings).and_then(|id| events.get(&id)) else {
            return;
        };
        let current: Option<&Value> = view.jobs.event_check.analysis().value.as_ref();
        for parameter in &sample.parameters {
            if !self.parameter_values.contains_key(&parameter.name) {
                let value = current
                    .and_then(|v| read_parameter(v, parameter).ok())
                    .unwrap_or_else(|| parameter.default.clone());
                self.parameter_values.insert(parameter.name.clone(), value);
            }
        }
        let mut apply = false;
        if !sample.parameters.is_empty() {
            let button = ui
                .button(format!("Parameters ({}) ⏷", sample.parameters.len()))
                .on_hover_text("The fields worth changing, encoded as AWS sends them");
            egui::Popup::from_toggle_button_response(&button)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show(|ui| {
                    for parameter in &sample.parameters {
                        let value = self
                            .parameter_values
                            .entry(parameter.name.clone())
                            .or_default();
                        ui.horizontal(|ui| {
                            ui.label(format!("--{}", parameter.name))
                                .on_hover_text(&parameter.help);
                            ui.add(egui::TextEdit::singleline(value).desired_width(220.0));
                            ui.label(
                                egui::RichText::new(parameter.encoding.label())
                                    .weak()
                                    .small(),
                            );
                        });
                    }
                    if ui
                        .button("Apply to the event")
                        .on_hover_text("Write the values into the event, encoded as AWS sends them")
                        .clicked()
                    {
                        apply = true;
                        ui.close();
                    }
                });
        }
        if apply {
            self.apply_parameters(&sample.parameters, commands);
        }
        if !sample.notes.is_empty() {
            // A pop-up over the editor: open notes used to take all the room the event
            // editor had at 1280×800.
            let button = ui
                .button(format!("Notes ({}) ⏷", sample.notes.len()))
                .on_hover_text(
                    "Notes on this event: what the fields mean, from the AWS documentation",
                );
            egui::Popup::from_toggle_button_response(&button)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .width(420.0)
                .show(|ui| {
                    egui::ScrollArea::vertical()
                        .id_salt(("notes scroll", &sample.id))
                        .max_height(NOTES_MAX_HEIGHT)
                        .show(ui, |ui| {
                            for note in &sample.notes {
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(
                                        egui::RichText::new(&note.pointer)
                                            .monospace()
                                            .color(theme::accent(ui)),
                                    );
                                    ui.label(&note.text);
                                });
                            }
                        });
                });
        }
    }

    /// Named test events for this handler (saving one is in the same pop-up, as in the
    /// console's test-event menu), and event files: import, export, recent.
    fn saved_events_row(
        &mut self,
        ui: &mut egui::Ui,
        settings: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let mut saved = settings
            .saved_events
            .get(&settings.handler)
            .cloned()
            .unwrap_or_default();
        let before = saved.clone();
        egui::ComboBox::from_id_salt("saved_events")
            .selected_text(format!("Saved ({})", saved.len()))
            // Typing the name must not close the list.
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.save_name)
                            .hint_text("name this event")
                            .desired_width(150.0),
                    )
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Event name")
                    });
                    let name = self.save_name.trim().to_owned();
                    if ui
                        .add_enabled(!name.is_empty(), egui::Button::new("Save"))
                        .on_hover_text(
                            "Save this event under the name (an existing name is replaced)",
                        )
                        .clicked()
                    {
                        saved.retain(|event| event.name != name);
                        saved.push(SavedEvent {
                            name: name.clone(),
                            json: self.event_text.clone(),
                        });
                        self.loaded_event = Some(LoadedEvent::Saved(name));
                        self.event_baseline = self.event_text.clone();
                        self.save_name.clear();
                    }
                });
                if saved.is_empty() {
                    ui.label("None yet: name the event and press Save.");
                }
                let mut delete = None;
                for (index, event) in saved.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui.selectable_label(false, &event.name).clicked() {
                            self.ask_to_replace_event(
                                Replacement::Saved {
                                    name: event.name.clone(),
                                    json: event.json.clone(),
                                },
                                settings,
                                commands,
                            );
                            ui.close();
                        }
                        if ui
                            .small_button("✖")
                            .on_hover_text("Delete this saved event")
                            .clicked()
                        {
                            delete = Some(index);
                        }
                    });
                }
                if let Some(index) = delete {
                    saved.remove(index);
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Saved events"));
        if saved != before {
            settings
                .saved_events
                .insert(settings.handler.clone(), saved);
        }
        let file_button = ui
            .button("File ⏷")
            .on_hover_text("Import or export the event as a JSON file");
        // Typing a path must not close it.
        egui::Popup::from_toggle_button_response(&file_button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                if ui
                    .button("Import…")
                    .on_hover_text("Open a JSON file (or drop one on the window)")
                    .clicked()
                {
                    commands.push(AppCommand::RequestFile(FileRequest::ImportEvent));
                    ui.close();
                }
                if ui
                    .button("Export…")
                    .on_hover_text("Save this event to a JSON file")
                    .clicked()
                {
                    commands.push(AppCommand::RequestFile(FileRequest::SaveAs(SaveAs {
                        file_stem: format!("{}-event", settings.handler),
                        kind: "JSON",
                        extension: "json",
                        bytes: Arc::from(self.event_text.as_bytes()),
                        what: Written::Event,
                    })));
                    ui.close();
                }
                // Works where no file dialog can open (no desktop portal).
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut self.event_path)
                            .hint_text("or type a file's path")
                            .desired_width(220.0),
                    )
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Event file path")
                    });
                    let path = self.event_path.trim().to_owned();
                    if ui
                        .add_enabled(!path.is_empty(), egui::Button::new("Open"))
                        .clicked()
                    {
                        commands.push(AppCommand::OpenEventFile(path.into()));
                        self.event_path.clear();
                        ui.close();
                    }
                });
                if !settings.recent_files.is_empty() {
                    ui.separator();
                    ui.label(egui::RichText::new("Recent").weak());
                    for path in &settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(AppCommand::OpenEventFile(path.clone()));
                            ui.close();
                        }
                    }
                }
            });
    }

    /// The event as a tree, each noted field with its note beside it.
    fn event_tree(&self, ui: &mut egui::Ui, view: &AppView<'_>, settings: &PlaygroundSettings) {
        let Some(value) = &view.jobs.event_check.analysis().value else {
            ui.label("The tree needs valid JSON: switch to Text to fix it.");
            return;
        };
        let notes: BTreeMap<String, String> = view
            .samples
            .events
            .as_ref()
            .ok()
            .and_then(|events| {
                let id = sample_event_id(view, settings)?;
                events.get(&id).map(|event| {
                    event
                        .notes
                        .iter()
                        .map(|note| (note.pointer.clone(), note.text.clone()))
                        .collect()
                })
            })
            .unwrap_or_default();
        egui::ScrollArea::both()
            .id_salt("event_tree")
            .auto_shrink([false, false])
            .show(ui, |ui| json_tree(ui, "event", value, "", &notes, 0));
    }

    fn apply_parameters(
        &mut self,
        parameters: &[events::Parameter],
        commands: &mut Vec<AppCommand>,
    ) {
        let Ok(mut value) = serde_json::from_str::<Value>(&self.event_text) else {
            self.notice =
                Some("Fix the JSON first: parameters are written into a valid event.".to_owned());
            return;
        };
        for parameter in parameters {
            if let Some(text) = self.parameter_values.get(&parameter.name)
                && let Err(error) = apply_parameter(&mut value, parameter, text)
            {
                self.notice = Some(format!("--{}: {error}", parameter.name));
                return;
            }
        }
        self.event_text = serde_json::to_string_pretty(&value).unwrap_or_default();
        self.event_changed(commands);
    }
}

/// Children shown per object or array in the tree; the rest are summarised.
const TREE_CHILDREN_LIMIT: usize = 200;

/// One node of the JSON tree: objects and arrays fold, leaves show their value, and a field
/// with a note shows it beside the field.
fn json_tree(
    ui: &mut egui::Ui,
    key: &str,
    value: &Value,
    pointer: &str,
    notes: &BTreeMap<String, String>,
    depth: usize,
) {
    let note = notes.get(pointer);
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    if matches!(value, Value::Object(_) | Value::Array(_)) {
        let summary = match value {
            Value::Array(items) => format!("{key} [{}]", items.len()),
            _ => format!("{key} {{{}}}", children.len()),
        };
        egui::CollapsingHeader::new(egui::RichText::new(summary).monospace())
            .id_salt(("json_tree", pointer))
            .default_open(depth < 3)
            .show(ui, |ui| {
                if let Some(note) = note {
                    ui.label(egui::RichText::new(format!("ℹ {note}")).color(theme::accent(ui)));
                }
                for (child_key, child) in children.iter().take(TREE_CHILDREN_LIMIT) {
                    let escaped = child_key.replace('~', "~0").replace('/', "~1");
                    json_tree(
                        ui,
                        child_key,
                        child,
                        &format!("{pointer}/{escaped}"),
                        notes,
                        depth + 1,
                    );
                }
                if children.len() > TREE_CHILDREN_LIMIT {
                    ui.label(format!("… {} more", children.len() - TREE_CHILDREN_LIMIT));
                }
            });
    } else {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(format!("{key}:")).monospace().weak());
            let text = value.to_string();
            let shown = if text.len() > 200 {
                format!(
                    "{}… ({} characters)",
                    text.chars().take(200).collect::<String>(),
                    text.len()
                )
            } else {
                text
            };
            ui.label(egui::RichText::new(shown).monospace());
            if let Some(note) = note {
                ui.label(egui::RichText::new(format!("ℹ {note}")).color(theme::accent(ui)));
            }
        });
    }
}

fn badge(ui: &mut egui::Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().selection.bg_fill.linear_multiply(0.4))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).strong());
        });
}
