//! The Playground page: pick a handler, edit its code and event, invoke it in the embedded
//! runtime, and read the response, the CloudWatch log lines and the REPORT numbers the way the
//! Lambda console shows them, with the session's history. The page holds only what is being
//! edited; invokes, checks and files are the app's work, asked for with commands. Split by
//! panel: [`settings`] (the function), [`code`], [`event`], [`results`].

mod code;
mod event;
mod layers;
mod results;
mod runtime;
mod settings;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use layers::attached as attached_layers;
pub use results::{explain_error, invoke_cost_usd};

use crate::command::AppCommand;
use crate::model::format;
use crate::runtime::config::{FunctionConfig, describe};
use crate::runtime::job::InvokeJob;
use crate::session::Source;
use crate::state::PlaygroundSettings;
use crate::ui::AppView;
use crate::ui::theme;
use crate::ui::widgets::code_area::CodeArea;
use crate::workspace::{HandlerFiles, Language};

/// An edited event is written this long after the last keystroke (and on exit).
const EVENT_SAVE_DELAY: Duration = Duration::from_millis(400);

/// Most invokes in a row and at once one click may send.
const MAX_REPEAT: u32 = 100;
const MAX_AT_ONCE: u32 = 1000;

/// What the Playground is editing, and what it shows.
#[derive(Default)]
pub struct PlaygroundPage {
    /// The handler whose files the editors hold (empty until the first are opened).
    code_handler: String,
    /// The handler whose files were asked for and have not arrived yet.
    opening: Option<String>,
    code: String,
    /// The language of `code`, told by its file's extension.
    code_language: Language,
    /// The file name of `code` (`api.mjs`, `hello.py`), to find its lines in error traces.
    code_file_name: String,
    code_error: Option<String>,
    code_area: CodeArea,
    event_area: CodeArea,
    /// The event text being edited (it belongs to `code_handler`).
    event_text: String,
    parameter_values: BTreeMap<String, String>,
    /// The history entry the results panel shows (request id and start); `None`: the newest.
    shown: Option<(String, u64)>,
    /// The session's generation last seen: new invocations show the newest again.
    seen_generation: u64,
    notice: Option<String>,
    /// A Try it asked for an invoke as soon as the page is set up.
    run_pending: bool,
    /// The name typed for "Save event as".
    save_name: String,
    /// The name typed for "New handler…".
    new_handler_name: String,
    /// The language "New handler…" starts from.
    new_handler_language: Language,
    /// When the event text last changed without being written to its file yet.
    event_unsaved_since: Option<Instant>,
    /// What the sample-event list is filtered by.
    event_search: String,
    /// The last rendering pass that showed the sample-event list (to focus its search box
    /// when it opens).
    event_list_pass: u64,
    /// The layer path typed in the Layers window.
    layer_path: String,
    /// Whether the Layers window is open.
    layers_open: bool,
    /// What the attached layers put under /opt (read on the file thread), for those layers.
    layer_listing: Option<(Vec<PathBuf>, crate::runtime::layers::OptListing)>,
    /// Layers whose listing was asked for and has not arrived.
    layers_asked: Option<Vec<PathBuf>>,
}

impl PlaygroundPage {
    pub fn new() -> Self {
        Self::default()
    }

    /// Invoke once the page has loaded the handler and event (a lesson's Try it).
    pub fn run_when_ready(&mut self) {
        self.run_pending = true;
    }

    /// Open the handler's files again on the next frame (a Try it replaced its event).
    pub fn reopen(&mut self) {
        self.code_handler.clear();
        self.opening = None;
    }

    /// The event text being edited (for tests).
    pub fn event_text(&self) -> &str {
        &self.event_text
    }

    /// Whether the editors hold the files of the handler they name.
    fn is_open(&self) -> bool {
        !self.code_handler.is_empty() && self.opening.is_none()
    }

    /// Once a frame, whichever page shows: ask for the handler's files when the settings name
    /// another one (so the Cost page's sweep can use them before the Playground is opened),
    /// and save an edited event after a pause in typing.
    pub fn keep_current(
        &mut self,
        ctx: &egui::Context,
        settings: &PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let wanted = &settings.handler;
        if *wanted != self.code_handler && self.opening.as_ref() != Some(wanted) {
            if let Some(save) = self.take_unsaved_event() {
                commands.push(save);
            }
            self.opening = Some(wanted.clone());
            commands.push(AppCommand::OpenHandler(wanted.clone()));
        }
        if let Some(since) = self.event_unsaved_since {
            let waited = since.elapsed();
            if waited >= EVENT_SAVE_DELAY {
                if let Some(save) = self.take_unsaved_event() {
                    commands.push(save);
                }
            } else {
                ctx.request_repaint_after(EVENT_SAVE_DELAY - waited);
            }
        }
    }

