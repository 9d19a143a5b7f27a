//! The Playground page: pick a sample handler, edit its code and event, invoke it in the
//! embedded runtime off the UI thread, and read the response, the CloudWatch log lines and
//! the REPORT numbers the way the Lambda console shows them, with a history of this session.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::command::AppCommand;
use crate::content::events::{self, SampleEvents, apply_parameter, read_parameter};
use crate::content::handlers::{self, SampleHandlers};
use crate::content::locate::locate_app_dir;
use crate::invoker::{InvokeJob, Invoker, JobResult};
use crate::persist::write_atomically;
use crate::runtime::config::{FunctionConfig, InvocationType, MAX_ENVIRONMENT_BYTES, describe};
use crate::runtime::pool::{
    ASYNC_RETRY_DELAYS_SECS, AsyncInvocation, MAX_ASYNC_REQUEST_BYTES, MAX_SYNC_REQUEST_BYTES,
};
use crate::runtime::record::{InvocationRecord, Status};
use crate::state::{PlaygroundSettings, RECENT_FILES_LIMIT, SavedEvent, State};
use crate::ui::event_check::EventChecker;
use crate::ui::theme;
use crate::ui::widgets::code_area::CodeArea;

/// Invocations kept in the history table; older ones are dropped so a long session stays small.
pub const HISTORY_LIMIT: usize = 500;

/// Above this size the event editor stops highlighting, so a 6 MB event stays editable.
pub const HIGHLIGHT_LIMIT_BYTES: usize = 200_000;

/// Where edited copies of sample handlers live, inside the user's data folder.
pub const WORKSPACE_DIR: &str = "handlers";

/// Where the event text of each handler is kept between runs, inside the data folder. Kept
/// out of the state file so a 6 MB event is not rewritten with every other setting.
pub const EVENTS_DIR: &str = "events";

/// An edited event is written this long after the last keystroke (and on exit).
const EVENT_SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// How tall the notes on a sample event may grow before they scroll, in points.
const NOTES_MAX_HEIGHT: f32 = 72.0;

/// One line on what an error means and what to try, for the error types learners meet.
pub fn explain_error(error_type: &str) -> &'static str {
    match error_type {
        "Runtime.OutOfMemory" => {
            "The function used more memory than its memory size. Raise the memory, or process the data in pieces (stream it) instead of holding it all."
        }
        "Sandbox.Timedout" => {
            "The handler ran past the timeout and Lambda stopped it; the environment is reset, so the next invoke is cold. Raise the timeout or find what waits too long."
        }
        "Runtime.UserCodeSyntaxError" => {
            "The module does not parse. Look at the line in the message; nothing ran."
        }
        "Runtime.ImportModuleError" => {
            "A module could not be found or loaded. Check the handler's file name and its imports."
        }
        "Runtime.HandlerNotFound" => {
            "The module loaded but does not export the function the handler string names. Check `export const handler` and the handler setting."
        }
        "Runtime.MalformedHandlerName" => {
            "The handler setting must look like file.export, e.g. index.handler."
        }
        "TooManyRequestsException" => {
            "Throttled: every environment allowed by the concurrency limit was busy. Lower the burst, or raise reserved concurrency."
        }
        "RequestEntityTooLargeException" => {
            "The event is larger than Lambda accepts: 6 MB for a synchronous invoke, 1 MB for an asynchronous one."
        }
        "Function.ResponseSizeTooLarge" => {
            "The response is over 6 MB. Return less, or store the result (in S3) and return where it is."
        }
        "Runtime.UnmarshalError" => {
            "The response could not be turned into JSON (a circular object or a BigInt?). Return plain data."
        }
        "RangeError" => {
            "Often endless recursion (Maximum call stack size exceeded). Check the function calls itself only with a way out."
        }
        _ => {
            "Your code threw this error (or rejected its promise). The trace shows where; Lambda reports it as a function error."
        }
    }
}

/// The cost of one invoke at the first x86_64 tier, before the free tier (the Cost page has
/// the full model).
pub fn invoke_cost_usd(record: &InvocationRecord) -> f64 {
    crate::model::pricing::invocation_usd(
        record.billed_duration_ms,
        record.memory_size_mb,
        crate::model::pricing::Architecture::X86_64,
    )
}

/// The Playground's live parts: sample lists, the invoker, the code buffer, the history.
pub struct PlaygroundPage {
    handlers: Result<SampleHandlers, String>,
    events: Result<SampleEvents, String>,
    workspace: PathBuf,
    invoker: Invoker,
    /// The code of the handler shown, and which handler it belongs to.
    code: String,
    code_handler: String,
    code_error: Option<String>,
    code_area: CodeArea,
    event_area: CodeArea,
    /// The event text being edited, and which handler it belongs to.
    event_text: String,
    event_handler: String,
    checker: EventChecker,
    parameter_values: BTreeMap<String, String>,
    history: VecDeque<InvocationRecord>,
    asynchronous: Vec<AsyncInvocation>,
    /// The history entry the results panel shows (its request id and start).
    shown: Option<(String, u64)>,
    notice: Option<String>,
    /// A Try it asked for an invoke as soon as the page is set up.
    run_pending: bool,
    /// The name typed for "Save event as".
    save_name: String,
    /// The name typed for "New handler…".
    new_handler_name: String,
    /// Where event texts are kept between runs, one file per handler.
    events_dir: PathBuf,
    /// When the event text last changed without being written to its file yet.
    event_unsaved_since: Option<std::time::Instant>,
}

