//! The eframe app: owns the persisted [`State`], the loaded lesson pack and the live UI
//! handles (the simulator's worker thread among them), applies the [`AppCommand`]s pages emit,
//! and saves state when it changes.

use std::path::PathBuf;
use std::time::Instant;

use crate::cli::Cli;
use crate::command::AppCommand;
use crate::content::handlers;
use crate::content::locate::{LessonsLocation, locate_app_dir, locate_lessons};
use crate::content::tryit::{PlaygroundSetup, TryTarget};
use crate::content::{LessonPack, PackError};
use crate::persist::{StateStore, default_data_dir};
use crate::runtime::config::{DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS};
use crate::simulation::SimulationWorker;
use crate::state::{MAX_ZOOM, MIN_ZOOM, Page, State};
use crate::ui;
use crate::ui::status::StatusBar;

/// Application id: window class on Linux and the name of the data folder.
pub const APP_ID: &str = "lambda-lab";

/// Everything the app needs to start, resolved from the command line and environment.
#[derive(Clone, Debug)]
pub struct AppConfig {
    pub lessons: LessonsLocation,
    pub data_dir: PathBuf,
    pub start_page: Option<Page>,
    pub start_lesson: Option<String>,
    /// `--handler`/`--event`: open the Playground set up like this.
    pub start_playground: Option<PlaygroundSetup>,
    /// `--export-dir`: charts and data are saved here without a file dialog.
    pub export_dir: Option<PathBuf>,
    /// For the start-up benchmark: report the first painted frame, then quit.
    pub exit_after_first_frame: Option<Instant>,
}

impl AppConfig {
    pub fn from_cli(cli: &Cli, started: Instant) -> Self {
        Self {
            lessons: locate_lessons(cli.lessons.as_deref()),
            data_dir: default_data_dir(),
            start_page: cli
                .page
                .or(cli.lesson.as_ref().map(|_| Page::Lessons))
                .or(cli.handler.as_ref().map(|_| Page::Playground)),
            start_lesson: cli.lesson.clone(),
            start_playground: cli.handler.as_ref().map(|handler| PlaygroundSetup {
                handler: handler.clone(),
                event: cli.event.clone(),
                repeat: 1,
                concurrency: 1,
                memory_mb: None,
                timeout_secs: None,
                invocation_type: crate::runtime::config::InvocationType::RequestResponse,
            }),
            export_dir: cli.export_dir.clone(),
            exit_after_first_frame: cli.exit_after_first_frame.then_some(started),
        }
    }
}

