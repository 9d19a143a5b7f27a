//! Shared set-up for the egui_kittest UI tests: the real app on the shipped lessons, with a
//! data folder of the test's own.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use lambda_lab::app::{AppConfig, LambdaLabApp};
use lambda_lab::content::locate::{LessonsLocation, LocationSource};

pub fn shipped_lessons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

pub fn config(lessons: &Path, data_dir: &Path) -> AppConfig {
    AppConfig {
        lessons: LessonsLocation {
            dir: lessons.to_path_buf(),
            source: LocationSource::CommandLine,
        },
        data_dir: data_dir.to_path_buf(),
        start_page: None,
        start_lesson: None,
        start_playground: None,
        export_dir: None,
        exit_after_first_frame: None,
    }
}

/// The app at 1280×800, run until it settles.
pub fn app(config: AppConfig) -> Harness<'static, LambdaLabApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        // Smooth scrolling animates for a few frames after each wheel event.
        .with_max_steps(64)
        .build_eframe(move |cc| LambdaLabApp::new(&cc.egui_ctx, config));
    harness.run();
    harness
}

/// Whether any node's label or value (labels keep their text in the value) contains `needle`.
#[allow(dead_code)] // not every UI test file uses it
pub fn shows(harness: &Harness<'_, LambdaLabApp>, needle: &str) -> bool {
    use egui_kittest::kittest::Queryable;
    harness
        .query_all_by(|node: &egui_kittest::kittest::AccessKitNode<'_>| {
            node.value().is_some_and(|v| v.contains(needle))
                || node.label().is_some_and(|l| l.contains(needle))
        })
        .next()
        .is_some()
}

#[allow(dead_code)] // not every UI test file uses it
pub fn assert_shows(harness: &Harness<'_, LambdaLabApp>, needle: &str) {
    assert!(
        shows(harness, needle),
        "the window does not show {needle:?}"
    );
}
