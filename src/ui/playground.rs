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
use crate::content::shape::{self, EventKind, ShapeMismatch};
use crate::invoker::{InvokeJob, Invoker, JobResult};
use crate::model::pricing::{REQUEST_PRICE, X86_64_DURATION_TIERS};
use crate::persist::write_atomically;
use crate::runtime::config::{FunctionConfig, InvocationType, describe};
use crate::runtime::pool::{
    ASYNC_RETRY_DELAYS_SECS, AsyncInvocation, MAX_ASYNC_REQUEST_BYTES, MAX_SYNC_REQUEST_BYTES,
};
use crate::runtime::record::{InvocationRecord, Status};
use crate::state::{PlaygroundSettings, State};
use crate::ui::theme;

/// Invocations kept in the history table; older ones are dropped so a long session stays small.
pub const HISTORY_LIMIT: usize = 500;

/// Above this size the event editor stops highlighting, so a 6 MB event stays editable.
pub const HIGHLIGHT_LIMIT_BYTES: usize = 200_000;

/// Where edited copies of sample handlers live, inside the user's data folder.
pub const WORKSPACE_DIR: &str = "handlers";

/// What the event text is, worked out once per change of the text (not per frame).
#[derive(Clone, Debug, Default)]
struct EventAnalysis {
    text_len: usize,
    text_hash: u64,
    /// Line, column and message of the first JSON error.
    parse_error: Option<(usize, usize, String)>,
    kind: Option<EventKind>,
    mismatch: Option<ShapeMismatch>,
}

fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn analyse(text: &str) -> EventAnalysis {
    let mut analysis = EventAnalysis {
        text_len: text.len(),
        text_hash: hash_of(text),
        ..EventAnalysis::default()
    };
    match serde_json::from_str::<Value>(text) {
        Err(error) => {
            analysis.parse_error = Some((error.line(), error.column(), error.to_string()));
        }
        Ok(value) => {
            analysis.kind = shape::detect(&value);
            if let Some(kind) = &analysis.kind {
                analysis.mismatch = shape::check_shape(kind.rust_type, text).err().flatten();
            }
        }
    }
    analysis
}

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