/// Opens the window and runs until it is closed.
pub fn run_window(cli: &Cli, started: Instant) -> anyhow::Result<()> {
    // Loading syntax definitions takes longer than opening the window: overlap the two.
    let markdown = ui::lessons::MarkdownCache::spawn();
    let config = AppConfig::from_cli(cli, started);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Lambda Lab")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        // The app keeps its own state file (see persist.rs); eframe only remembers the window.
        persistence_path: Some(config.data_dir.join("window.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Lambda Lab",
        options,
        Box::new(move |cc| {
            Ok(Box::new(LambdaLabApp::with_markdown_cache(
                &cc.egui_ctx,
                config,
                markdown,
            )))
        }),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}

/// The running app.
pub struct LambdaLabApp {
    state: State,
    store: StateStore,
    /// What is on disk, to skip writes when nothing changed.
    saved: State,
    lessons_location: LessonsLocation,
    pack: Result<LessonPack, PackError>,
    lessons_page: ui::lessons::LessonsPage,
    /// The Playground's live parts: its invoker thread, code buffer and history.
    playground_page: ui::playground::PlaygroundPage,
    /// The Cost page's power-tuning sweep.
    cost_page: ui::cost::CostPage,
    /// Runs the Cold starts simulations off the UI thread.
    simulation: SimulationWorker,
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
        Self::with_markdown_cache(ctx, config, ui::lessons::MarkdownCache::spawn())
    }

    /// Like [`Self::new`], with the markdown renderer's caches already being built.
    pub fn with_markdown_cache(
        ctx: &egui::Context,
        config: AppConfig,
        markdown: ui::lessons::MarkdownCache,
    ) -> Self {
        ui::theme::install(ctx);
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
        let start_playground = config.start_playground.clone();
        let mut app = Self {
            state,
            store,
            saved,
            lessons_location: config.lessons,
            pack,
            lessons_page: ui::lessons::LessonsPage::new(markdown),
            playground_page: ui::playground::PlaygroundPage::new(&config.data_dir),
            cost_page: ui::cost::CostPage::new(config.export_dir.clone()),
            simulation: SimulationWorker::default(),
            status,
            commands: Vec::new(),
            unsaved_change: false,
            applied_theme: None,
            exit_after_first_frame: config.exit_after_first_frame,
            frames_painted: 0,
        };
        if let Some(setup) = start_playground {
            app.open_playground(&setup, None);
            if let Some(page) = config.start_page {
                app.state.page = page;
            }
        }
        app
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn status(&self) -> &StatusBar {
        &self.status
    }

    /// The Playground's history and invoker (for tests).
    pub fn playground(&self) -> &ui::playground::PlaygroundPage {
        &self.playground_page
    }

    /// The Cost page's sweep (for tests).
    pub fn cost(&self) -> &ui::cost::CostPage {
        &self.cost_page
    }

    /// The Cold starts simulations (for tests).
    pub fn simulation(&self) -> &SimulationWorker {
        &self.simulation
    }

    /// Writes the state file now if anything changed since the last write.
    pub fn persist_now(&mut self) {
        if let Some(problem) = self.playground_page.flush_event() {
            self.status.error(problem);
        }
        if self.state == self.saved {
            return;
        }
        match self.store.save(&self.state) {
            Ok(()) => self.saved = self.state.clone(),
            Err(error) => self.status.error(format!(
                "{error}. Your progress is kept in memory; free disk space or fix permissions."
            )),
        }
    }

    fn apply(&mut self, command: AppCommand) {
        match command {
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
                correct,
                question_count,
            } => self
                .state
                .record_answer(&lesson_id, question, correct, question_count),
            AppCommand::ResetProgress => {
                self.state.reset_progress();
                self.status
                    .info("Progress, quiz answers and reading positions were reset.");
            }
            AppCommand::SetTheme(theme) => self.state.theme = theme,
            AppCommand::SetZoom(zoom) => self.state.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            AppCommand::ReloadLessons => {
                self.pack = LessonPack::load(&self.lessons_location.dir);
                self.lessons_page.forget_rendered();
                match &self.pack {
                    Ok(pack) => self.status.info(format!(
                        "Reloaded {} lessons from {}.",
                        pack.lessons.len(),
                        self.lessons_location.dir.display()
                    )),
                    Err(error) => self.status.error(error.to_string()),
                }
            }
            AppCommand::DismissStatus => self.status.dismiss(),
            AppCommand::ShowStatus(message) => match message.level {
                ui::status::Level::Info => self.status.info(message.text),
                ui::status::Level::Error => self.status.error(message.text),
            },
            AppCommand::UpdateColdStarts(settings) => self.state.cold_starts = settings,
            AppCommand::RunExperiment(experiment) => {
                self.state.page = Page::ColdStarts;
                let settings = &mut self.state.cold_starts;
                settings.view = crate::state::ColdStartsView::Simulator;
                settings.scenario = experiment.inputs();
                settings.experiment = Some(experiment);
            }
            AppCommand::UpdatePlayground(settings) => self.state.playground = settings,
            AppCommand::UpdateCost(settings) => self.state.cost = settings,
            AppCommand::TryIt(tryit) => match tryit.target {
                TryTarget::ColdStarts(experiment) => {
                    self.apply(AppCommand::RunExperiment(experiment))
                }
                TryTarget::Cost(preset) => {
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
                TryTarget::Playground(setup) => {
                    self.open_playground(&setup, Some(tryit.look_for));
                    self.playground_page.run_when_ready();
                }
            },
        }
    }

    /// Sets the Playground up as a Try it (or the command line) asks: handler, event and
    /// settings, the handler's suggested settings where the setup says nothing.
    fn open_playground(&mut self, setup: &PlaygroundSetup, look_for: Option<String>) {
        self.state.page = Page::Playground;
        let playground = &mut self.state.playground;
        playground.handler = setup.handler.clone();
        playground.look_for = look_for;
        let suggested = handlers::load(&locate_app_dir("assets/handlers"))
            .ok()
            .and_then(|h| h.get(&setup.handler).cloned());
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
        match event_id {
            Some(id) => {
                playground.event_sources.insert(setup.handler.clone(), id);
            }
            None => {
                playground.event_sources.remove(&setup.handler);
            }
        }
        // A Try it starts from the sample event, as the lesson describes it (an edited
        // event is kept as a saved event first).
        self.playground_page
            .start_from_sample(&mut self.state.playground);
    }

    /// Starts simulating the Cold starts inputs when that page is shown and they changed; the
    /// worker cancels an outdated run and asks for a repaint when done.
    fn keep_simulation_current(&mut self, ctx: &egui::Context) {
        if self.state.page == Page::ColdStarts {
            self.simulation
                .request(ctx, &self.state.cold_starts.scenario);
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
        for command in std::mem::take(&mut self.commands) {
            self.unsaved_change |= !matches!(command, AppCommand::LessonScrolled { .. });
            self.apply(command);
        }
        if (self.state.zoom - zoom_before).abs() > f32::EPSILON {
            ctx.set_zoom_factor(self.state.zoom);
        }
        // New inputs start simulating now, not on the next frame, which may never come.
        self.keep_simulation_current(ctx);
        // Scrolling changes state on every frame of a drag; it is written by eframe's
        // periodic save and at exit. Every other change is written at once, except while a
        // slider is dragged (a write a frame): then when the button is released.
        let zoom_changed = (self.state.zoom - self.saved.zoom).abs() > f32::EPSILON;
        let dragging = ctx.input(|input| input.pointer.any_down());
        if (self.unsaved_change && !dragging) || zoom_changed {
            self.unsaved_change = false;
            self.persist_now();
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
}

impl eframe::App for LambdaLabApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.persist_now();
    }

    fn persist_egui_memory(&self) -> bool {
        // Scroll positions and the page live in our own state file; egui's memory would
        // only fight it.
        false
    }
}

impl LambdaLabApp {
    /// One frame of the whole window (what eframe calls; benchmarks call it directly on a
    /// bare `egui::Context`, as the app runs without a screen reader).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.sync_theme_and_zoom(&ctx);
        self.simulation.poll();
        self.playground_page.poll(&ctx, &self.state.playground);
        self.cost_page.poll();
        self.keep_simulation_current(&ctx);
        ui::shell(
            ui,
            ui::ShellData {
                state: &self.state,
                pack: &self.pack,
                lessons_location: &self.lessons_location,
                status: &self.status,
                simulation: &self.simulation,
            },
            &mut self.lessons_page,
            &mut self.playground_page,
            &mut self.cost_page,
            &mut self.commands,
        );
        self.finish_frame(&ctx);
        self.report_first_frame(&ctx);
    }
}
