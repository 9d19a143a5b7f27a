//! The Playground's function panel: the handler picker (samples and the learner's own), new
//! handlers and resets, memory, timeout, /tmp, invocation type, repeat and burst, environment
//! variables with Lambda's 4 KB meter, and reserved and provisioned concurrency.

use super::PlaygroundPage;
use crate::command::AppCommand;
use crate::content::handlers::SampleHandlers;
use crate::model::format;
use crate::model::lambda::InvocationType;
use crate::model::limits::{
    DEFAULT_TIMEOUT_SECS, FULL_VCPU_MEMORY_MB, MAX_ENVIRONMENT_BYTES, MAX_EPHEMERAL_STORAGE_MB,
    MAX_MEMORY_MB, MAX_TIMEOUT_SECS, MIN_EPHEMERAL_STORAGE_MB, MIN_MEMORY_MB, MIN_TIMEOUT_SECS,
};
use crate::state::PlaygroundSettings;
use crate::ui::AppView;
use crate::workspace::Language;

impl PlaygroundPage {
    /// Reset to sample, a new handler of the learner's own, and the workspace folder.
    pub(super) fn workspace_row(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        handlers: &SampleHandlers,
        next: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let own = &view.workspace_files.own;
        let edited_sample = handlers.get(&next.handler).is_some()
            && view.workspace_files.copies.contains_key(&next.handler);
        if edited_sample
            && ui
                .small_button("↺ Reset to sample")
                .on_hover_text(
                    "Forget your edits of this handler and load the shipped sample again",
                )
                .clicked()
        {
            commands.push(AppCommand::ResetHandler(next.handler.clone()));
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.new_handler_name)
                .hint_text("new-handler-name")
                .desired_width(120.0),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New handler name"));
        egui::ComboBox::from_id_salt("new_handler_language")
            .selected_text(self.new_handler_language.name())
            .width(90.0)
            .show_ui(ui, |ui| {
                for language in Language::TEMPLATES {
                    ui.selectable_value(&mut self.new_handler_language, language, language.name());
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "New handler language")
            });
        let name = self.new_handler_name.trim().to_owned();
        let problem = handler_name_problem(&name, handlers, own);
        if ui
            .add_enabled(problem.is_none(), egui::Button::new("New handler…"))
            .on_hover_text(problem.as_deref().unwrap_or(
                "Create a handler of your own from a commented template (in My handlers)",
            ))
            .on_disabled_hover_text(problem.as_deref().unwrap_or(""))
            .clicked()
        {
            commands.push(AppCommand::CreateHandler {
                name: name.clone(),
                language: self.new_handler_language,
            });
            next.handler = name;
            next.leave_try_it();
            self.new_handler_name.clear();
        }
        if ui
            .small_button("📁 Workspace")
            .on_hover_text(format!(
                "Open the workspace folder, where your handlers are saved: {}",
                view.workspace.handlers_dir().display()
            ))
            .clicked()
        {
            commands.push(AppCommand::OpenWorkspaceFolder);
        }
    }
}

/// Why a name cannot be used for a new handler, if it cannot.
fn handler_name_problem(name: &str, samples: &SampleHandlers, own: &[String]) -> Option<String> {
    if name.is_empty() {
        return Some("Type a name for the new handler first".to_owned());
    }
    if name.len() > 40
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || name.starts_with('-')
    {
        return Some(
            "Use lowercase letters, digits and dashes (up to 40), like my-handler".to_owned(),
        );
    }
    if samples.get(name).is_some() || own.iter().any(|n| n == name) {
        return Some(format!("There is already a handler called {name}"));
    }
    None
}

