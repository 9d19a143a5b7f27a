//! Runs the open exercise's checks on a worker thread, so the window stays responsive while
//! the learner's handler runs (it may loop until its timeout); a newer run replaces an older.

use std::path::PathBuf;
use std::sync::Arc;

use super::worker::{Job, JobContext};
use crate::content::Samples;
use crate::content::exercise::Exercise;
use crate::exercises::{self, CheckResult, Choices, Context};

/// One run of every check of an exercise.
pub struct ExerciseRun {
    pub exercise: Exercise,
    pub pack_dir: PathBuf,
    pub samples: Arc<Samples>,
    pub code_path: PathBuf,
    pub choices: Choices,
}

/// How the run went.
#[derive(Clone, Debug)]
pub struct ExerciseOutcome {
    pub exercise_id: String,
    pub results: Vec<CheckResult>,
}

impl ExerciseOutcome {
    pub fn all_passed(&self) -> bool {
        !self.results.is_empty() && self.results.iter().all(|result| result.passed)
    }
}

impl Job for ExerciseRun {
    type State = ();
    type Progress = ();
    type Output = ExerciseOutcome;
    const THREAD_NAME: &'static str = "exercise-checks";

    fn run(self, _: &mut (), context: &JobContext<()>) -> Option<ExerciseOutcome> {
        let checks = Context {
            pack_dir: &self.pack_dir,
            samples: &self.samples,
        };
        let results = exercises::run(
            &self.exercise,
            checks,
            &self.code_path,
            &self.choices,
            &|| context.cancelled(),
        );
        // A cancelled run's partial list would read as "checks missing": it is dropped.
        (!context.cancelled()).then(|| ExerciseOutcome {
            exercise_id: self.exercise.id.clone(),
            results,
        })
    }
}