/// The cost of one invoke: one request plus its billed GB-s at the first x86_64 tier, before
/// the free tier (the Cost page has the full model).
pub fn invoke_cost_usd(record: &InvocationRecord) -> f64 {
    let gb_s =
        record.billed_duration_ms as f64 / 1000.0 * f64::from(record.memory_size_mb) / 1024.0;
    REQUEST_PRICE.usd_f64() + gb_s * X86_64_DURATION_TIERS[0].price_per_gb_s.usd_f64()
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
    /// The event text being edited, and which handler it belongs to.
    event_text: String,
    event_handler: String,
    analysis: EventAnalysis,
    parameter_values: BTreeMap<String, String>,
    history: VecDeque<InvocationRecord>,
    asynchronous: Vec<AsyncInvocation>,
    /// The history entry the results panel shows (its request id and start).
    shown: Option<(String, u64)>,
    notice: Option<String>,
    /// A Try it asked for an invoke as soon as the page is set up.
    run_pending: bool,
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
            event_text: String::new(),
            event_handler: String::new(),
            analysis: EventAnalysis::default(),
            parameter_values: BTreeMap::new(),
            history: VecDeque::new(),
            asynchronous: Vec::new(),
            shown: None,
            notice: None,
            run_pending: false,
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

    /// Takes a finished job's records into the history (called every frame).
    pub fn poll(&mut self) {
        if let Some(result) = self.invoker.poll() {
            self.take_result(result);
        }
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
            self.event_handler = settings.handler.clone();
            self.event_text = settings
                .event_texts
                .get(&settings.handler)
                .cloned()
                .or_else(|| self.default_event_text(settings))
                .unwrap_or_else(|| "{}".to_owned());
            self.parameter_values.clear();
        }
        if self.analysis.text_len != self.event_text.len()
            || self.analysis.text_hash != hash_of(&self.event_text)
        {
            self.analysis = analyse(&self.event_text);
        }
    }

    /// The sample event text for the handler's current source event.
    fn default_event_text(&self, settings: &PlaygroundSettings) -> Option<String> {
        let events = self.events.as_ref().ok()?;
        let id = settings
            .event_sources
            .get(&settings.handler)
            .cloned()
            .or_else(|| {
                let handlers = self.handlers.as_ref().ok()?;
                handlers
                    .get(&settings.handler)
                    .map(|h| h.event_id().to_owned())
            })?;
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

    /// Why Invoke cannot run now, if it cannot.
    fn blocked_reason(&self, settings: &PlaygroundSettings) -> Option<String> {
        let config = self.config(settings)?;
        let errors = config.validate();
        if !errors.is_empty() {
            return Some(describe(&errors));
        }
        if let Some((line, column, _)) = &self.analysis.parse_error {
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
        header(
            ui,
            &handlers,
            &mut next,
            self.workspace_path(&settings.handler).is_file(),
        );
        if self.workspace_path(&settings.handler).is_file()
            && ui
                .small_button("↺ Reset to sample")
                .on_hover_text(
                    "Forget your edits of this handler and load the shipped sample again",
                )
                .clicked()
        {
            self.reset_code();
        }
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

        if next.event_texts.get(&next.handler) != Some(&self.event_text)
            && self.event_handler == next.handler
        {
            next.event_texts
                .insert(next.handler.clone(), self.event_text.clone());
        }
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
        let changed = code_area(
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
                                    self.event_text =
                                        serde_json::to_string_pretty(&value).unwrap_or_default();
                                    settings
                                        .event_sources
                                        .insert(settings.handler.clone(), event.id.clone());
                                    self.parameter_values.clear();
                                }
                            }
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Sample event")
                    });
            }
            if ui
                .button("Format")
                .on_hover_text("Pretty-print the JSON")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string_pretty(&value).unwrap_or_default();
            }
            if ui
                .button("Minify")
                .on_hover_text("Remove the whitespace")
                .clicked()
                && let Ok(value) = serde_json::from_str::<Value>(&self.event_text)
            {
                self.event_text = serde_json::to_string(&value).unwrap_or_default();
            }
        });
        self.event_status(ui, settings.invocation_type);
        self.parameters_and_notes(ui, settings);
        let error_line = self.analysis.parse_error.as_ref().map(|(line, _, _)| *line);
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
        code_area(
            ui,
            "event_editor",
            "Event JSON",
            &mut self.event_text,
            "json",
            error_line,
            highlight,
        );
    }

    fn event_status(&self, ui: &mut egui::Ui, invocation_type: InvocationType) {
        ui.horizontal_wrapped(
            |ui| match (&self.analysis.parse_error, &self.analysis.kind) {
                (Some((line, column, message)), _) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("✖ Invalid JSON at line {line}, column {column}: {message}"),
                    );
                }
                (None, Some(kind)) => {
                    badge(ui, &kind.label);
                    match &self.analysis.mismatch {
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
            },
        );
        let limit = if invocation_type == InvocationType::Event {
            MAX_ASYNC_REQUEST_BYTES
        } else {
            MAX_SYNC_REQUEST_BYTES
        };
        let bytes = self.analysis.text_len;
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
        let Some(sample) = settings
            .event_sources
            .get(&settings.handler)
            .cloned()
            .or_else(|| {
                self.handlers
                    .as_ref()
                    .ok()
                    .and_then(|h| h.get(&settings.handler))
                    .map(|h| h.event_id().to_owned())
            })
            .and_then(|id| events.get(&id).cloned())
        else {
            return;
        };
        let current: Option<Value> = serde_json::from_str(&self.event_text).ok();
        if !sample.parameters.is_empty() {
            egui::CollapsingHeader::new(format!("Parameters ({})", sample.parameters.len()))
                .id_salt(("parameters", &sample.id))
                .show(ui, |ui| {
                    for parameter in &sample.parameters {
                        let value = self
                            .parameter_values
                            .entry(parameter.name.clone())
                            .or_insert_with(|| {
                                current
                                    .as_ref()
                                    .and_then(|v| read_parameter(v, parameter).ok())
                                    .unwrap_or_else(|| parameter.default.clone())
                            });
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
                        self.apply_parameters(&sample.parameters);
                    }
                });
        }
        if !sample.notes.is_empty() {
            egui::CollapsingHeader::new(format!("Notes on this event ({})", sample.notes.len()))
                .id_salt(("notes", &sample.id))
                .default_open(true)
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
        }
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

fn header(
    ui: &mut egui::Ui,
    handlers: &SampleHandlers,
    next: &mut PlaygroundSettings,
    edited: bool,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Playground");
        let current = handlers.get(&next.handler);
        egui::ComboBox::from_id_salt("handler_picker")
            .selected_text(current.map_or(next.handler.clone(), |h| h.title.clone()))
            .width(300.0)
            .show_ui(ui, |ui| {
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

/// A monospace editor with line numbers, syntax highlighting (when `highlight`) and the
/// line `error_line` marked. Returns whether the text changed.
fn code_area(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    text: &mut String,
    language: &str,
    error_line: Option<usize>,
    highlight: bool,
) -> bool {
    let theme_colours =
        egui_extras::syntax_highlighting::CodeTheme::from_memory(ui.ctx(), ui.style());
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = if highlight {
            egui_extras::syntax_highlighting::highlight(
                ui.ctx(),
                ui.style(),
                &theme_colours,
                buffer.as_str(),
                language,
            )
        } else {
            egui::text::LayoutJob::simple(
                buffer.as_str().to_owned(),
                egui::TextStyle::Monospace.resolve(ui.style()),
                ui.visuals().text_color(),
                f32::INFINITY,
            )
        };
        job.wrap.max_width = wrap_width.max(f32::INFINITY);
        ui.fonts_mut(|fonts| fonts.layout_job(job))
    };
    let lines = text.lines().count().max(1) + usize::from(text.ends_with('\n'));
    let mut changed = false;
    egui::ScrollArea::both()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                let error_colour = ui.visuals().error_fg_color;
                let weak = ui.visuals().weak_text_color();
                let font = egui::TextStyle::Monospace.resolve(ui.style());
                let mut numbers = egui::text::LayoutJob::default();
                for n in 1..=lines.min(200_000) {
                    let colour = if Some(n) == error_line {
                        error_colour
                    } else {
                        weak
                    };
                    numbers.append(
                        &format!("{n:>4}{}\n", if Some(n) == error_line { "▶" } else { " " }),
                        0.0,
                        egui::TextFormat::simple(font.clone(), colour),
                    );
                }
                ui.add(egui::Label::new(numbers).selectable(false));
                let response = ui.add(
                    egui::TextEdit::multiline(text)
                        .id_salt(id)
                        .code_editor()
                        .desired_width(f32::INFINITY)
                        .desired_rows(20)
                        .lock_focus(true)
                        .layouter(&mut layouter),
                );
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, name)
                });
                changed = response.changed();
            });
        });
    changed
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
        let pretty = serde_json::to_string_pretty(response).unwrap_or_default();
        let mut shown = pretty.as_str();
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
