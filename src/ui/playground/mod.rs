//! The Playground page: pick a handler, edit its code and event, invoke it in the embedded
//! runtime, and read the response, the CloudWatch log lines and the REPORT numbers the way the
//! Lambda console shows them, with the session's history. The page holds only what is being
//! edited; invokes, checks and files are the app's work, asked for with commands. Split by
//! panel: [`settings`] (the function), [`code`], [`event`], [`results`].

mod client_view;
mod code;
mod event;
mod exercise;
mod history;
mod layers;
mod panes;
mod results;
mod run_table;
mod runtime;
mod settings;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use layers::attached as attached_layers;
pub use results::{explain_error, invoke_cost_usd};

use crate::command::{AppCommand, FileRequest};
use crate::model::format;
use crate::runtime::config::{FunctionConfig, describe};
use crate::runtime::job::InvokeJob;
use crate::session::Source;
use crate::state::PlaygroundSettings;
use crate::ui::AppView;
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
    /// The height the panes took around their editors when last drawn (headings, the event's
    /// toolbar, margins), in points.
    editor_overhead_points: f32,
    /// The pane edge the learner is dragging, if any.
    dragging_edge: Option<crate::ui::widgets::grip::Edge>,
    /// Where the event in the editor came from (named in the event picker).
    loaded_event: Option<LoadedEvent>,
    /// The event text as it was loaded or saved: edits since make it "edited".
    event_baseline: String,
    /// An event to load over edits, waiting for the learner to confirm.
    pending_replacement: Option<Replacement>,
    /// The page's height below the header, the settings' height and the height of the rest
    /// (overview, Invoke row, margins; not the editors or results) on the last frame.
    page_room_points: f32,
    settings_drawn_points: f32,
    fixed_points: f32,
    /// Whether the settings are open as a window (when the page has no room for them).
    settings_window: bool,
    /// An event file's path typed in the File menu.
    event_path: String,
    /// The history's filter as typed.
    history_filter: history::HistoryFilter,
    /// What the client of an HTTP front door gets, for the record shown (request id, start).
    client_view: Option<((String, u64), Option<client_view::ClientView>)>,
}

/// Where an event text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadedEvent {
    /// A shipped sample event (`s3/put`).
    Sample(String),
    /// A test event the learner saved under this name.
    Saved(String),
    /// An event file (its file name).
    File(String),
}

impl LoadedEvent {
    /// How the event picker names it.
    fn label(&self) -> String {
        match self {
            Self::Sample(id) => id.clone(),
            Self::Saved(name) => format!("saved: {name}"),
            Self::File(name) => format!("file: {name}"),
        }
    }
}

/// An event to load into the editor.
#[derive(Clone, Debug)]
enum Replacement {
    /// A sample event, by id (read on the file thread).
    Sample(String),
    /// A saved test event: its name and text.
    Saved { name: String, json: String },
}

impl Replacement {
    /// Where the event will have come from, once loaded.
    fn origin(&self) -> LoadedEvent {
        match self {
            Self::Sample(id) => LoadedEvent::Sample(id.clone()),
            Self::Saved { name, .. } => LoadedEvent::Saved(name.clone()),
        }
    }
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

    /// How many lines the code and the event editor showed when last drawn (for tests).
    pub fn visible_editor_lines(&self) -> (usize, usize) {
        (
            self.code_area.visible_lines(),
            self.event_area.visible_lines(),
        )
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
        self.event_baseline = self.event_text.clone();
        self.loaded_event = None;
        self.pending_replacement = None;
        self.event_unsaved_since = None;
        self.parameter_values.clear();
        // A newly opened file starts at its top, not where the last one was scrolled to.
        self.code_area.scroll_to_top();
        commands.push(AppCommand::CheckEvent(Arc::from(self.event_text.as_str())));
    }

    /// New event text for `handler` (a sample event picked, a file opened), from `origin`.
    pub fn replace_event(
        &mut self,
        handler: &str,
        text: String,
        origin: Option<LoadedEvent>,
        commands: &mut Vec<AppCommand>,
    ) {
        if handler != self.code_handler {
            return;
        }
        self.event_text = text;
        self.event_baseline = self.event_text.clone();
        if origin.is_some() {
            self.loaded_event = origin;
        }
        self.parameter_values.clear();
        self.event_changed(commands);
    }

    /// What the event in the editor is called: the sample, saved event or file it came
    /// from, "· edited" once changed since.
    fn event_label(&self, view: &AppView<'_>, settings: &PlaygroundSettings) -> Option<String> {
        let loaded = self
            .loaded_event
            .as_ref()
            .map(LoadedEvent::label)
            .or_else(|| sample_event_id(view, settings))?;
        Some(if self.event_edited() {
            format!("{loaded} · edited")
        } else {
            loaded
        })
    }

    /// Whether the event was edited since it was loaded or saved.
    fn event_edited(&self) -> bool {
        self.event_text != self.event_baseline
    }

    /// Loads `replacement` now, or, over edits not saved under a name, once the learner
    /// confirms (a dialog asks).
    fn ask_to_replace_event(
        &mut self,
        replacement: Replacement,
        settings: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        if self.event_edited() {
            self.pending_replacement = Some(replacement);
        } else {
            self.load_event(replacement, settings, commands);
        }
    }

