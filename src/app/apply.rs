//! How the app applies each [`AppCommand`]: state changes at once; work (invokes, sweeps,
//! checks, files, dialogs) handed to [`crate::jobs`]; answers from the threads handed to the
//! session, the state and the pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::LambdaLabApp;
use crate::command::{AppCommand, FileRequest, Level, Message, SaveAs, Written};
use crate::content::LessonPack;
use crate::content::tryit::{PlaygroundSetup, SourceSetup, TryTarget};
use crate::model::limits::{DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS, MAX_LAYERS};
use crate::persist::write_atomically;
use crate::sources::settings::SourceTab;
use crate::state::{
    ColdStartsView, MAX_ZOOM, MIN_ZOOM, Page, PlaygroundSettings, RECENT_FILES_LIMIT, SavedEvent,
};
use crate::ui;
use crate::workspace::Language;
use crate::workspace::{self, Workspace};

impl LambdaLabApp {
    pub(super) fn apply(&mut self, command: AppCommand) {
        let Some(command) = self.apply_exercise(command) else {
            return;
        };
        match command {
            // Taken by `apply_exercise` above.
            AppCommand::StartExercise(_)
            | AppCommand::RunExerciseChecks
            | AppCommand::ShowHint(_)
            | AppCommand::LoadSolution { .. }
            | AppCommand::SolutionLoaded { .. } => {}
            AppCommand::Navigate(page) => self.state.page = page,
            AppCommand::OpenLesson(id) => {
                self.state.page = Page::Lessons;
                self.state.lesson_id = Some(id);
            }
            AppCommand::LessonScrolled { lesson_id, offset } => {
                self.state.lesson_scroll.insert(lesson_id, offset);
            }
            AppCommand::RecordProgress {
                lesson_id,
                progress,
            } => self.state.record_progress(&lesson_id, progress),
            AppCommand::AnswerQuestion {
                lesson_id,
                question,
                answer,
                correct,
                question_count,
            } => self
                .state
                .record_answer(&lesson_id, question, answer, correct, question_count),
            AppCommand::GiveUp {
                lesson_id,
                question,
            } => self.state.give_up(&lesson_id, question),
            AppCommand::UpdateLessonList(layout) => self.state.lesson_list = layout,
            AppCommand::ResetProgress => {
                self.state.reset_progress();
                self.status.info(
                    "Progress, quiz answers, exercise passes and reading positions were reset.",
                );
            }
            AppCommand::SetTheme(theme) => self.state.theme = theme,
            AppCommand::StartOver => self.start_over(),
            AppCommand::PresenterPreset => {
                self.state.zoom = crate::state::PRESENTER_ZOOM;
                self.state.lesson_list.open = false;
                self.state.theme = crate::state::ThemeChoice::HighContrast;
                self.status.info(
                    "Presenter preset: 150 % zoom, the lesson list hidden, high contrast. The zoom \
                     buttons, » Lessons and the theme button undo each part.",
                );
            }
            AppCommand::SetZoom(zoom) => self.state.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            AppCommand::ReloadLessons => {
                let dir = self.lessons_location.dir.clone();
                self.jobs.files.run(move || {
                    Some(AppCommand::LessonsLoaded {
                        pack: LessonPack::load(&dir),
                        samples: Arc::new(crate::content::Samples::load_with_pack(&dir)),
                    })
                });
            }
            AppCommand::LessonsLoaded { pack, samples } => {
                self.pack = pack;
                // A teacher may have added handlers or starters: list the learner's copies
                // against the new samples.
                self.samples = samples;
                let workspace = self.workspace.clone();
                let samples = Arc::clone(&self.samples);
                self.jobs.files.run(move || scan(&workspace, &samples));
                self.pages.lessons.forget_rendered();
                match &self.pack {
                    Ok(pack) => self.status.info(format!(
                        "Reloaded {} from {}.",
                        crate::model::format::counted(pack.lessons.len(), "lesson", "lessons"),
                        self.lessons_location.dir.display()
                    )),
                    Err(error) => self.status.error(error.to_string()),
                }
            }
            AppCommand::DismissStatus => self.status.dismiss(),
            AppCommand::DismissTryItHint => self.state.try_it_hint = None,
            AppCommand::ShowStatus(message) => self.show_status(message),
            AppCommand::UpdateColdStarts(settings) => self.state.cold_starts = settings,
            AppCommand::RunExperiment(experiment) => {
                self.state.page = Page::ColdStarts;
                let settings = &mut self.state.cold_starts;
                settings.view = ColdStartsView::Simulator;
                settings.scenario = experiment.inputs();
                settings.experiment = Some(experiment);
            }
            AppCommand::UpdatePlayground(settings) => {
                let chosen_before = (
                    self.state.playground.memory_mb,
                    self.state.playground.provisioned_concurrency,
                );
                self.state.playground = settings;
                let chosen = (
                    self.state.playground.memory_mb,
                    self.state.playground.provisioned_concurrency,
                );
                if chosen != chosen_before {
                    self.exercise_settings_changed();
                }
            }
            AppCommand::UpdateCost(settings) => self.state.cost = settings,
            AppCommand::UpdateEventSources(settings) => self.state.event_sources = settings,
            AppCommand::SetLearnerName(name) => self.state.learner_name = Some(name),
            AppCommand::TryIt(tryit) => match tryit.target {
                TryTarget::ColdStarts(experiment) => {
                    self.state.try_it_hint = Some(crate::state::TryItHint {
                        page: Page::ColdStarts,
                        text: tryit.look_for,
                    });
                    self.apply(AppCommand::RunExperiment(experiment))
                }
                TryTarget::Cost(preset) => {
                    self.state.try_it_hint = Some(crate::state::TryItHint {
                        page: Page::Cost,
                        text: tryit.look_for,
                    });
                    self.state.page = Page::Cost;
                    let inputs = &mut self.state.cost.inputs;
                    if let Some(requests) = preset.requests {
                        inputs.requests = requests;
                    }
                    if let Some(duration_ms) = preset.duration_ms {
                        inputs.duration_ms = duration_ms;
                    }
                    if let Some(memory_mb) = preset.memory_mb {
                        inputs.memory_mb = memory_mb;
                    }
                    if let Some(architecture) = preset.architecture {
                        inputs.architecture = architecture;
                    }
                }
                TryTarget::EventSources { handler, source } => {
                    if self.open_playground(&handler, None) {
                        self.state.try_it_hint = Some(crate::state::TryItHint {
                            page: Page::EventSources,
                            text: tryit.look_for,
                        });
                        self.state.page = Page::EventSources;
                        let settings = &mut self.state.event_sources;
                        settings.tab = match source {
                            SourceSetup::Http(http) => {
                                settings.http = http;
                                SourceTab::Http
                            }
                            SourceSetup::Queue(queue) => {
                                settings.queue = queue;
                                SourceTab::Queue
                            }
                            SourceSetup::Bucket(bucket) => {
                                settings.bucket = bucket;
                                SourceTab::Bucket
                            }
                            SourceSetup::Schedule(schedule) => {
                                settings.schedule = schedule;
                                SourceTab::Schedule
                            }
                        };
                        settings.start_requested = true;
                    }
                }
                TryTarget::Playground(setup) => {
                    if self.open_playground(&setup, Some(tryit.look_for)) {
                        let playground = &mut self.state.playground;
                        playground.set_by = playground
                            .has_per_run_settings()
                            .then(|| tryit.label.clone());
                        self.pages.playground.run_when_ready();
                    }
                }
            },

            AppCommand::Invoke {
                job,
                source,
                event_label,
            } => {
                // Through the file thread first: a code edit saved a moment ago must be on
                // disk before an environment loads it.
                self.jobs.invoke_queued = true;
                self.jobs.files.run(move || {
                    Some(AppCommand::StartInvoke {
                        job,
                        source,
                        event_label,
                    })
                });
            }
            // Cancelled while it waited for the writes: it never starts.
            AppCommand::StartInvoke { .. } if !self.jobs.invoke_queued => {}
            AppCommand::StartInvoke {
                job,
                source,
                event_label,
            } => {
                self.jobs.invoke_queued = false;
                self.jobs.invoke.start(crate::jobs::invoke::Invoke {
                    job,
                    source,
                    event_label,
                });
            }
            AppCommand::CancelInvoke => {
                self.jobs.invoke_queued = false;
                self.jobs.invoke.cancel();
            }
            AppCommand::ClearHistory => self.session.clear_by_hand(),
            AppCommand::StartSource { config, start } => {
                self.jobs.sources.start_source(*config, start);
            }
            AppCommand::StopSource(kind) => self.jobs.sources.stop(kind),
            AppCommand::SourceUpdate(update) => self.jobs.sources.apply(update, &mut self.session),
            AppCommand::StartSweep(job) => self.jobs.sweep.start(job),
            AppCommand::CancelSweep => self.jobs.sweep.cancel(),
            AppCommand::CheckEvent(text) => self.jobs.event_check.check(&text),
            AppCommand::OpenHandler(handler) => self.open_handler(handler),
            AppCommand::SaveCode {
                handler,
                code,
                language,
            } => {
                self.exercise_code_saved(&handler);
                let workspace = self.workspace.clone();
                let samples = Arc::clone(&self.samples);
                self.jobs.files.run(move || {
                    let first_copy = !workspace.copy_path(&handler, language).is_file();
                    match workspace.save_code(&handler, &code, language) {
                        Err(error) => Some(AppCommand::FileWritten {
                            path: workspace.copy_path(&handler, language),
                            what: Written::Code,
                            result: Err(error),
                        }),
                        // The first edit of a sample makes the learner's copy: list it.
                        Ok(()) if first_copy => scan(&workspace, &samples),
                        Ok(()) => None,
                    }
                });
            }
            AppCommand::SaveEvent { handler, text } => {
                let workspace = self.workspace.clone();
                self.jobs.files.run(move || {
                    workspace.save_event(&handler, &text).err().map(|error| {
                        AppCommand::FileWritten {
                            path: workspace.event_path(&handler),
                            what: Written::EventText,
                            result: Err(error),
                        }
                    })
                });
            }
            AppCommand::CreateHandler { name, language } => {
                let workspace = self.workspace.clone();
                let samples = Arc::clone(&self.samples);
                self.jobs
                    .files
                    .run(move || match workspace.create(&name, language) {
                        Ok(()) => scan(&workspace, &samples),
                        Err(error) => Some(AppCommand::FileWritten {
                            path: workspace.copy_path(&name, language),
                            what: Written::Code,
                            result: Err(error),
                        }),
                    });
            }
            AppCommand::ResetHandler(handler) => {
                let workspace = self.workspace.clone();
                let samples = Arc::clone(&self.samples);
                self.jobs
                    .files
                    .run(move || match workspace.reset(&handler) {
                        Ok(()) => scan(&workspace, &samples),
                        Err(error) => Some(AppCommand::FileWritten {
                            path: workspace.existing_copy(&handler).unwrap_or_else(|| {
                                workspace.copy_path(&handler, Language::default())
                            }),
                            what: Written::Code,
                            result: Err(error),
                        }),
                    });
                self.pages.playground.reopen();
            }
            AppCommand::LoadSampleEvent { handler, event_id } => {
                let samples = Arc::clone(&self.samples);
                self.jobs.files.run(move || {
                    let events = samples.events.as_ref().ok()?;
                    let text = workspace::sample_event_text(events, &event_id)?;
                    Some(AppCommand::EventTextLoaded { handler, text })
                });
            }
            AppCommand::OpenEventFile(path) => {
                self.jobs.files.run(move || {
                    let result = workspace::read_event_file(&path);
                    Some(AppCommand::EventFileOpened { path, result })
                });
            }
            AppCommand::OpenWorkspaceFolder => {
                let workspace = self.workspace.clone();
                self.jobs
                    .files
                    .run(move || match workspace.ensure_handlers_dir() {
                        Ok(()) => Some(AppCommand::ShowFolder(
                            workspace.handlers_dir().to_path_buf(),
                        )),
                        Err(error) => Some(error_status(error)),
                    });
            }
            AppCommand::ShowFolder(path) => {
                // Opening a folder can fail without a word (no file manager, no portal):
                // always say where it is, and put the path on the clipboard.
                self.ctx
                    .open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
                self.ctx.copy_text(path.display().to_string());
                self.status.info(format!(
                    "Your handlers are in {} (opened in the file manager if this machine has one; the path is on the clipboard).",
                    path.display()
                ));
            }
            AppCommand::RequestFile(request) => self.request_file(request),
            AppCommand::DialogClosed {
                request,
                path,
                failed,
            } => match (request, path) {
                (request, None) if failed => self.no_dialog(request),
                (_, None) => {} // cancelled
                (FileRequest::ImportEvent, Some(path)) => {
                    self.apply(AppCommand::OpenEventFile(path));
                }
                (FileRequest::SaveAs(save), Some(path)) => self.write_file(path, save),
                (FileRequest::AddLayer { handler, .. }, Some(path)) => {
                    self.attach_layer(&handler, path);
                }
                (FileRequest::ExportForAws(export), Some(folder)) => {
                    self.export_for_aws(*export, &folder);
                }
            },
            AppCommand::ListLayers(layers) => self.jobs.files.run(move || {
                let listing = crate::runtime::layers::list(&layers);
                Some(AppCommand::LayersListed { layers, listing })
            }),
            AppCommand::LayersListed { layers, listing } => {
                self.pages.playground.layers_listed(layers, listing);
            }
            AppCommand::HandlerOpened(files) => {
                self.pages.playground.opened(files, &mut self.commands);
            }
            AppCommand::WorkspaceScanned(files) => self.workspace_files = files,
            AppCommand::EventTextLoaded { handler, text } => {
                self.pages
                    .playground
                    .replace_event(&handler, text, None, &mut self.commands);
            }
            AppCommand::EventFileOpened { path, result } => match result {
                Ok(text) => {
                    let handler = self.state.playground.handler.clone();
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |name| name.to_string_lossy().into_owned(),
                    );
                    self.pages.playground.replace_event(
                        &handler,
                        text,
                        Some(crate::ui::playground::LoadedEvent::File(name)),
                        &mut self.commands,
                    );
                    remember_file(&mut self.state.playground, &path);
                    self.pages
                        .playground
                        .set_notice(format!("Opened {}", path.display()));
                }
                Err(error) => self.pages.playground.set_notice(error),
            },
            AppCommand::EditedEventKept { handler, saved } => {
                self.state
                    .playground
                    .saved_events
                    .entry(handler)
                    .or_default()
                    .push(saved);
            }
            AppCommand::FileWritten { path, what, result } => {
                self.file_written(&path, what, result);
            }
        }
    }

    /// Opens `handler`'s code and event on the file thread; the Playground gets them with
    /// [`AppCommand::HandlerOpened`].
    fn open_handler(&mut self, handler: String) {
        let workspace = self.workspace.clone();
        let samples = Arc::clone(&self.samples);
        let sample_event = self.sample_event_of(&handler);
        self.jobs.files.run(move || {
            let handlers = samples.handlers.as_ref().ok()?;
            let files = workspace.open(
                &handler,
                handlers,
                samples.events.as_ref().ok(),
                sample_event.as_deref(),
            );
            Some(AppCommand::HandlerOpened(files))
        });
    }

    /// The sample event a handler's event starts from: the one picked last, else its own.
    fn sample_event_of(&self, handler: &str) -> Option<String> {
        self.state
            .playground
            .event_sources
            .get(handler)
            .cloned()
            .or_else(|| {
                let handlers = self.samples.handlers.as_ref().ok()?;
                handlers.get(handler).map(|h| h.event_id().to_owned())
            })
    }

    /// Sets the Playground up as a Try it (or the command line) asks: handler, event and
    /// settings, the handler's suggested settings where the setup says nothing.
    /// Opens the Playground set up as `setup` says; false (with the reason in the status
    /// bar) when its handler is neither a shipped sample nor one of the learner's own.
    pub(super) fn open_playground(
        &mut self,
        setup: &PlaygroundSetup,
        look_for: Option<String>,
    ) -> bool {
        let known = self
            .samples
            .handlers
            .as_ref()
            .is_ok_and(|handlers| handlers.get(&setup.handler).is_some())
            || self.workspace_files.own.contains(&setup.handler);
        if !known {
            // An empty stand-in where Invoke does nothing would only confuse: say what is
            // wrong, and leave the Playground as it was.
            self.status.error(format!(
                "This Try it names the handler \"{}\", which is neither a shipped sample nor one of your handlers: the lesson pack needs fixing (`lambda-lab lessons check` names the line).",
                setup.handler
            ));
            return false;
        }
        let layers = match setup
            .layers
            .as_ref()
            .map(|names| self.samples.layers.resolve(names))
        {
            Some(Err(unknown)) => {
                self.status.error(format!(
                    "This Try it attaches the layers {}, which are not shipped layers: the lesson pack needs fixing (`lambda-lab lessons check` names the line).",
                    unknown.join(", ")
                ));
                return false;
            }
            Some(Ok(layers)) => Some(layers),
            None => None,
        };
        self.state.page = Page::Playground;
        if let Some(runtime) = &setup.runtime {
            self.state.playground.runtime = Some(runtime.clone());
        }
        if let Some(layers) = layers {
            self.state
                .playground
                .layers
                .insert(setup.handler.clone(), layers);
        }
        let suggested = self
            .samples
            .handlers
            .as_ref()
            .ok()
            .and_then(|h| h.get(&setup.handler).cloned());
        let playground = &mut self.state.playground;
        playground.handler = setup.handler.clone();
        playground.look_for = look_for;
        playground.memory_mb = setup
            .memory_mb
            .or(suggested.as_ref().and_then(|h| h.memory_mb))
            .unwrap_or(DEFAULT_MEMORY_MB);
        playground.timeout_secs = setup
            .timeout_secs
            .or(suggested.as_ref().and_then(|h| h.timeout_secs))
            .unwrap_or(DEFAULT_TIMEOUT_SECS);
        playground.repeat = setup.repeat;
        playground.concurrency = setup.concurrency;
        playground.invocation_type = setup.invocation_type;
        let event_id = setup
            .event
            .clone()
            .or(suggested.as_ref().map(|h| h.event_id().to_owned()));
        match &event_id {
            Some(id) => {
                playground
                    .event_sources
                    .insert(setup.handler.clone(), id.clone());
            }
            None => {
                playground.event_sources.remove(&setup.handler);
            }
        }
        self.start_from_sample(&setup.handler, event_id);
        true
    }

    /// Adds `path` as `handler`'s last layer (a dialog's answer), unless it has Lambda's 5.
    fn attach_layer(&mut self, handler: &str, path: PathBuf) {
        let mut layers =
            ui::playground::attached_layers(&self.samples, &self.state.playground, handler);
        if layers.len() >= MAX_LAYERS {
            self.status.error(format!(
                "{handler} already has {MAX_LAYERS} layers, Lambda's limit: detach one first."
            ));
            return;
        }
        layers.push(path);
        self.state
            .playground
            .layers
            .insert(handler.to_owned(), layers);
    }

    /// A Try it starts from the sample event, as the lesson describes it. An edited event of
    /// that handler is kept as a saved event first, so nothing the learner typed is lost.
    fn start_from_sample(&mut self, handler: &str, event_id: Option<String>) {
        if let Some(save) = self.pages.playground.take_unsaved_event() {
            self.apply(save);
        }
        let workspace = self.workspace.clone();
        let samples = Arc::clone(&self.samples);
        let owned_handler = handler.to_owned();
        self.jobs.files.run(move || {
            let sample = samples
                .events
                .as_ref()
                .ok()
                .zip(event_id.as_deref())
                .and_then(|(events, id)| workspace::sample_event_text(events, id));
            let text = workspace.take_edited_event(&owned_handler, sample.as_deref())?;
            let stamp = crate::runtime::record::iso_time(crate::runtime::record::now_ms());
            Some(AppCommand::EditedEventKept {
                handler: owned_handler,
                saved: SavedEvent {
                    name: format!("my edit, kept {}", stamp.get(..16).unwrap_or(&stamp)),
                    json: text,
                },
            })
        });
        self.pages.playground.reopen();
    }

    /// A dialog, or straight to the export folder when `--export-dir` gave one.
    fn request_file(&mut self, request: FileRequest) {
        if let (FileRequest::SaveAs(save), Some(folder)) = (&request, &self.export_dir) {
            let path = folder.join(format!("{}.{}", save.file_stem, save.extension));
            self.write_file(path, save.clone());
            return;
        }
        if let (FileRequest::ExportForAws(export), Some(folder)) = (&request, &self.export_dir) {
            let folder = folder.clone();
            self.export_for_aws((**export).clone(), &folder);
            return;
        }
        if !self.jobs.dialogs.open(request) {
            self.status
                .info("A file dialog is already open: finish with it first.");
        }
    }

    /// No file dialog could open on this machine: do what can be done without one, and say
    /// where things went or what to do instead.
    fn no_dialog(&mut self, request: FileRequest) {
        const WHY: &str =
            "No file dialog could open on this machine (it needs a desktop portal or zenity)";
        match request {
            FileRequest::SaveAs(save) => {
                let path = self
                    .workspace
                    .exports_dir()
                    .join(format!("{}.{}", save.file_stem, save.extension));
                self.status
                    .info(format!("{WHY}, so it is saved in the data folder instead."));
                self.write_file(path, save);
            }
            FileRequest::ImportEvent => self.status.error(format!(
                "{WHY}: drop the JSON file on the window, or type its path under File ⏷ in the event editor."
            )),
            FileRequest::AddLayer { .. } => self.status.error(format!(
                "{WHY}: type the layer's path in the Layers window instead."
            )),
            FileRequest::ExportForAws(export) => {
                let folder = self.workspace.exports_dir().to_path_buf();
                self.status
                    .info(format!("{WHY}, so it goes into the data folder instead."));
                self.export_for_aws(*export, &folder);
            }
        }
    }

    /// Writes a file the learner asked for on the file thread; the answer reports it.
    fn write_file(&mut self, path: PathBuf, save: SaveAs) {
        self.jobs.files.run(move || {
            let result = write_atomically(&path, &save.bytes).map_err(|e| e.to_string());
            Some(AppCommand::FileWritten {
                path,
                what: save.what,
                result,
            })
        });
    }

    fn file_written(&mut self, path: &Path, what: Written, result: Result<(), String>) {
        match (what, result) {
            (Written::Export, Ok(())) => self.status.info(format!("Saved {}", path.display())),
            (Written::Export, Err(error)) => self
                .status
                .error(format!("Could not save {}: {error}", path.display())),
            (Written::Event, Ok(())) => {
                remember_file(&mut self.state.playground, path);
                self.pages
                    .playground
                    .set_notice(format!("Saved the event to {}", path.display()));
            }
            (Written::Event, Err(error)) => self
                .pages
                .playground
                .set_notice(format!("Could not save the event: {error}")),
            (Written::Code, Err(error)) => self.pages.playground.set_code_error(error),
            (Written::EventText | Written::State, Err(error)) => self.status.error(error),
            (Written::Code | Written::EventText | Written::State, Ok(())) => {}
        }
    }

    /// "Start over for the next student": everything the learner did goes; how the window
    /// looks (theme, zoom, lesson list) stays, as the room set it up.
    fn start_over(&mut self) {
        self.jobs.invoke_queued = false;
        self.jobs.invoke.cancel();
        self.jobs.sources.stop_all();
        let crate::state::State {
            theme,
            zoom,
            lesson_list,
            ..
        } = self.state.clone();
        self.state = crate::state::State {
            theme,
            zoom,
            lesson_list,
            ..crate::state::State::default()
        };
        self.session = crate::session::Session::default();
        // A fresh page: the learner's unsaved edits go too, and it opens the default handler
        // once the files below are gone (the file thread keeps its order).
        self.pages.playground = ui::playground::PlaygroundPage::new();
        let workspace = self.workspace.clone();
        let samples = Arc::clone(&self.samples);
        self.jobs
            .files
            .run(move || match workspace.clear_learner_files() {
                Ok(()) => scan(&workspace, &samples),
                Err(error) => Some(error_status(error)),
            });
        self.status.info(
            "Started over: progress, name, handlers, saved events and this session are gone. Ready for the next student.",
        );
    }

    fn show_status(&mut self, message: Message) {
        match message.level {
            Level::Info => self.status.info(message.text),
            Level::Error => self.status.error(message.text),
        }
    }
}

/// Lists the workspace's handler files, for the app to take in.
fn scan(workspace: &Workspace, samples: &crate::content::Samples) -> Option<AppCommand> {
    let handlers = samples.handlers.as_ref().ok()?;
    Some(AppCommand::WorkspaceScanned(workspace.scan(handlers)))
}

fn error_status(text: String) -> AppCommand {
    AppCommand::ShowStatus(Message {
        level: Level::Error,
        text,
    })
}

/// Puts `path` first in the recent event files.
fn remember_file(settings: &mut PlaygroundSettings, path: &Path) {
    settings.recent_files.retain(|p| p != path);
    settings.recent_files.insert(0, path.to_path_buf());
    settings.recent_files.truncate(RECENT_FILES_LIMIT);
}