impl PlaygroundPage {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            handlers: handlers::load(&locate_app_dir("assets/handlers")).map_err(|e| e.to_string()),
            events: events::load(&locate_app_dir("sample-events")).map_err(|e| e.to_string()),
            workspace: data_dir.join(WORKSPACE_DIR),
            invoker: Invoker::default(),
            code: String::new(),
            code_handler: String::new(),
            code_error: None,
            code_area: CodeArea::default(),
            event_area: CodeArea::default(),
            event_text: String::new(),
            event_handler: String::new(),
            checker: EventChecker::default(),
            parameter_values: BTreeMap::new(),
            history: VecDeque::new(),
            asynchronous: Vec::new(),
            shown: None,
            notice: None,
            run_pending: false,
            save_name: String::new(),
            new_handler_name: String::new(),
            events_dir: data_dir.join(EVENTS_DIR),
            event_unsaved_since: None,
        }
    }

    /// Invoke once the page has loaded the handler and event (a lesson's Try it).
    pub fn run_when_ready(&mut self) {
        self.run_pending = true;
    }

    /// Reload the event from the settings on the next frame (a Try it replaced it).
    pub fn forget_event(&mut self) {
        self.event_handler.clear();
    }

    /// The session's invocations, oldest first.
    pub fn history(&self) -> &VecDeque<InvocationRecord> {
        &self.history
    }

    pub fn is_running(&self) -> bool {
        self.invoker.is_running()
    }

    /// Whether a large event is still being checked in the background.
    pub fn is_checking_event(&self) -> bool {
        self.checker.is_checking()
    }

    /// Takes a finished job's records into the history (called every frame).
    /// Once a frame, whichever page shows: collect finished invokes, save an edited event
    /// after a pause, and load the handler's code and event so the Cost page's sweep can use
    /// them before the Playground is ever opened.
    pub fn poll(&mut self, ctx: &egui::Context, settings: &PlaygroundSettings) {
        self.sync_with(settings);
        self.checker.poll();
        if self.checker.is_checking() {
            // The background check reports without an input event to wake the window.
            ctx.request_repaint_after(std::time::Duration::from_millis(20));
        }
        if let Some(result) = self.invoker.poll() {
            self.take_result(result);
        }
        if let Some(since) = self.event_unsaved_since {
            let waited = since.elapsed();
            if waited >= EVENT_SAVE_DELAY {
                self.flush_event();
            } else {
                ctx.request_repaint_after(EVENT_SAVE_DELAY - waited);
            }
        }
    }

    /// The event text being edited (for tests).
    pub fn event_text(&self) -> &str {
        &self.event_text
    }

    fn event_file(&self, handler: &str) -> PathBuf {
        self.events_dir.join(format!("{handler}.json"))
    }

    /// Writes an edited event to its file now (called after a pause in typing and at exit).
    pub fn flush_event(&mut self) -> Option<String> {
        self.event_unsaved_since?;
        self.event_unsaved_since = None;
        let path = self.event_file(&self.event_handler);
        let written = std::fs::create_dir_all(&self.events_dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                write_atomically(&path, self.event_text.as_bytes()).map_err(|e| e.to_string())
            });
        written.err().map(|error| {
            let message = format!(
                "Could not save the event to {}: {error}. It is kept in memory.",
                path.display()
            );
            self.notice = Some(message.clone());
            message
        })
    }

    /// Call after every change of the event text: analyse it once, and save it soon.
    fn event_changed(&mut self) {
        self.checker.check(&self.event_text);
        self.event_unsaved_since = Some(std::time::Instant::now());
    }

    /// A Try it starts from the sample event. An edited event of that handler is kept as a
    /// saved event first, so nothing the learner typed is lost.
    pub fn start_from_sample(&mut self, settings: &mut PlaygroundSettings) {
        if self.event_handler == settings.handler {
            let _ = self.flush_event();
        }
        let path = self.event_file(&settings.handler);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let sample = self.default_event_text(settings);
            if sample.as_deref() != Some(text.as_str()) {
                let stamp = crate::runtime::record::iso_time(crate::runtime::record::now_ms());
                settings
                    .saved_events
                    .entry(settings.handler.clone())
                    .or_default()
                    .push(SavedEvent {
                        name: format!("my edit, kept {}", stamp.get(..16).unwrap_or(&stamp)),
                        json: text,
                    });
            }
            let _ = std::fs::remove_file(&path);
        }
        self.forget_event();
    }

    fn take_result(&mut self, result: JobResult) {
        if let Some(last) = result.records.last() {
            self.shown = Some((last.request_id.clone(), last.started_at_ms));
        }
        for record in result.records {
            self.history.push_back(record);
        }
        while self.history.len() > HISTORY_LIMIT {
            self.history.pop_front();
        }
        self.asynchronous = result.asynchronous;
    }

    fn sample_path(&self, handler: &str) -> Option<PathBuf> {
        let handlers = self.handlers.as_ref().ok()?;
        handlers.get(handler).map(|h| handlers.path_of(h))
    }

    fn workspace_path(&self, handler: &str) -> PathBuf {
        self.workspace.join(format!("{handler}.mjs"))
    }

    /// The file the function runs: the learner's edited copy if there is one, else the sample.
    fn code_path(&self, handler: &str) -> Option<PathBuf> {
        let copy = self.workspace_path(handler);
        if copy.is_file() {
            Some(copy)
        } else {
            self.sample_path(handler)
        }
    }

    /// Loads code and event when the handler changed (or on first show).
    fn sync_with(&mut self, settings: &PlaygroundSettings) {
        if self.code_handler != settings.handler {
            self.code_handler = settings.handler.clone();
            self.code = self
                .code_path(&settings.handler)
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            self.code_error = None;
        }
        if self.event_handler != settings.handler {
            let _ = self.flush_event();
            self.event_handler = settings.handler.clone();
            self.event_text = std::fs::read_to_string(self.event_file(&settings.handler))
                .ok()
                .or_else(|| self.default_event_text(settings))
                .unwrap_or_else(|| "{}".to_owned());
            self.parameter_values.clear();
            self.checker.check(&self.event_text);
        }
    }

    /// The sample event the handler's event came from: the one picked last, else the
    /// handler's own.
    fn sample_event_id(&self, settings: &PlaygroundSettings) -> Option<String> {
        settings
            .event_sources
            .get(&settings.handler)
            .cloned()
            .or_else(|| {
                let handlers = self.handlers.as_ref().ok()?;
                handlers
                    .get(&settings.handler)
                    .map(|h| h.event_id().to_owned())
            })
    }

    /// The sample event text for the handler's current source event.
    fn default_event_text(&self, settings: &PlaygroundSettings) -> Option<String> {
        let events = self.events.as_ref().ok()?;
        let id = self.sample_event_id(settings)?;
        let event = events.get(&id)?;
        let value = events.read(event).ok()?;
        serde_json::to_string_pretty(&value).ok()
    }

    fn config(&self, settings: &PlaygroundSettings) -> Option<FunctionConfig> {
        Some(FunctionConfig {
            function_name: settings.handler.clone(),
            handler: "index.handler".to_owned(),
            code_path: self.code_path(&settings.handler)?,
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
            ..FunctionConfig::default()
        })
        .map(|mut config| {
            // The handler string follows the file: `counter.mjs` exports `counter.handler`.
            let stem = config
                .code_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "index".to_owned());
            config.handler = format!("{stem}.handler");
            config
        })
    }

    /// The function and event the Playground would invoke now, if it can (for the Cost
    /// page's power-tuning sweep).
    pub fn current_job(&self, settings: &PlaygroundSettings) -> Option<(FunctionConfig, String)> {
        if self.blocked_reason(settings).is_some() || self.event_handler != settings.handler {
            return None;
        }
        self.config(settings)
            .map(|config| (config, self.event_text.clone()))
    }

    /// Why Invoke cannot run now, if it cannot.
    fn blocked_reason(&self, settings: &PlaygroundSettings) -> Option<String> {
        let config = self.config(settings)?;
        let errors = config.validate();
        if !errors.is_empty() {
            return Some(describe(&errors));
        }
        if self.checker.is_checking() {
            return Some(format!(
                "Checking the {} event…",
                human_bytes(self.event_text.len())
            ));
        }
        if let Some((line, column, _)) = &self.checker.analysis().parse_error {
            return Some(format!(
                "The event is not valid JSON (line {line}, column {column}); Lambda would reject it before running anything."
            ));
        }
        None
    }

    fn start_invoke(&mut self, ui: &egui::Ui, settings: &PlaygroundSettings) {
        let Some(config) = self.config(settings) else {
            return;
        };
        if settings.invocation_type == InvocationType::DryRun {
            self.notice = Some(
                "DryRun: the request and the function's settings are valid (HTTP 204). Nothing ran."
                    .to_owned(),
            );
            return;
        }
        self.notice = None;
        self.invoker.start(
            ui.ctx(),
            InvokeJob {
                config,
                event_json: self.event_text.clone(),
                repeat: settings.repeat.clamp(1, 100),
                concurrency: settings.concurrency.clamp(1, 1000),
                invocation_type: settings.invocation_type,
            },
        );
    }

    /// Writes the code buffer to the learner's copy (never to the shipped sample).
    fn save_code(&mut self) {
        let path = self.workspace_path(&self.code_handler);
        let saved = std::fs::create_dir_all(&self.workspace)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                write_atomically(&path, self.code.as_bytes()).map_err(|e| e.to_string())
            });
        if let Err(error) = saved {
            self.code_error = Some(format!(
                "Could not save your copy to {}: {error}. Your edit is kept in memory.",
                path.display()
            ));
        }
    }

    /// Handlers the learner created (files in the workspace that are not copies of samples).
    fn own_handlers(&self, samples: &SampleHandlers) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.workspace)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|entry| {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        name.strip_suffix(".mjs").map(str::to_owned)
                    })
                    .filter(|name| samples.get(name).is_none())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Writes a new handler from the template into the workspace.
    fn create_handler(&mut self, name: &str) -> Result<(), String> {
        let path = self.workspace_path(name);
        std::fs::create_dir_all(&self.workspace)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                write_atomically(&path, NEW_HANDLER_TEMPLATE.as_bytes()).map_err(|e| e.to_string())
            })
            .map_err(|error| format!("Could not create {}: {error}", path.display()))
    }

    fn reset_code(&mut self) {
        let _ = std::fs::remove_file(self.workspace_path(&self.code_handler));
        self.code_handler.clear(); // reload from the sample on the next frame
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, state: &State, commands: &mut Vec<AppCommand>) {
        let settings = &state.playground;
        self.sync_with(settings);
        let handlers = match &self.handlers {
            Ok(handlers) => handlers.clone(),
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
        if let Some(path) = dropped.first() {
            self.load_file(path, &mut next);
        }
        let own = self.own_handlers(&handlers);
        let is_sample = handlers.get(&settings.handler).is_some();
        header(
            ui,
            &handlers,
            &own,
            &mut next,
            self.workspace_path(&settings.handler).is_file() && is_sample,
        );
        ui.horizontal_wrapped(|ui| {
            if is_sample
                && self.workspace_path(&settings.handler).is_file()
                && ui
                    .small_button("↺ Reset to sample")
                    .on_hover_text(
                        "Forget your edits of this handler and load the shipped sample again",
                    )
                    .clicked()
            {
                self.reset_code();
            }
            ui.add(
                egui::TextEdit::singleline(&mut self.new_handler_name)
                    .hint_text("new-handler-name")
                    .desired_width(150.0),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New handler name")
            });
            let name = self.new_handler_name.trim().to_owned();
            let problem = handler_name_problem(&name, &handlers, &own);
            if ui
                .add_enabled(problem.is_none(), egui::Button::new("New handler…"))
                .on_hover_text(problem.as_deref().unwrap_or(
                    "Create a handler of your own from a commented template (in My handlers)",
                ))
                .on_disabled_hover_text(problem.as_deref().unwrap_or(""))
                .clicked()
            {
                match self.create_handler(&name) {
                    Ok(()) => {
                        next.handler = name;
                        next.look_for = None;
                        self.new_handler_name.clear();
                    }
                    Err(error) => self.code_error = Some(error),
                }
            }
            if ui
                .small_button("Open workspace folder")
                .on_hover_text(self.workspace.display().to_string())
                .clicked()
            {
                let _ = std::fs::create_dir_all(&self.workspace);
                ui.ctx().open_url(egui::OpenUrl::new_tab(format!(
                    "file://{}",
                    self.workspace.display()
                )));
            }
        });
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
        function_settings(ui, &mut next);
        let environment_bytes = self.config(&next).map_or(0, |c| c.environment_bytes());
        ui.horizontal_top(|ui| {
            environment_table(ui, &mut next, environment_bytes);
            concurrency_settings(ui, &mut next);
        });
        let blocked = self.blocked_reason(&next);
        self.invoke_row(ui, &next, blocked.as_deref());
        ui.separator();

        egui::Panel::bottom("playground_results")
            .resizable(true)
            .default_size(ui.available_height() * 0.45)
            .show(ui, |ui| self.results(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.columns(2, |columns| {
                self.code_editor(&mut columns[0]);
                self.event_editor(&mut columns[1], &mut next);
            });
        });

        if next != *settings {
            commands.push(AppCommand::UpdatePlayground(next));
        }
    }

    fn invoke_row(
        &mut self,
        ui: &mut egui::Ui,
        settings: &PlaygroundSettings,
        blocked: Option<&str>,
    ) {
        let shortcut = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
        ui.horizontal(|ui| {
            let running = self.invoker.is_running();
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
            if (button.clicked() || (shortcut && can_run)) || (self.run_pending && can_run) {
                self.run_pending = false;
                self.start_invoke(ui, settings);
            }
            if running {
                ui.spinner();
                ui.label("Running…");
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop waiting. Like a caller hanging up on Lambda: the function itself runs on until it ends or times out.")
                    .clicked()
                {
                    self.invoker.cancel();
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

    fn code_editor(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("Code");
            ui.label(
                egui::RichText::new(if self.workspace_path(&self.code_handler).is_file() {
                    "your copy (saved as you type)"
                } else {
                    "shipped sample: typing makes your own copy"
                })
                .weak()
                .small(),
            );
        });
        if let Some(error) = &self.code_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let error_line = self.latest_error_line();
        let changed = self.code_area.show(
            ui,
            "code_editor",
            "Handler code",
            &mut self.code,
            "js",
            error_line,
            true,
        );
        if changed {
            self.save_code();
        }
    }

    /// The line of the handler's file named in the last error's trace, to mark in the editor.
    fn latest_error_line(&self) -> Option<usize> {
        let record = self.history.back()?;
        let error = record.error.as_ref()?;
        let file = format!("{}.mjs:", self.code_handler);
        error
            .trace
            .iter()
            .chain(std::iter::once(&error.error_message))
            .find_map(|line| {
                let at = line.find(&file)? + file.len();
                line[at..].split(':').next()?.parse().ok()
            })
    }

    fn event_editor(&mut self, ui: &mut egui::Ui, settings: &mut PlaygroundSettings) {
        ui.horizontal_wrapped(|ui| {
            ui.heading("Event");
            if let Ok(events) = &self.events {
                let current = settings.event_sources.get(&settings.handler).cloned();
                let mut chosen = None;
                egui::ComboBox::from_id_salt("sample_event")
                    .selected_text(
                        current
                            .clone()
                            .unwrap_or_else(|| "Sample events…".to_owned()),
                    )
                    .height(420.0)
                    .show_ui(ui, |ui| {
                        for service in events.services() {
                            ui.label(egui::RichText::new(service).strong());
                            for event in events.events.iter().filter(|e| e.service == service) {
                                let selected = current.as_deref() == Some(event.id.as_str());
                                if ui
                                    .selectable_label(selected, format!("  {}", event.title))
                                    .on_hover_text(&event.teaches)
                                    .clicked()
                                    && let Ok(value) = events.read(event)
                                {
                                    chosen = Some((
                                        serde_json::to_string_pretty(&value).unwrap_or_default(),
                                        event.id.clone(),
                                    ));
                                }
                            }
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Sample event")
                    });
                if let Some((text, id)) = chosen {
                    self.event_text = text;
                    self.event_changed();
                    settings.event_sources.insert(settings.handler.clone(), id);
                    self.parameter_values.clear();
                }
            }
            if ui
                .button("Format")
                .on_hover_text("Pretty-print the JSON")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string_pretty(&value).unwrap_or_default();
                self.event_changed();
            }
            if ui
                .button("Minify")
                .on_hover_text("Remove the whitespace")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string(&value).unwrap_or_default();
                self.event_changed();
            }
        });
        self.event_status(ui, settings.invocation_type);
        self.saved_events_row(ui, settings);
        self.parameters_and_notes(ui, settings);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut settings.event_tree, false, "Text");
            ui.selectable_value(&mut settings.event_tree, true, "Tree")
                .on_hover_text("The event as a tree, with the notes beside their fields");
        });
        if settings.event_tree {
            self.event_tree(ui, settings);
            return;
        }
        let error_line = self
            .checker
            .analysis()
            .parse_error
            .as_ref()
            .map(|(line, _, _)| *line);
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
            self.event_changed();
        }
    }

    fn event_status(&self, ui: &mut egui::Ui, invocation_type: InvocationType) {
        if self.checker.is_checking() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Checking the event…");
            });
        }
        ui.horizontal_wrapped(|ui| {
            match (
                &self.checker.analysis().parse_error,
                &self.checker.analysis().kind,
            ) {
                (Some((line, column, message)), _) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("✖ Invalid JSON at line {line}, column {column}: {message}"),
                    );
                }
                (None, Some(kind)) => {
                    badge(ui, &kind.label);
                    match &self.checker.analysis().mismatch {
                        None => {
                            ui.label(
                                egui::RichText::new("✔ shape matches").color(theme::success(ui)),
                            )
                            .on_hover_text(format!(
                                "Deserialises into aws_lambda_events {}",
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
        });
        let limit = if invocation_type == InvocationType::Event {
            MAX_ASYNC_REQUEST_BYTES
        } else {
            MAX_SYNC_REQUEST_BYTES
        };
        let bytes = self.event_text.len();
        let fraction = bytes as f32 / limit as f32;
        let text = format!(
            "{} of {} ({} limit)",
            human_bytes(bytes),
            human_bytes(limit),
            if invocation_type == InvocationType::Event {
                "asynchronous"
            } else {
                "synchronous"
            }
        );
        let mut bar = egui::ProgressBar::new(fraction.min(1.0))
            .text(text)
            .desired_height(14.0);
        if fraction > 1.0 {
            bar = bar.fill(ui.visuals().error_fg_color);
        }
        ui.add(bar);
    }

    fn parameters_and_notes(&mut self, ui: &mut egui::Ui, settings: &PlaygroundSettings) {
        let Ok(events) = &self.events else {
            return;
        };
        let Some(sample) = self
            .sample_event_id(settings)
            .and_then(|id| events.get(&id).cloned())
        else {
            return;
        };
        let current: Option<&Value> = self.checker.analysis().value.as_ref();
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
            egui::CollapsingHeader::new(format!("Parameters ({})", sample.parameters.len()))
                .id_salt(("parameters", &sample.id))
                .show(ui, |ui| {
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
                    }
                });
        }
        if apply {
            self.apply_parameters(&sample.parameters);
        }
        if !sample.notes.is_empty() {
            // Closed at first and at most a few lines tall when open: at 1280×800 open notes
            // took all the room the event editor had.
            egui::CollapsingHeader::new(format!("Notes on this event ({})", sample.notes.len()))
                .id_salt(("notes", &sample.id))
                .show(ui, |ui| {
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

    /// Named test events for this handler, and event files: import, export, recent.
    fn saved_events_row(&mut self, ui: &mut egui::Ui, settings: &mut PlaygroundSettings) {
        ui.horizontal_wrapped(|ui| {
            let mut saved = settings
                .saved_events
                .get(&settings.handler)
                .cloned()
                .unwrap_or_default();
            let before = saved.clone();
            egui::ComboBox::from_id_salt("saved_events")
                .selected_text(format!("Saved events ({})", saved.len()))
                .show_ui(ui, |ui| {
                    if saved.is_empty() {
                        ui.label("None yet: name the event and press Save.");
                    }
                    let mut delete = None;
                    for (index, event) in saved.iter().enumerate() {
                        ui.horizontal(|ui| {
                            if ui.selectable_label(false, &event.name).clicked() {
                                self.event_text = event.json.clone();
                                self.event_changed();
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
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Saved events")
                });
            ui.add(
                egui::TextEdit::singleline(&mut self.save_name)
                    .hint_text("name")
                    .desired_width(110.0),
            )
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Event name"));
            let name = self.save_name.trim().to_owned();
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new("Save"))
                .on_hover_text("Save this event under the name (an existing name is replaced)")
                .clicked()
            {
                saved.retain(|event| event.name != name);
                saved.push(SavedEvent {
                    name,
                    json: self.event_text.clone(),
                });
                self.save_name.clear();
            }
            if saved != before {
                settings
                    .saved_events
                    .insert(settings.handler.clone(), saved);
            }
            ui.separator();
            if ui
                .button("Import…")
                .on_hover_text("Open a JSON file (or drop one on the window)")
                .clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("JSON", &["json"])
                    .pick_file()
            {
                self.load_file(&path, settings);
            }
            if ui
                .button("Export…")
                .on_hover_text("Save this event to a JSON file")
                .clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("JSON", &["json"])
                    .set_file_name(format!("{}-event.json", settings.handler))
                    .save_file()
            {
                match write_atomically(&path, self.event_text.as_bytes()) {
                    Ok(()) => {
                        remember_file(settings, &path);
                        self.notice = Some(format!("Saved the event to {}", path.display()));
                    }
                    Err(error) => {
                        self.notice = Some(format!("Could not save the event: {error}"));
                    }
                }
            }
            if !settings.recent_files.is_empty() {
                let recent = settings.recent_files.clone();
                egui::ComboBox::from_id_salt("recent_files")
                    .selected_text("Recent")
                    .show_ui(ui, |ui| {
                        for path in &recent {
                            if ui
                                .selectable_label(false, path.display().to_string())
                                .clicked()
                            {
                                self.load_file(path, settings);
                            }
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Recent files")
                    });
            }
        });
    }

    /// Loads an event file into the editor (from Import, Recent or a drop on the window).
    pub fn load_file(&mut self, path: &Path, settings: &mut PlaygroundSettings) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > MAX_EVENT_FILE_BYTES => {
                self.notice = Some(format!(
                    "{} is {}: larger than any event Lambda accepts (6 MB), so it was not opened.",
                    path.display(),
                    human_bytes(meta.len() as usize)
                ));
                return;
            }
            Err(error) => {
                self.notice = Some(format!("Could not open {}: {error}", path.display()));
                return;
            }
            Ok(_) => {}
        }
        match std::fs::read_to_string(path) {
            Ok(text) => {
                self.event_text = text;
                self.event_changed();
                remember_file(settings, path);
                self.notice = Some(format!("Opened {}", path.display()));
            }
            Err(error) => {
                self.notice = Some(format!("Could not open {}: {error}", path.display()));
            }
        }
    }

    /// The event as a tree, each noted field with its note beside it.
    fn event_tree(&self, ui: &mut egui::Ui, settings: &PlaygroundSettings) {
        let Some(value) = &self.checker.analysis().value else {
            ui.label("The tree needs valid JSON: switch to Text to fix it.");
            return;
        };
        let notes: BTreeMap<String, String> = self
            .events
            .as_ref()
            .ok()
            .and_then(|events| {
                let id = self.sample_event_id(settings)?;
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

    fn apply_parameters(&mut self, parameters: &[events::Parameter]) {
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
        self.event_changed();
    }

    fn results(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical()
            .id_salt("playground_results_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if !self.asynchronous.is_empty() {
                    for invocation in &self.asynchronous {
                        async_summary(ui, invocation);
                    }
                }
                let shown = self.shown.as_ref().and_then(|(id, started)| {
                    self.history
                        .iter()
                        .rev()
                        .find(|r| &r.request_id == id && r.started_at_ms == *started)
                        .cloned()
                });
                match shown {
                    Some(record) => record_view(ui, &record),
                    None => {
                        ui.label("Press Invoke (Ctrl+Enter) to run the handler with this event. The response, the log lines and the REPORT numbers appear here.");
                    }
                }
                ui.add_space(8.0);
                if let Some(clicked) = history_table(ui, &self.history) {
                    self.shown = Some(clicked);
                }
                if !self.history.is_empty() && ui.small_button("Clear history").clicked() {
                    self.history.clear();
                    self.asynchronous.clear();
                    self.shown = None;
                }
            });
    }
}

/// Event files above this size are not opened: Lambda accepts at most 6 MB.
pub const MAX_EVENT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Children shown per object or array in the tree; the rest are summarised.
const TREE_CHILDREN_LIMIT: usize = 200;

fn remember_file(settings: &mut PlaygroundSettings, path: &Path) {
    settings.recent_files.retain(|p| p != path);
    settings.recent_files.insert(0, path.to_path_buf());
    settings.recent_files.truncate(RECENT_FILES_LIMIT);
}

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

/// The template "New handler…" starts from: runs unchanged on nodejs22.x.
const NEW_HANDLER_TEMPLATE: &str = r#"// My handler: runs unchanged on AWS Lambda (nodejs22.x, ES module).
//
// Code up here runs once per execution environment, at a cold start (INIT).
// Use it for work every invoke can share: configuration, clients, lookup tables.
const startedAt = new Date().toISOString();

// `event` is the JSON the caller sent; `context` says which request this is and how much
// time is left (context.getRemainingTimeInMillis()).
export const handler = async (event, context) => {
  console.log(`request ${context.awsRequestId} in an environment started at ${startedAt}`);
  console.log("event:", event);

  // Whatever you return is the response (it must turn into JSON).
  return { ok: true, received: event };
};
"#;

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

fn header(
    ui: &mut egui::Ui,
    handlers: &SampleHandlers,
    own: &[String],
    next: &mut PlaygroundSettings,
    edited: bool,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Playground");
        let current = handlers.get(&next.handler);
        egui::ComboBox::from_id_salt("handler_picker")
            .selected_text(current.map_or(format!("{} (mine)", next.handler), |h| h.title.clone()))
            .width(300.0)
            .show_ui(ui, |ui| {
                if !own.is_empty() {
                    ui.label(egui::RichText::new("My handlers").strong());
                    for name in own {
                        if ui.selectable_label(next.handler == *name, name).clicked() {
                            next.handler = name.clone();
                            next.look_for = None;
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
                        next.look_for = None;
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
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Handler"));
        if edited {
            ui.label(egui::RichText::new("edited").weak());
        }
        if let Some(handler) = current {
            ui.label(egui::RichText::new(&handler.teaches).weak());
        }
    });
}

/// Environment variables as an editable table, with the 4 KB meter Lambda enforces.
fn environment_table(ui: &mut egui::Ui, next: &mut PlaygroundSettings, bytes: usize) {
    let title = format!(
        "Environment variables ({}) · {} of 4 KB",
        next.environment.len(),
        human_bytes(bytes)
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
            ui.add(bar).on_hover_text(
                "Lambda allows 4 KB of variables in total: every key and value counts.",
            );
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

fn concurrency_settings(ui: &mut egui::Ui, next: &mut PlaygroundSettings) {
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

fn function_settings(ui: &mut egui::Ui, next: &mut PlaygroundSettings) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Memory");
        ui.add(
            egui::DragValue::new(&mut next.memory_mb)
                .speed(16.0)
                .suffix(" MB"),
        )
        .on_hover_text("128–10,240 MB. CPU share grows with memory: 1,769 MB is one full vCPU.");
        for stop in [128, 512, 1024, 1769, 3008, 10_240] {
            if ui.small_button(stop.to_string()).clicked() {
                next.memory_mb = stop;
            }
        }
        ui.separator();
        ui.label("Timeout");
        ui.add(egui::DragValue::new(&mut next.timeout_secs).speed(1.0).suffix(" s"))
            .on_hover_text("1–900 seconds; Lambda's default is 3");
        ui.separator();
        ui.label("/tmp");
        ui.add(
            egui::DragValue::new(&mut next.ephemeral_storage_mb)
                .speed(16.0)
                .suffix(" MB"),
        )
        .on_hover_text("Ephemeral storage, 512–10,240 MB");
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

fn badge(ui: &mut egui::Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().selection.bg_fill.linear_multiply(0.4))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).strong());
        });
}

fn human_bytes(bytes: usize) -> String {
    if bytes >= 1_048_576 {
        format!("{:.2} MB", bytes as f64 / 1_048_576.0)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

fn status_text(record: &InvocationRecord) -> &'static str {
    match record.status {
        Status::Success => "success",
        Status::Error => "error",
        Status::Timeout => "timeout",
        Status::OutOfMemory => "out of memory",
        Status::Throttled => "throttled",
    }
}

fn async_summary(ui: &mut egui::Ui, invocation: &AsyncInvocation) {
    let attempts = invocation.attempts.len();
    let text = match (invocation.status_code, &invocation.failure) {
        (202, None) => format!(
            "Event accepted (HTTP 202) as request {}; it ran in the background and succeeded{}.",
            short_id(&invocation.request_id),
            if attempts > 1 {
                format!(" on attempt {attempts}")
            } else {
                String::new()
            }
        ),
        (202, Some(_)) => format!(
            "Event accepted (HTTP 202) as request {}; all {attempts} attempts failed (on AWS the retries come about {} s and {} s later), so it went to the on-failure list with the original event.",
            short_id(&invocation.request_id),
            ASYNC_RETRY_DELAYS_SECS[0],
            ASYNC_RETRY_DELAYS_SECS[1]
        ),
        (code, _) => {
            format!("Rejected with HTTP {code}: the event is over the 1 MB asynchronous limit.")
        }
    };
    ui.label(egui::RichText::new(text).strong());
}

fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A response indented for reading, made once while it is on screen rather than every frame
/// (a response may be 6 MB). Key order is kept, so fields read in the order the handler wrote them.
#[derive(Default)]
struct PrettyJson;

impl egui::cache::ComputerMut<&str, std::sync::Arc<str>> for PrettyJson {
    fn compute(&mut self, json: &str) -> std::sync::Arc<str> {
        serde_json::from_str::<serde_json::Value>(json)
            .and_then(|value| serde_json::to_string_pretty(&value))
            .map_or_else(|_| json.into(), Into::into)
    }
}

fn record_view(ui: &mut egui::Ui, record: &InvocationRecord) {
    ui.horizontal_wrapped(|ui| {
        let (status_colour, status) = if record.status == Status::Success {
            (theme::success(ui), "✔ Succeeded")
        } else {
            (ui.visuals().error_fg_color, "✖ Failed")
        };
        ui.label(egui::RichText::new(status).strong().color(status_colour));
        ui.separator();
        let cold = match (record.cold, record.cold_reason) {
            (true, Some(reason)) => format!("❄ cold: {}", reason.explain()),
            (true, None) => "❄ cold".to_owned(),
            (false, _) if record.status == Status::Throttled => "no environment (throttled)".to_owned(),
            (false, _) => "warm: reused an environment".to_owned(),
        };
        ui.label(cold);
        ui.separator();
        if let Some(init) = record.init_duration_ms {
            ui.label(format!("init {init:.2} ms"));
        }
        ui.label(format!("duration {:.2} ms", record.duration_ms));
        ui.label(format!("billed {} ms", record.billed_duration_ms));
        ui.label(format!("memory {} of {} MB", record.max_memory_used_mb, record.memory_size_mb));
        ui.label(format!("≈ ${:.10}", invoke_cost_usd(record)))
            .on_hover_text("One request plus the billed GB-s at the first x86_64 price tier, before the free tier (modelled from the published prices).");
    });
    if let Some(error) = &record.error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                egui::RichText::new(format!("{}: {}", error.error_type, error.error_message))
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            if let Some(reason) = &record.throttle_reason {
                ui.label(format!("Reason: {reason}"));
            }
            ui.label(explain_error(&error.error_type));
            if !error.trace.is_empty() {
                ui.label(
                    egui::RichText::new(error.trace.join("\n"))
                        .monospace()
                        .small(),
                );
            }
        });
    }
    if let Some(response) = &record.response {
        ui.label(egui::RichText::new("Response").strong());
        let pretty = ui.ctx().memory_mut(|memory| {
            memory
                .caches
                .cache::<egui::cache::FrameCache<std::sync::Arc<str>, PrettyJson>>()
                .get(response.text())
                .clone()
        });
        let mut shown: &str = &pretty;
        ui.add(
            egui::TextEdit::multiline(&mut shown)
                .code_editor()
                .desired_width(f32::INFINITY)
                .desired_rows(2),
        );
    }
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Log output").strong());
        if ui
            .small_button("Copy")
            .on_hover_text("Copy the log lines")
            .clicked()
        {
            ui.ctx().copy_text(record.logs.join("\n"));
        }
    });
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let accent = theme::accent(ui);
    for line in &record.logs {
        let platform =
            line.starts_with("START ") || line.starts_with("END ") || line.starts_with("REPORT ");
        let colour = if platform {
            accent
        } else if line.contains("\tERROR\t") {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        job.append(
            &format!("{line}\n"),
            0.0,
            egui::TextFormat::simple(font.clone(), colour),
        );
    }
    ui.add(egui::Label::new(job).selectable(true).wrap());
}

/// The session's invocations, newest first; returns the one clicked.
fn history_table(ui: &mut egui::Ui, history: &VecDeque<InvocationRecord>) -> Option<(String, u64)> {
    if history.is_empty() {
        return None;
    }
    ui.label(
        egui::RichText::new(format!(
            "History ({} this session, newest first)",
            history.len()
        ))
        .strong(),
    );
    let mut clicked = None;
    egui::Grid::new("playground_history")
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "time",
                "request id",
                "start",
                "duration",
                "billed",
                "memory",
                "status",
                "",
            ] {
                ui.label(egui::RichText::new(heading).weak());
            }
            ui.end_row();
            for record in history.iter().rev().take(100) {
                let time = crate::runtime::record::iso_time(record.started_at_ms);
                ui.label(time.get(11..23).unwrap_or(&time));
                ui.label(egui::RichText::new(short_id(&record.request_id)).monospace());
                ui.label(if record.cold { "cold" } else { "warm" });
                ui.label(format!("{:.2} ms", record.duration_ms));
                ui.label(format!("{} ms", record.billed_duration_ms));
                ui.label(format!(
                    "{}/{} MB",
                    record.max_memory_used_mb, record.memory_size_mb
                ));
                ui.label(status_text(record));
                if ui.small_button("Open").clicked() {
                    clicked = Some((record.request_id.clone(), record.started_at_ms));
                }
                ui.end_row();
            }
        });
    clicked
}