    fn load_event(
        &mut self,
        replacement: Replacement,
        settings: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        self.loaded_event = Some(replacement.origin());
        match replacement {
            Replacement::Sample(id) => {
                settings
                    .event_sources
                    .insert(settings.handler.clone(), id.clone());
                commands.push(AppCommand::LoadSampleEvent {
                    handler: settings.handler.clone(),
                    event_id: id,
                });
            }
            Replacement::Saved { json, .. } => {
                self.event_text = json;
                self.event_baseline = self.event_text.clone();
                self.parameter_values.clear();
                self.event_changed(commands);
            }
        }
    }

    /// The dialog that asks before an event replaces the learner's edits.
    fn replace_dialog(
        &mut self,
        ui: &egui::Ui,
        settings: &mut PlaygroundSettings,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(replacement) = &self.pending_replacement else {
            return;
        };
        let title = replacement.origin().label();
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("replace_event_dialog")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading("Replace your edited event?");
            ui.label(format!(
                "The event in the editor has edits that are not saved under a name. Loading {title} replaces them. To keep them, save them in Saved events first."
            ));
            ui.horizontal(|ui| {
                if ui.button(format!("Replace with {title}")).clicked() {
                    choice = Some(true);
                }
                if ui.button("Keep my edits").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                if let Some(replacement) = self.pending_replacement.take() {
                    self.load_event(replacement, settings, commands);
                }
            }
            Some(false) => self.pending_replacement = None,
            None => {}
        }
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

    /// Invokes the handler with the editor's event, or with `event` (label and text: a
    /// history row's, re-run).
    fn invoke(
        &mut self,
        view: &AppView<'_>,
        settings: &PlaygroundSettings,
        source: Source,
        event: Option<(String, Arc<str>)>,
        commands: &mut Vec<AppCommand>,
    ) {
        let Some(config) = self.deployed_config(view, settings) else {
            return;
        };
        self.notice = None;
        let (event_label, event_json) = event.unwrap_or_else(|| {
            (
                self.event_label(view, settings)
                    .unwrap_or_else(|| "your event".to_owned()),
                Arc::from(self.event_text.as_str()),
            )
        });
        commands.push(AppCommand::Invoke {
            event_label,
            job: InvokeJob {
                config,
                event_json,
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
        ui.horizontal_wrapped(|ui| {
            settings::header(
                ui,
                handlers,
                &view.workspace_files.own,
                &mut next,
                edited_sample,
            );
            self.workspace_row(ui, view, handlers, &mut next, commands);
        });
        self.try_it_lines(ui, &mut next);
        exercise::checklist(ui, view, &mut next, commands);
        let config = Self::config(view, &next);
        // The function's settings scroll when the window is short, so the editors below keep
        // their lines: they are what a learner works in. With no room even for a row, they
        // fold into the overview's line and open as a window from there. What else the page
        // takes (the overview, the Invoke row, margins) is measured on the last frame.
        let control = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        let results_room = if Self::has_results(view) {
            next.layout
                .results_height_points
                .min(ui.available_height() * 0.25)
        } else {
            0.0
        };
        self.page_room_points = ui.available_height();
        let fixed = if self.fixed_points > 0.0 {
            self.fixed_points
        } else {
            4.0 * control
        };
        let settings_room =
            self.page_room_points - self.editors_min_height(ui) - results_room - fixed;
        let no_room = settings_room < 2.5 * control;
        self.function_overview(ui, config.as_ref(), &mut next, no_room);
        self.settings_drawn_points = 0.0;
        if no_room && self.settings_window {
            let mut open = true;
            egui::Window::new("Function settings")
                .open(&mut open)
                .default_width(620.0)
                .show(ui.ctx(), |ui| {
                    self.settings_body(ui, view, config.as_ref(), &mut next, commands);
                });
            self.settings_window = open;
        } else if !no_room && !next.layout.settings_collapsed {
            let drawn = ui.scope(|ui| {
                // A solid scroll bar: a row cut by a short window must look scrollable, not
                // broken (egui's floating bar is a hairline until hovered).
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                egui::ScrollArea::vertical()
                    .id_salt("function_settings")
                    .max_height(settings_room)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        self.settings_body(ui, view, config.as_ref(), &mut next, commands);
                    })
                    .inner_rect
                    .height()
            });
            // With the spacing under it, which goes when the settings do.
            self.settings_drawn_points = drawn.inner + ui.spacing().item_spacing.y;
        }
        let blocked = self.blocked_reason(view, &next);
        self.invoke_row(ui, view, &next, blocked.as_deref(), commands);
        ui.separator();
        self.panes(ui, view, &mut next, commands);
        self.replace_dialog(ui, &mut next, commands);

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
                self.invoke(view, settings, source, None, commands);
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
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let config = Self::config(view, settings);
                let button = ui
                    .add_enabled(config.is_some(), egui::Button::new("Export for AWS…"))
                    .on_hover_text(
                        "Write this function as an AWS SAM project to deploy for real: the code \
                         and layers as .zip files, template.yaml with these settings (and the \
                         trigger the event comes from), event.json and a README with the \
                         sam deploy and aws lambda invoke commands",
                    );
                if let Some(config) = config
                    && button.clicked()
                {
                    commands.push(AppCommand::RequestFile(FileRequest::ExportForAws(Box::new(
                        crate::command::AwsExport {
                            config,
                            event_json: self.event_text.clone(),
                        },
                    ))));
                }
            });
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
