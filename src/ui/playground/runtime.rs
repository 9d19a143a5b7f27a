//! The Playground's function overview, as the Lambda console shows it (runtime, handler,
//! architecture, layers), and the runtime picker: the embedded engine or a real runtime
//! process, offered by the handler's language, with what this machine has for it.

use super::PlaygroundPage;
use crate::model::lambda::{
    CUSTOM_RUNTIME, DEFAULT_PYTHON_RUNTIME, EMBEDDED_ENGINE_RUNTIME, PROCESS_RUNTIMES,
};
use crate::runtime::config::{EMBEDDED, Executor, FunctionConfig, embedded_runtime};
use crate::runtime::external::launch;
use crate::state::PlaygroundSettings;
use crate::workspace::Language;

/// The runtimes a handler in `language` can run on, the default first.
pub(super) fn choices(language: Language) -> Vec<&'static str> {
    match language {
        Language::JavaScript => [EMBEDDED, EMBEDDED_NODEJS22]
            .into_iter()
            .chain(
                PROCESS_RUNTIMES
                    .iter()
                    .copied()
                    .filter(|r| r.starts_with("nodejs")),
            )
            .collect(),
        Language::Python => PROCESS_RUNTIMES
            .iter()
            .copied()
            .filter(|r| r.starts_with("python"))
            .collect(),
        Language::Bootstrap => vec![CUSTOM_RUNTIME],
    }
}

/// What runs a handler in `language` when the learner picked `picked`: the pick if it fits
/// the language, else the language's default (so a `.py` handler never meets Node).
pub(super) fn effective(language: Language, picked: Option<&str>) -> (Executor, String) {
    let options = choices(language);
    let runtime = picked
        .and_then(|picked| options.iter().find(|option| **option == picked))
        .copied()
        .unwrap_or(match language {
            Language::JavaScript => EMBEDDED,
            Language::Python => DEFAULT_PYTHON_RUNTIME,
            Language::Bootstrap => CUSTOM_RUNTIME,
        });
    match embedded_runtime(runtime) {
        Some(engine) => (Executor::Embedded, engine.to_owned()),
        None => (Executor::Process, runtime.to_owned()),
    }
}

/// The picker's word for the engine behaving like nodejs22.x.
const EMBEDDED_NODEJS22: &str = "embedded:nodejs22.x";

fn label(runtime: &str) -> String {
    match embedded_runtime(runtime) {
        Some(engine) => format!("embedded engine (behaves like {engine})"),
        None => format!("{runtime} (real runtime process)"),
    }
}

/// One line on what runs the handler, and what that means for the learner's files.
pub(super) fn explanation(config: &FunctionConfig) -> String {
    match config.executor {
        Executor::Embedded => format!(
            "Durations are not what Lambda would bill: an interpreter (QuickJS) inside the app, answering as Lambda's {} runtime client does, runs CPU-bound code far slower than Lambda's Node.js. Needs nothing installed and cannot read your files.",
            config.runtime
        ),
        Executor::Process => {
            let found = launch::describe_if_known(&config.runtime)
                .unwrap_or_else(|| "Looking for the interpreter on this machine…".to_owned());
            format!(
                "{found}. It runs as an ordinary process of yours, through a Runtime API on 127.0.0.1, and can read your files; only its environment variables are clean."
            )
        }
    }
}

/// The settings in a few words, for the folded settings line.
fn settings_summary(settings: &PlaygroundSettings) -> String {
    format!(
        "{} MB · {} s · {} × {}",
        settings.memory_mb, settings.timeout_secs, settings.repeat, settings.concurrency
    )
}

impl PlaygroundPage {
    /// The console's function overview, with the runtime picker in it.
    /// `no_room`: the page has no room for the settings under this line, so the ⚙ button
    /// opens them as a window.
    pub(super) fn function_overview(
        &mut self,
        ui: &mut egui::Ui,
        config: Option<&FunctionConfig>,
        next: &mut PlaygroundSettings,
        no_room: bool,
    ) {
        let language = self.code_language;
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Runtime").strong());
            let (_, current) = effective(language, next.runtime.as_deref());
            let shown = match config {
                Some(c)
                    if c.executor == Executor::Embedded && c.runtime != EMBEDDED_ENGINE_RUNTIME =>
                {
                    format!("embedded:{}", c.runtime)
                }
                Some(c) if c.executor == Executor::Embedded => EMBEDDED.to_owned(),
                _ => current,
            };
            egui::ComboBox::from_id_salt("runtime_picker")
                .selected_text(label(&shown))
                .width(230.0)
                .show_ui(ui, |ui| {
                    for option in choices(language) {
                        if ui
                            .selectable_label(shown == option, label(option))
                            .clicked()
                        {
                            next.runtime = Some(option.to_owned());
                        }
                    }
                })
                .response
                .on_hover_text(match config {
                    Some(config) => explanation(config),
                    None => format!("{} handlers can run on these", language.name()),
                })
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Runtime"));
            if let Some(config) = config {
                // Each name with its value: a narrow window wraps between pairs, not inside.
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("Handler").strong());
                    ui.monospace(&config.handler);
                });
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("Architecture").strong());
                    ui.label(config.architecture.to_string());
                });
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("Layers").strong());
                    ui.label(if config.layers.is_empty() {
                        "none".to_owned()
                    } else {
                        config.layers.len().to_string()
                    });
                });
            }
            ui.separator();
            let folded = next.layout.settings_collapsed || no_room;
            let toggle = if folded {
                format!("⚙ {} ⏷", settings_summary(next))
            } else {
                "⚙ Settings ⏶".to_owned()
            };
            let hover = match (no_room, folded) {
                (true, _) => "No room for the settings under this line in a window this size: open them as a window",
                (false, true) => "Show memory, timeout, /tmp, invocation type, variables, layers and concurrency",
                (false, false) => "Fold the settings into this line, for more room to edit",
            };
            let selected = if no_room { self.settings_window } else { !folded };
            if ui.selectable_label(selected, toggle).on_hover_text(hover).clicked() {
                if no_room {
                    self.settings_window = !self.settings_window;
                } else {
                    next.layout.settings_collapsed = !folded;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_handlers_never_get_node_and_javascript_defaults_to_the_engine() {
        assert_eq!(effective(Language::Python, None).1, DEFAULT_PYTHON_RUNTIME);
        assert_eq!(
            effective(Language::Python, Some("nodejs24.x")).1,
            DEFAULT_PYTHON_RUNTIME
        );
        assert_eq!(
            effective(Language::Python, Some(EMBEDDED)).0,
            Executor::Process
        );
        assert_eq!(
            effective(Language::Python, Some("python3.12")).1,
            "python3.12"
        );
        assert_eq!(effective(Language::JavaScript, None).0, Executor::Embedded);
        assert_eq!(
            effective(Language::JavaScript, Some("python3.13")).0,
            Executor::Embedded
        );
        assert_eq!(
            effective(Language::JavaScript, Some("nodejs24.x")),
            (Executor::Process, "nodejs24.x".to_owned())
        );
    }
}