pub(super) fn header(
    ui: &mut egui::Ui,
    handlers: &SampleHandlers,
    own: &[String],
    next: &mut PlaygroundSettings,
    edited: bool,
) {
    ui.heading("Playground");
    let current = handlers.get(&next.handler);
    egui::ComboBox::from_id_salt("handler_picker")
        .selected_text(current.map_or(format!("{} (mine)", next.handler), |h| h.title.clone()))
        .width(240.0)
        .show_ui(ui, |ui| {
            if !own.is_empty() {
                ui.label(egui::RichText::new("My handlers").strong());
                for name in own {
                    if ui.selectable_label(next.handler == *name, name).clicked() {
                        next.handler = name.clone();
                        next.leave_try_it();
                    }
                }
                ui.label(egui::RichText::new("Samples").strong());
            }
            for handler in &handlers.handlers {
                if ui
                    .selectable_label(next.handler == handler.name, &handler.title)
                    .on_hover_text(&handler.teaches)
                    .clicked()
                {
                    next.handler = handler.name.clone();
                    next.leave_try_it();
                    if let Some(memory) = handler.memory_mb {
                        next.memory_mb = memory;
                    }
                    if let Some(timeout) = handler.timeout_secs {
                        next.timeout_secs = timeout;
                    }
                }
            }
        })
        .response
        // What the sample teaches is on hover (and atop its code): the editors need the height.
        .on_hover_text(current.map_or("A handler of your own", |h| h.teaches.as_str()))
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Handler"));
    if edited {
        ui.label(egui::RichText::new("edited").weak());
    }
}

/// Environment variables as an editable table, with the 4 KB meter Lambda enforces.
pub(super) fn environment_table(ui: &mut egui::Ui, next: &mut PlaygroundSettings, bytes: usize) {
    let title = format!(
        "Environment variables ({}) · {} of {} KB",
        next.environment.len(),
        format::bytes(bytes),
        MAX_ENVIRONMENT_BYTES / 1024
    );
    egui::CollapsingHeader::new(title)
        .id_salt("environment_variables")
        .show(ui, |ui| {
            let fraction = bytes as f32 / MAX_ENVIRONMENT_BYTES as f32;
            let mut bar = egui::ProgressBar::new(fraction.min(1.0))
                .desired_width(240.0)
                .desired_height(10.0);
            if fraction > 1.0 {
                bar = bar.fill(ui.visuals().error_fg_color);
            }
            ui.add(bar).on_hover_text(format!(
                "Lambda allows {} KB of variables in total: every key and value counts.",
                MAX_ENVIRONMENT_BYTES / 1024
            ));
            let mut remove = None;
            egui::Grid::new("environment_grid").show(ui, |ui| {
                for (index, (key, value)) in next.environment.iter_mut().enumerate() {
                    ui.add(
                        egui::TextEdit::singleline(key)
                            .hint_text("KEY")
                            .desired_width(160.0)
                            .font(egui::TextStyle::Monospace),
                    );
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text("value")
                            .desired_width(260.0)
                            .font(egui::TextStyle::Monospace),
                    );
                    if ui.small_button("✖").on_hover_text("Remove").clicked() {
                        remove = Some(index);
                    }
                    ui.end_row();
                }
            });
            if let Some(index) = remove {
                next.environment.remove(index);
            }
            if ui.small_button("+ Add variable").clicked() {
                next.environment.push((String::new(), String::new()));
            }
        });
}

pub(super) fn concurrency_settings(ui: &mut egui::Ui, next: &mut PlaygroundSettings) {
    ui.horizontal_wrapped(|ui| {
        let mut reserved = next.reserved_concurrency.is_some();
        if ui
            .checkbox(&mut reserved, "Reserved concurrency")
            .on_hover_text("Caps this function's environments (and guarantees them); over the cap requests are throttled with HTTP 429")
            .changed()
        {
            next.reserved_concurrency = reserved.then_some(next.reserved_concurrency.unwrap_or(5));
        }
        if let Some(limit) = next.reserved_concurrency.as_mut() {
            ui.add(egui::DragValue::new(limit).speed(1.0));
        }
        ui.separator();
        ui.label("Provisioned concurrency");
        ui.add(egui::DragValue::new(&mut next.provisioned_concurrency).speed(1.0))
            .on_hover_text("Environments initialised ahead of traffic: requests they serve are warm from the first one");
    });
}