    /// The handler's files arrived: they replace what the editors held.
    pub fn opened(&mut self, files: HandlerFiles, commands: &mut Vec<AppCommand>) {
        if self.opening.as_deref() != Some(files.handler.as_str()) {
            return; // another handler was asked for since
        }
        self.opening = None;
        self.code_handler = files.handler;
        self.code = files.code;
        self.code_language = files
            .code_path
            .as_deref()
            .map(Language::of_path)
            .unwrap_or_default();
        self.code_file_name = files
            .code_path
            .as_deref()
            .and_then(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.code_error = None;
        self.event_text = files.event_text;
        self.event_unsaved_since = None;
        self.parameter_values.clear();
        commands.push(AppCommand::CheckEvent(Arc::from(self.event_text.as_str())));
    }

    /// New event text for `handler` (a sample event picked, a file opened).
    pub fn replace_event(&mut self, handler: &str, text: String, commands: &mut Vec<AppCommand>) {
        if handler != self.code_handler {
            return;
        }
        self.event_text = text;
        self.parameter_values.clear();
        self.event_changed(commands);
    }

    /// The save of an edited event not written yet, if there is one (called after a pause in
    /// typing, before another handler is opened, and at exit).
    pub fn take_unsaved_event(&mut self) -> Option<AppCommand> {
        self.event_unsaved_since.take()?;
        Some(AppCommand::SaveEvent {
            handler: self.code_handler.clone(),
            text: self.event_text.clone(),
        })
    }

    /// A line for the learner next to the Invoke button.
    pub fn set_notice(&mut self, notice: impl Into<String>) {
        self.notice = Some(notice.into());
    }

    /// A problem with the handler's code file, shown above the editor.
    pub fn set_code_error(&mut self, error: impl Into<String>) {
        self.code_error = Some(error.into());
    }

    /// Call after every change of the event text: check it once, and save it soon.
    fn event_changed(&mut self, commands: &mut Vec<AppCommand>) {
        commands.push(AppCommand::CheckEvent(Arc::from(self.event_text.as_str())));
        self.event_unsaved_since = Some(Instant::now());
    }

    /// The function the Playground runs, when its code file is known.
    fn config(view: &AppView<'_>, settings: &PlaygroundSettings) -> Option<FunctionConfig> {
        let samples = view.samples.handlers.as_ref().ok()?;
        let code_path =
            view.workspace
                .code_path(&settings.handler, view.workspace_files, samples)?;
        // The handler string follows the file: `counter.mjs` exports `counter.handler`,
        // `hello.py` defines `hello.lambda_handler`.
        let stem = code_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".to_owned());
        let language = Language::of_path(&code_path);
        let (executor, runtime) = runtime::effective(language, settings.runtime.as_deref());
        Some(FunctionConfig {
            function_name: settings.handler.clone(),
            handler: format!("{stem}.{}", language.default_function()),
            runtime,
            executor,
            code_path,
            memory_size_mb: settings.memory_mb,
            timeout_secs: settings.timeout_secs,
            ephemeral_storage_mb: settings.ephemeral_storage_mb,
            environment: settings
                .environment
                .iter()
                .filter(|(key, _)| !key.is_empty())
                .cloned()
                .collect(),
            reserved_concurrency: settings.reserved_concurrency,
            provisioned_concurrency: settings.provisioned_concurrency,
            layers: layers::attached(view.samples, settings, &settings.handler),
            ..FunctionConfig::default()
        })
    }

    /// [`Self::config`] with the code's revision: an edit of the code is a deployment, so the
    /// next invoke starts a new environment (cold, "configuration changed"), as on Lambda,
    /// instead of a warm one still running the old code.
    fn deployed_config(
        &self,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
    ) -> Option<FunctionConfig> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.code.hash(&mut hasher);
        Self::config(view, settings).map(|config| FunctionConfig {
            code_revision: hasher.finish(),
            ..config
        })
    }

    /// The Playground's function and its event for the Cost page's sweep, each with the
    /// reason it cannot be used yet (the sweep may send another event than the Playground's,
    /// so a broken Playground event does not block a sweep with a sample event).
    pub fn sweep_source(
        &self,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
    ) -> crate::ui::cost::SweepSource {
        let config = if !self.is_open() || self.code_handler != settings.handler {
            Err("Opening the handler…".to_owned())
        } else {
            match self.deployed_config(view, settings) {
                None => Err(format!("The code of {} cannot be found.", settings.handler)),
                Some(config) => {
                    let errors = config.validate();
                    if errors.is_empty() {
                        Ok(config)
                    } else {
                        Err(describe(&errors))
                    }
                }
            }
        };
        let event = if view.jobs.event_check.is_checking() {
            Err("Checking the Playground's event…".to_owned())
        } else if let Some((line, column, _)) = &view.jobs.event_check.analysis().parse_error {
            Err(format!(
                "The Playground's event is not valid JSON (line {line}, column {column}): fix \
                 it there, or pick another event."
            ))
        } else {
            Ok(Arc::from(self.event_text.as_str()))
        };
        crate::ui::cost::SweepSource { config, event }
    }

