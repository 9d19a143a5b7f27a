//! `lambda-lab exercises check [PACK] [--solutions]`: runs every exercise's checks against
//! the learner's copies (or the solutions) and prints one line per check, for teachers
//! validating a pack and for CI.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::exercise::{ChoiceKey, Exercise};
use crate::content::{LessonPack, Samples};
use crate::exercises::{self, Choices, Context};
use crate::persist::{StateStore, default_data_dir};
use crate::workspace::Workspace;

#[derive(Debug, clap::Args)]
pub struct ExercisesArgs {
    #[command(subcommand)]
    pub action: ExercisesAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum ExercisesAction {
    /// Run every exercise's checks and print one line per check. Exits 0 when all pass,
    /// 1 when any fails, 2 when the pack cannot be read.
    Check {
        /// The pack folder (default: the one the app would open).
        pack: Option<PathBuf>,
        /// Check the solutions instead of the learner's copies (validating a pack).
        #[arg(long)]
        solutions: bool,
        /// Only this exercise (its id).
        #[arg(long, value_name = "ID")]
        exercise: Option<String>,
    },
}

/// The exit code: 0 every check passed, 1 one failed, 2 the pack is unusable.
pub fn run(
    args: &ExercisesArgs,
    default_pack: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let ExercisesAction::Check {
        pack,
        solutions,
        exercise: only,
    } = &args.action;
    let dir = pack.clone().unwrap_or_else(|| default_pack.to_path_buf());
    let lessons = match LessonPack::load(&dir) {
        Ok(lessons) => lessons,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab exercises: {error}. Fix: {}", error.fix());
            return 2;
        }
    };
    let samples = Samples::load_with_pack(&dir);
    let context = Context {
        pack_dir: &dir,
        samples: &samples,
    };
    let data_dir = default_data_dir();
    let workspace = Workspace::in_dir(&data_dir);
    let loaded = StateStore::in_dir(&data_dir).load();
    if let Some(notice) = &loaded.notice {
        let _ = writeln!(err, "lambda-lab exercises: {notice}");
    }
    let state = loaded.state;

    let mut failed = 0_usize;
    let mut passed = 0_usize;
    let mut exercises_run = 0_usize;
    for (lesson_id, block) in exercises::blocks(&lessons) {
        let exercise = match block {
            Ok(exercise) => exercise,
            Err(problem) => {
                failed += 1;
                let _ = writeln!(
                    out,
                    "FAIL {lesson_id}: an exercise block cannot be read: {problem}"
                );
                continue;
            }
        };
        if only.as_ref().is_some_and(|id| *id != exercise.id) {
            continue;
        }
        exercises_run += 1;
        let (code_path, choices, whose) = if *solutions {
            match &exercise.solution {
                Some(file) => (
                    Some(dir.join(file)),
                    exercises::solution_choices(exercise),
                    "solution",
                ),
                None => (
                    exercises::starter_path(exercise, &samples).ok(),
                    exercises::solution_choices(exercise),
                    "solution",
                ),
            }
        } else {
            let copy = workspace.existing_copy(&exercise.starter);
            let whose = if copy.is_some() {
                "your copy"
            } else {
                "the starter (not edited yet)"
            };
            let code = copy.or_else(|| exercises::starter_path(exercise, &samples).ok());
            (code, learner_choices(&state, exercise), whose)
        };
        let Some(code_path) = code_path else {
            failed += 1;
            let _ = writeln!(
                out,
                "FAIL {lesson_id}/{}: the starter handler \"{}\" cannot be found",
                exercise.id, exercise.starter
            );
            continue;
        };
        let _ = writeln!(
            out,
            "{lesson_id}/{}: {} ({whose}: {})",
            exercise.id,
            exercise.title,
            code_path.display()
        );
        for result in exercises::run(exercise, context, &code_path, &choices, &|| false) {
            let verdict = if result.passed {
                passed += 1;
                "PASS"
            } else {
                failed += 1;
                "FAIL"
            };
            let _ = writeln!(out, "  {verdict} {}: {}", result.name, result.detail);
        }
    }
    if let Some(id) = only
        && exercises_run == 0
    {
        let _ = writeln!(
            err,
            "lambda-lab exercises: no exercise \"{id}\" in {}",
            dir.display()
        );
        return 2;
    }
    let _ = writeln!(
        out,
        "{}: {exercises_run} exercises, {} checks: {passed} passed, {failed} failed",
        dir.display(),
        passed + failed
    );
    u8::from(failed > 0)
}

/// The choices the learner last checked with in the app.
fn learner_choices(state: &crate::state::State, exercise: &Exercise) -> Choices {
    state
        .exercises
        .get(&exercise.id)
        .map(|record| {
            record
                .choices
                .iter()
                .filter_map(|(name, value)| Some((ChoiceKey::from_name(name)?, *value)))
                .collect()
        })
        .unwrap_or_default()
}