pub(super) fn function_settings(ui: &mut egui::Ui, next: &mut PlaygroundSettings) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Memory");
        ui.add(
            egui::DragValue::new(&mut next.memory_mb)
                .speed(16.0)
                .suffix(" MB"),
        )
        .on_hover_text(format!(
            "{}–{} MB. CPU share grows with memory: {} MB is one full vCPU.",
            format::count(MIN_MEMORY_MB.into()),
            format::count(MAX_MEMORY_MB.into()),
            format::count(FULL_VCPU_MEMORY_MB.into()),
        ));
        for stop in [
            MIN_MEMORY_MB,
            512,
            1024,
            FULL_VCPU_MEMORY_MB,
            3008,
            MAX_MEMORY_MB,
        ] {
            if ui.small_button(stop.to_string()).clicked() {
                next.memory_mb = stop;
            }
        }
        ui.separator();
        ui.label("Timeout");
        ui.add(egui::DragValue::new(&mut next.timeout_secs).speed(1.0).suffix(" s"))
            .on_hover_text(format!(
                "{MIN_TIMEOUT_SECS}–{MAX_TIMEOUT_SECS} seconds; Lambda's default is {DEFAULT_TIMEOUT_SECS}"
            ));
        ui.separator();
        ui.label("/tmp");
        ui.add(
            egui::DragValue::new(&mut next.ephemeral_storage_mb)
                .speed(16.0)
                .suffix(" MB"),
        )
        .on_hover_text(format!(
            "Ephemeral storage, {}–{} MB",
            format::count(MIN_EPHEMERAL_STORAGE_MB.into()),
            format::count(MAX_EPHEMERAL_STORAGE_MB.into())
        ));
        ui.separator();
        egui::ComboBox::from_id_salt("invocation_type")
            .selected_text(next.invocation_type.api_name())
            .show_ui(ui, |ui| {
                for kind in InvocationType::ALL {
                    ui.selectable_value(&mut next.invocation_type, kind, kind.api_name());
                }
            })
            .response
            .on_hover_text("RequestResponse waits for the answer; Event queues it (202) and retries failures twice; DryRun only validates (204)")
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Invocation type")
            });
        ui.label("Repeat");
        ui.add(egui::DragValue::new(&mut next.repeat).range(1..=100))
            .on_hover_text("Invoke this many times in a row: warm reuse shows");
        ui.label("At once");
        ui.add(egui::DragValue::new(&mut next.concurrency).range(1..=1000))
            .on_hover_text("Send this many at the same moment: each needs its own environment");
    });
}

impl PlaygroundPage {
    /// The function's settings: what runs the code, memory, timeout, /tmp, invocation type,
    /// repeat and burst, variables, layers and concurrency.
    pub(super) fn settings_body(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        config: Option<&crate::runtime::config::FunctionConfig>,
        next: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        if let Some(config) = config {
            // What the runtime is, and whether its durations are Lambda's.
            ui.label(
                egui::RichText::new(super::runtime::explanation(config))
                    .weak()
                    .small(),
            );
        }
        function_settings(ui, next);
        // The runtime just picked does not change the variables' size.
        let environment_bytes =
            config.map_or(0, crate::runtime::config::FunctionConfig::environment_bytes);
        ui.horizontal_top(|ui| {
            environment_table(ui, next, environment_bytes);
            self.layers_section(ui, view, next, commands);
            concurrency_settings(ui, next);
        });
    }

    /// What the last Try it asked to look for, and the per-run settings it set, with a way
    /// back to one invoke at a time (a learner who moves on should not inherit a burst).
    pub(super) fn try_it_lines(&self, ui: &mut egui::Ui, next: &mut PlaygroundSettings) {
        if let Some(look_for) = &next.look_for {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new("Look for:")
                        .strong()
                        .color(crate::ui::theme::accent(ui)),
                );
                ui.label(look_for);
            });
        }
        let Some(label) = next.set_by.clone() else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{} set by the Try it “{label}”",
                    per_run_summary(next)
                ))
                .weak(),
            );
            if ui
                .small_button("Reset to one invoke")
                .on_hover_text("Repeat 1, At once 1, RequestResponse")
                .clicked()
            {
                next.reset_per_run();
            }
        });
    }
}

/// "Repeat 3 · At once 10 · Event", naming only what differs from one synchronous invoke.
fn per_run_summary(settings: &PlaygroundSettings) -> String {
    let mut parts = Vec::new();
    if settings.repeat != 1 {
        parts.push(format!("Repeat {}", settings.repeat));
    }
    if settings.concurrency != 1 {
        parts.push(format!("At once {}", settings.concurrency));
    }
    if settings.invocation_type != InvocationType::RequestResponse {
        parts.push(settings.invocation_type.to_string());
    }
    if parts.is_empty() {
        "Invoke settings".to_owned()
    } else {
        parts.join(" · ")
    }
}