    /// Why Invoke cannot run now, if it cannot.
    fn blocked_reason(&self, view: &AppView<'_>, settings: &PlaygroundSettings) -> Option<String> {
        if !self.is_open() || self.code_handler != settings.handler {
            return Some("Opening the handler…".to_owned());
        }
        let config = Self::config(view, settings)?;
        let errors = config.validate();
        if !errors.is_empty() {
            return Some(describe(&errors));
        }
        if view.jobs.event_check.is_checking() {
            return Some(format!(
                "Checking the {} event…",
                format::bytes(self.event_text.len())
            ));
        }
        if let Some((line, column, _)) = &view.jobs.event_check.analysis().parse_error {
            return Some(format!(
                "The event is not valid JSON (line {line}, column {column}); Lambda would reject it before running anything."
            ));
        }
        None
    }

    fn invoke(
        &mut self,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
        source: Source,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(config) = self.deployed_config(view, settings) else {
            return;
        };
        self.notice = None;
        commands.push(AppCommand::Invoke {
            job: InvokeJob {
                config,
                event_json: Arc::from(self.event_text.as_str()),
                repeat: settings.repeat.clamp(1, MAX_REPEAT),
                concurrency: settings.concurrency.clamp(1, MAX_AT_ONCE),
                invocation_type: settings.invocation_type,
            },
            source,
        });
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView<'_>, commands: &mut Vec<AppCommand>) {
        let settings = &view.state.playground;
        let handlers = match &view.samples.handlers {
            Ok(handlers) => handlers,
            Err(problem) => {
                ui.colored_label(ui.visuals().error_fg_color, problem);
                return;
            }
        };
        let mut next = settings.clone();
        let dropped: Vec<PathBuf> = ui.ctx().input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.push(AppCommand::OpenEventFile(path));
        }
        let edited_sample = handlers.get(&settings.handler).is_some()
            && view.workspace_files.copies.contains_key(&settings.handler);
        settings::header(
            ui,
            handlers,
            &view.workspace_files.own,
            &mut next,
            edited_sample,
        );
        self.workspace_row(ui, view, handlers, &mut next, commands);
        if let Some(look_for) = &settings.look_for {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new("Look for:")
                        .strong()
                        .color(theme::accent(ui)),
                );
                ui.label(look_for);
            });
        }
        let config = Self::config(view, &next);
        self.function_overview(ui, config.as_ref(), &mut next);
        settings::function_settings(ui, &mut next);
        // The runtime just picked does not change the variables' size.
        let environment_bytes = config.as_ref().map_or(0, FunctionConfig::environment_bytes);
        ui.horizontal_top(|ui| {
            settings::environment_table(ui, &mut next, environment_bytes);
            self.layers_section(ui, view, &mut next, commands);
            settings::concurrency_settings(ui, &mut next);
        });
        let blocked = self.blocked_reason(view, &next);
        self.invoke_row(ui, view, &next, blocked.as_deref(), commands);
        ui.separator();

        egui::Panel::bottom("playground_results")
            .resizable(true)
            .default_size(ui.available_height() * 0.45)
            .show(ui, |ui| self.results(ui, view.session, commands));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.columns(2, |columns| {
                self.code_editor(
                    &mut columns[0],
                    view.session,
                    view.workspace_files,
                    commands,
                );
                self.event_editor(&mut columns[1], view, &mut next, commands);
            });
        });

        if next != *settings {
            commands.push(AppCommand::UpdatePlayground(next));
        }
    }

    fn invoke_row(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
        blocked: Option<&str>,
        commands: &mut Vec<AppCommand>,
    ) {
        let shortcut = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
        ui.horizontal(|ui| {
            let running = view.jobs.invoking();
            let can_run = blocked.is_none() && !running;
            let label = match (settings.repeat, settings.concurrency) {
                (1, 1) => "▶ Invoke".to_owned(),
                (r, 1) => format!("▶ Invoke {r} times"),
                (1, c) => format!("▶ Invoke {c} at once"),
                (r, c) => format!("▶ Invoke {r} × {c} at once"),
            };
            let button = ui
                .add_enabled(can_run, egui::Button::new(egui::RichText::new(label).strong()))
                .on_hover_text("Ctrl+Enter");
            if can_run && (button.clicked() || shortcut || self.run_pending) {
                let source = if self.run_pending {
                    Source::TryIt
                } else {
                    Source::Playground
                };
                self.run_pending = false;
                self.invoke(view, settings, source, commands);
            }
            if running {
                ui.spinner();
                ui.label("Running…");
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop waiting. Like a caller hanging up on Lambda: the function itself runs on until it ends or times out.")
                    .clicked()
                {
                    commands.push(AppCommand::CancelInvoke);
                    self.notice = Some("Cancelled: stopped waiting for that invoke.".to_owned());
                }
            }
            if let Some(reason) = blocked {
                ui.colored_label(ui.visuals().error_fg_color, format!("Cannot invoke: {reason}"));
            }
            if let Some(notice) = &self.notice {
                ui.label(notice);
            }
        });
    }
}

/// The sample event the handler's event came from: the one picked last, else the handler's
/// own.
fn sample_event_id(view: &AppView<'_>, settings: &PlaygroundSettings) -> Option<String> {
    settings
        .event_sources
        .get(&settings.handler)
        .cloned()
        .or_else(|| {
            let handlers = view.samples.handlers.as_ref().ok()?;
            handlers
                .get(&settings.handler)
                .map(|h| h.event_id().to_owned())
        })
}
