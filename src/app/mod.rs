//! The eframe app: owns the persisted [`State`], this run's [`Session`], every background job
//! ([`Jobs`]), the loaded content and the pages. Each frame it takes the jobs' news, draws the
//! pages, and applies the [`AppCommand`]s they pushed ([`apply`]). Configuration from the
//! command line is in [`config`].

mod apply;
mod config;
mod exercise;
mod export;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

pub use config::{APP_ID, AppConfig, run_window};

use crate::command::AppCommand;
use crate::content::locate::LessonsLocation;
use crate::content::{LessonPack, PackError, Samples};
use crate::jobs::{Inbox, Jobs};
use crate::persist::StateStore;
use crate::session::{Session, Source};
use crate::state::State;
use crate::ui;
use crate::ui::status::StatusBar;
use crate::workspace::{Workspace, WorkspaceFiles};

/// Commands from threads applied per frame, at most: a burst of them must not stall a frame.
const INBOX_BUDGET: Duration = Duration::from_millis(4);

/// The running app.
pub struct LambdaLabApp {
    /// The window's egui context (to open links, to wake the window).
    ctx: egui::Context,
    state: State,
    store: StateStore,
    /// What was last handed to the file thread to write, to skip writes when nothing changed.
    saved: State,
    lessons_location: LessonsLocation,
    pack: Result<LessonPack, PackError>,
    samples: Arc<Samples>,
    workspace: Workspace,
    workspace_files: WorkspaceFiles,
    session: Session,
    jobs: Jobs,
    /// Commands from the app's threads (file work, dialogs).
    inbox: Receiver<AppCommand>,
    inbox_sender: Inbox,
    /// `--export-dir`: saves go there without a dialog.
    export_dir: Option<PathBuf>,
    pages: ui::Pages,
    status: StatusBar,
    commands: Vec<AppCommand>,
    /// A change not yet written: writes wait while a slider is dragged (see `finish_frame`).
    unsaved_change: bool,
    applied_theme: Option<crate::state::ThemeChoice>,
    exit_after_first_frame: Option<Instant>,
    frames_painted: u64,
}

