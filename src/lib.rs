//! Lambda Lab: learn AWS Lambda by doing.
//!
//! Modules follow `DESIGN.md`: `content` holds lessons as data, `ui` draws pages with egui,
//! `app` owns the persisted [`state::State`] and applies the [`command::AppCommand`]s pages
//! emit. Dependencies point one way: `ui -> app -> content`.

pub mod app;
pub mod cli;
pub mod command;
pub mod commands;
pub mod content;
pub mod invoker;
pub mod model;
pub mod persist;
pub mod runtime;
pub mod simulation;
pub mod state;
pub mod tuning_worker;
pub mod ui;

use std::io::Write;
use std::path::Path;

/// Runs `lessons check` on `dir`, writes one line per problem and a summary to `out`, and
/// returns the process exit code: 0 when clean, 1 when not.
pub fn lessons_check_report(dir: &Path, out: &mut dyn Write) -> u8 {
    let problems = content::check_pack(dir);
    // A closed pipe (e.g. `| head`) must not turn a clean pack into a crash.
    for problem in &problems {
        let _ = writeln!(out, "{problem}");
    }
    if problems.is_empty() {
        let count = content::lessons::read_index(dir)
            .map(|index| index.lessons.len())
            .unwrap_or_default();
        let _ = writeln!(out, "{}: {count} lessons, no problems", dir.display());
        0
    } else {
        let _ = writeln!(
            out,
            "{}: {} problem{} found",
            dir.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        1
    }
}
