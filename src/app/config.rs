//! What the app starts with, resolved from the command line and the environment, and the
//! window it opens.

use std::path::PathBuf;
use std::time::Instant;

use super::LambdaLabApp;
use crate::cli::Cli;
use crate::content::locate::{LessonsLocation, locate_lessons};
use crate::content::tryit::PlaygroundSetup;
use crate::model::lambda::InvocationType;
use crate::persist::default_data_dir;
use crate::state::Page;
use crate::ui;

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
    /// `--invoke`: run the Playground's handler once it is set up.
    pub invoke_at_start: bool,
    /// `--presenter`: start in the presenter preset.
    pub presenter: bool,
    /// `--teacher`: exercise solutions are shown without passing first.
    pub teacher: bool,
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
                invocation_type: InvocationType::RequestResponse,
                layers: None,
                runtime: None,
            }),
            invoke_at_start: cli.invoke,
            presenter: cli.presenter,
            teacher: cli.teacher,
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