impl LambdaLabApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        // The Playground's runtime picker says which python3 and node this machine has.
        crate::runtime::external::launch::look_ahead();
        Self::with_markdown_cache(ctx, config, ui::lessons::MarkdownCache::spawn())
    }

    /// Like [`Self::new`], with the markdown renderer's caches already being built.
    pub fn with_markdown_cache(
        ctx: &egui::Context,
        config: AppConfig,
        markdown: ui::lessons::MarkdownCache,
    ) -> Self {
        ui::theme::install(ctx);
        // Reading the state and the content happens once, before the first frame.
        let store = StateStore::in_dir(&config.data_dir);
        let loaded = store.load();
        let mut status = StatusBar::default();
        if let Some(notice) = loaded.notice {
            status.error(notice);
        }
        let mut state = loaded.state;
        let saved = state.clone();
        if let Some(page) = config.start_page {
            state.page = page;
        }
        let pack = LessonPack::load(&config.lessons.dir);
        if let Some(id) = config.start_lesson {
            match &pack {
                Ok(pack) if pack.get(&id).is_none() => status.error(format!(
                    "There is no lesson '{id}' in {}; showing the lesson list instead. \
                     `lambda-lab lessons check` lists the ids.",
                    config.lessons.dir.display()
                )),
                _ => state.lesson_id = Some(id),
            }
        }
        ctx.set_zoom_factor(state.clamped_zoom());
        let samples = Arc::new(Samples::load_with_pack(&config.lessons.dir));
        let workspace = Workspace::in_dir(&config.data_dir);
        let workspace_files = match &samples.handlers {
            Ok(handlers) => workspace.scan(handlers),
            Err(_) => WorkspaceFiles::default(),
        };
        let (inbox_sender, inbox) = Inbox::new(Some(ctx.clone()));
        let jobs = Jobs::new(ctx, &inbox_sender);
        let pages = ui::Pages {
            lessons: ui::lessons::LessonsPage::new(markdown, config.teacher),
            playground: ui::playground::PlaygroundPage::new(),
            cost: ui::cost::CostPage::new(inbox_sender.clone()),
        };
        let mut app = Self {
            ctx: ctx.clone(),
            state,
            store,
            saved,
            lessons_location: config.lessons,
            pack,
            samples,
            workspace,
            workspace_files,
            session: Session::default(),
            jobs,
            inbox,
            inbox_sender,
            export_dir: config.export_dir,
            pages,
            status,
            commands: Vec::new(),
            unsaved_change: false,
            applied_theme: None,
            exit_after_first_frame: config.exit_after_first_frame,
            frames_painted: 0,
        };
        if let Some(setup) = config.start_playground {
            if app.open_playground(&setup, None) && config.invoke_at_start {
                app.pages.playground.run_when_ready();
            }
            if let Some(page) = config.start_page {
                app.state.page = page;
            }
        }
        if config.presenter {
            app.commands.push(AppCommand::PresenterPreset);
        }
        // An exercise left open last time: its checklist shows where the learner stands.
        if app.open_exercise().is_some() {
            app.queue_exercise_checks();
        }
        app
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn status(&self) -> &StatusBar {
        &self.status
    }

    /// Acts on `command` as if a page or a thread had sent it (scripted demonstrations and
    /// tests of what the app does with an answer, e.g. a dialog that could not open).
    pub fn send(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// This run's invocations.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The background work (for tests: the simulation, the sweep).
    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    /// The Playground's editors (for tests).
    pub fn playground(&self) -> &ui::playground::PlaygroundPage {
        &self.pages.playground
    }

    /// Whether an invoke job is running.
    pub fn is_invoking(&self) -> bool {
        self.jobs.invoking()
    }

    /// Whether anything is still running or waiting to be applied: an invoke, a simulation,
    /// a sweep, an event check, file work, or a command from a thread (tests wait for this).
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy() || !self.commands.is_empty()
    }

    /// Hands the state to the file thread to write, if anything changed since the last write.
    fn persist_now(&mut self) {
        if let Some(save) = self.pages.playground.take_unsaved_event() {
            self.apply(save);
        }
        if self.state == self.saved {
            return;
        }
        self.saved = self.state.clone();
        let store = self.store.clone();
        let state = self.state.clone();
        self.jobs.files.run(move || {
            store.save(&state).err().map(|error| {
                AppCommand::ShowStatus(crate::command::Message {
                    level: crate::command::Level::Error,
                    text: format!(
                        "{error}. Your progress is kept in memory; free disk space or fix permissions."
                    ),
                })
            })
        });
    }

    /// Takes the jobs' news: finished invokes and sweeps go into the session.
    fn poll_jobs(&mut self) {
        if self.jobs.invoke.poll()
            && let Some(invoked) = self.jobs.invoke.take_latest()
        {
            match invoked.outcome {
                Ok(result) => {
                    if result.dry_run {
                        self.pages
                            .playground
                            .set_notice(crate::runtime::job::JobResult::DRY_RUN_MESSAGE);
                    }
                    self.session.add_job(invoked.source, result, invoked.run);
                }
                Err(invalid) => self
                    .pages
                    .playground
                    .set_notice(format!("Cannot invoke: {invalid}")),
            }
        }
        if self.jobs.sweep.poll()
            && let Some(result) = self.jobs.sweep.latest_mut()
        {
            let records = std::mem::take(&mut result.records);
            self.session.add_records(Source::PowerTuning, records);
        }
        self.jobs.simulation.poll();
        self.jobs.event_check.poll();
        self.poll_exercise();
    }

    /// Moves commands from the app's threads into this frame's queue, within a time budget.
    fn drain_inbox(&mut self) {
        let started = Instant::now();
        while started.elapsed() < INBOX_BUDGET {
            match self.inbox.try_recv() {
                Ok(command) => self.commands.push(command),
                Err(_) => return,
            }
        }
        // More is waiting: the next frame takes it.
        self.inbox_sender.wake();
    }

    /// Starts simulating the Cold starts inputs when that page is shown and they changed; the
    /// worker cancels an outdated run and asks for a repaint when done.
    fn keep_simulation_current(&mut self) {
        if self.state.page == crate::state::Page::ColdStarts {
            self.jobs
                .simulation
                .request(&self.state.cold_starts.scenario);
        }
    }

    fn sync_theme_and_zoom(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.state.theme) {
            ui::theme::apply_choice(ctx, self.state.theme);
            self.applied_theme = Some(self.state.theme);
        }
        // egui's own Ctrl +/−/0 handling changes the zoom; mirror it into the state.
        let zoom = ctx.zoom_factor();
        if (zoom - self.state.zoom).abs() > f32::EPSILON {
            self.state.zoom = zoom;
        }
    }

    fn finish_frame(&mut self, ctx: &egui::Context) {
        let zoom_before = self.state.zoom;
        let applied = !self.commands.is_empty();
        for command in std::mem::take(&mut self.commands) {
            self.unsaved_change |= changes_state(&command);
            self.apply(command);
        }
        if (self.state.zoom - zoom_before).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.state.zoom);
        }
        // New inputs start simulating now, not on the next frame, which may never come.
        self.keep_simulation_current();
        // Scrolling changes state on every frame of a drag; it is written by eframe's
        // periodic save and at exit. Every other change is written at once, except while a
        // slider is dragged (a write a frame): then when the button is released.
        let zoom_changed = (self.state.zoom - self.saved.zoom).abs() > f32::EPSILON;
        let dragging = ctx.input(|input| input.pointer.any_down());
        if (self.unsaved_change && !dragging) || zoom_changed {
            self.unsaved_change = false;
            self.persist_now();
        }
        // What was applied may change what the pages show (an analysis, a loaded file): draw
        // it. File work in flight wakes the window when done.
        if applied || !self.commands.is_empty() {
            ctx.request_repaint();
        }
    }

    fn report_first_frame(&mut self, ctx: &egui::Context) {
        let Some(started) = self.exit_after_first_frame else {
            return;
        };
        self.frames_painted += 1;
        if self.frames_painted == 1 {
            // The first frame is painted after this pass; the second pass proves it was.
            ctx.request_repaint();
        } else if self.frames_painted == 2 {
            println!(
                "first frame painted {:.1} ms after process start",
                started.elapsed().as_secs_f64() * 1000.0
            );
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// One frame of the whole window (what eframe calls; benchmarks call it directly on a
    /// bare `egui::Context`, as the app runs without a screen reader).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.sync_theme_and_zoom(&ctx);
        self.poll_jobs();
        self.drain_inbox();
        self.pages
            .playground
            .keep_current(&ctx, &self.state.playground, &mut self.commands);
        self.keep_simulation_current();
        let view = ui::AppView {
            state: &self.state,
            session: &self.session,
            jobs: &self.jobs,
            samples: &self.samples,
            workspace: &self.workspace,
            workspace_files: &self.workspace_files,
            pack: &self.pack,
            lessons_location: &self.lessons_location,
            status: &self.status,
        };
        ui::shell(ui, &view, &mut self.pages, &mut self.commands);
        self.finish_frame(&ctx);
        self.report_first_frame(&ctx);
    }

    /// Writes everything still unsaved and waits for the file thread (at exit).
    pub fn finish_writing(&mut self) {
        self.persist_now();
        self.jobs.files.finish();
    }
}

/// Whether a command changes what is saved (scrolling is saved periodically instead; answers
/// from threads change the state where they need to through the commands they lead to).
fn changes_state(command: &AppCommand) -> bool {
    !matches!(command, AppCommand::LessonScrolled { .. })
}

impl eframe::App for LambdaLabApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.persist_now();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.finish_writing();
        self.jobs.sources.stop_all();
        // An invoke may still be waiting on a runtime process (a handler sleeping towards a
        // 15-minute timeout): the process is ended now, not left running after the window.
        let ended = crate::runtime::external::end_all_processes();
        if ended > 0 {
            log::info!("ended {ended} runtime process(es) on quit");
        }
    }

    fn persist_egui_memory(&self) -> bool {
        // Scroll positions and the page live in our own state file; egui's memory would
        // only fight it.
        false
    }
}
