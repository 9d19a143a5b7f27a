//! `lambda-lab progress`: the learner's progress report (the file to hand in), and
//! `lambda-lab progress merge FILES…`: the class table a teacher builds from the reports.

use std::io::Write;
use std::path::PathBuf;

use crate::content::LessonPack;
use crate::persist::{StateStore, default_data_dir};
use crate::progress_report::{Report, class_csv, class_table, read_report, report};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ProgressArgs {
    #[command(subcommand)]
    pub action: Option<ProgressAction>,
    /// The learner's name in the report (asked once: it is kept for the next report).
    #[arg(long)]
    pub learner: Option<String>,
    /// Write the report (JSON) to this file, to hand in.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the report as JSON instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum ProgressAction {
    /// Build the class table from reports learners handed in.
    Merge {
        #[arg(required = true, value_name = "REPORT")]
        files: Vec<PathBuf>,
        /// Print CSV (for a spreadsheet) instead of a table.
        #[arg(long)]
        csv: bool,
    },
}

/// The exit code: 0, 1 when a report could not be read or written, 2 for missing input.
pub fn run(
    args: &ProgressArgs,
    pack_dir: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    if let Some(ProgressAction::Merge { files, csv }) = &args.action {
        return merge(files, *csv, out, err);
    }
    let store = StateStore::in_dir(&default_data_dir());
    let loaded = store.load();
    if let Some(notice) = &loaded.notice {
        // A damaged state file was set aside: the report would be empty without saying why.
        let _ = writeln!(err, "lambda-lab progress: {notice}");
    }
    let mut state = loaded.state;
    let Some(learner) = args
        .learner
        .clone()
        .or_else(|| state.learner_name.clone())
        .filter(|name| !name.trim().is_empty())
    else {
        let _ = writeln!(
            err,
            "lambda-lab progress: whose progress is it? Give --learner \"Your Name\" (asked once: it is kept)"
        );
        return 2;
    };
    if state.learner_name.as_deref() != Some(learner.as_str()) {
        state.learner_name = Some(learner.clone());
        if let Err(error) = store.save(&state) {
            let _ = writeln!(err, "lambda-lab progress: the name was not kept: {error}");
        }
    }
    let pack = match LessonPack::load(pack_dir) {
        Ok(pack) => pack,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab progress: {error}");
            return 1;
        }
    };
    let report = report(&state, &pack, &learner, crate::runtime::record::now_ms());
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    if let Some(path) = &args.out {
        if let Err(error) = crate::persist::write_atomically(path, json.as_bytes()) {
            let _ = writeln!(err, "lambda-lab progress: {error}");
            return 1;
        }
        let _ = writeln!(err, "Wrote {} (hand this file in)", path.display());
    }
    if args.json {
        let _ = writeln!(out, "{json}");
    } else if args.out.is_none() {
        print_summary(&report, out);
    }
    0
}

fn print_summary(report: &Report, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "{} · {} ({}) · Lambda Lab {}",
        report.learner, report.pack, report.pack_version, report.app_version
    );
    for lesson in &report.lessons {
        let quiz = if lesson.quiz_questions > 0 {
            format!(
                " · quiz {}/{} ({} first time)",
                lesson.quiz_correct, lesson.quiz_questions, lesson.quiz_first_try
            )
        } else {
            String::new()
        };
        let passed = lesson
            .exercises
            .iter()
            .filter(|exercise| exercise.passed_at.is_some())
            .count();
        let exercises = if lesson.exercises.is_empty() {
            String::new()
        } else {
            format!(" · exercises {passed}/{}", lesson.exercises.len())
        };
        let _ = writeln!(
            out,
            "  {:<28} {}{quiz}{exercises}",
            lesson.id, lesson.status
        );
    }
}

fn merge(files: &[PathBuf], csv: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut reports = Vec::new();
    let mut failed = false;
    for file in files {
        let name = file.display().to_string();
        match std::fs::read_to_string(file)
            .map_err(|error| format!("{name}: {error}"))
            .and_then(|text| read_report(&name, &text).map_err(|error| error.to_string()))
        {
            Ok(report) => reports.push(report),
            Err(message) => {
                let _ = writeln!(err, "lambda-lab progress merge: {message}");
                failed = true;
            }
        }
    }
    if csv {
        let _ = write!(out, "{}", class_csv(&reports));
    } else {
        let table = class_table(&reports);
        let _ = writeln!(
            out,
            "{:<24} {:<14} {:<21} {:>5} {:>7} {:>9}",
            "learner", "pack version", "exported", "read", "quizzes", "exercises"
        );
        for row in &table.rows {
            let _ = writeln!(
                out,
                "{:<24} {:<14} {:<21} {:>5} {:>7} {:>9}",
                row.learner,
                row.pack_version,
                row.exported_at,
                row.lessons_read,
                row.quizzes_passed,
                format!("{}/{}", row.exercises_passed, row.exercises)
            );
        }
        let _ = writeln!(
            out,
            "{} of {} lessons; --csv gives every lesson's status, quiz score and exercises.",
            crate::model::format::counted(table.rows.len(), "learner", "learners"),
            table.lessons.len()
        );
    }
    u8::from(failed)
}
