//! The app's side of graded exercises: "Start exercise" sets the Playground up on the
//! starter, checks run after each save (once typing pauses) on a worker thread, and a run
//! where every check passes is recorded in the learner's progress.

use std::time::{Duration, Instant};

use super::LambdaLabApp;
use crate::command::AppCommand;
use crate::content::exercise::{ChoiceKey, Exercise};
use crate::content::tryit::PlaygroundSetup;
use crate::jobs::exercise::ExerciseRun;
use crate::model::lambda::InvocationType;
use crate::state::Page;

/// How long typing must pause before the checks run again.
pub const CHECK_AFTER_TYPING: Duration = Duration::from_millis(700);

impl LambdaLabApp {
    /// Applies an exercise command; returns it back when it is not one.
    pub(super) fn apply_exercise(&mut self, command: AppCommand) -> Option<AppCommand> {
        match command {
            AppCommand::StartExercise(exercise) => self.start_exercise(&exercise),
            AppCommand::RunExerciseChecks => self.run_exercise_checks(),
            AppCommand::ShowHint(id) => {
                let record = self.state.exercises.entry(id).or_default();
                record.hints_shown += 1;
            }
            AppCommand::LoadSolution { exercise_id, path } => {
                self.jobs.files.run(move || {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|error| format!("{}: {error}", path.display()));
                    Some(AppCommand::SolutionLoaded { exercise_id, text })
                });
            }
            AppCommand::SolutionLoaded { exercise_id, text } => {
                self.pages.lessons.solutions.insert(exercise_id, text);
            }
            other => return Some(other),
        }
        None
    }

    /// The open exercise, when the Playground shows its starter.
    pub(super) fn open_exercise(&self) -> Option<&Exercise> {
        crate::exercises::open_in(self.pack.as_ref().ok()?, &self.state.playground)
    }

    fn start_exercise(&mut self, exercise: &Exercise) {
        let setup = PlaygroundSetup {
            handler: exercise.starter.clone(),
            event: None,
            repeat: 1,
            concurrency: 1,
            memory_mb: exercise.settings.memory_mb,
            timeout_secs: exercise.settings.timeout_secs,
            invocation_type: InvocationType::RequestResponse,
            layers: None,
            runtime: exercise.settings.runtime.clone(),
        };
        let look_for = format!(
            "Exercise \"{}\": edit the code until every check in the checklist passes.",
            exercise.title
        );
        if !self.open_playground(&setup, Some(look_for)) {
            return;
        }
        let playground = &mut self.state.playground;
        playground.exercise = Some(exercise.id.clone());
        playground.environment = exercise
            .settings
            .environment
            .iter()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        if !exercise.settings.layers.is_empty() {
            let context = crate::exercises::Context {
                pack_dir: &self.lessons_location.dir,
                samples: &self.samples,
            };
            match crate::exercises::layer_paths(exercise, context) {
                Ok(layers) => {
                    playground.layers.insert(exercise.starter.clone(), layers);
                }
                // The checklist reports it on every check; `lessons check` names the line.
                Err(problem) => self.status.error(problem),
            }
        }
        // The learner's last choices, or where the exercise starts them.
        let recorded = self.state.exercises.get(&exercise.id);
        for choice in &exercise.choices {
            let value = recorded
                .and_then(|record| record.choices.get(choice.key.name()).copied())
                .unwrap_or(choice.starter);
            let playground = &mut self.state.playground;
            match choice.key {
                ChoiceKey::MemoryMb => playground.memory_mb = value,
                ChoiceKey::ProvisionedConcurrency => playground.provisioned_concurrency = value,
            }
        }
        self.state.page = Page::Playground;
        self.queue_exercise_checks();
    }

    /// Checks again once the file thread has written what is queued (the code as saved).
    pub(super) fn queue_exercise_checks(&mut self) {
        self.jobs.exercise_due = None;
        self.jobs.files.run(|| Some(AppCommand::RunExerciseChecks));
    }

    /// A save of the open exercise's code: check again once typing pauses.
    pub(super) fn exercise_code_saved(&mut self, handler: &str) {
        if self
            .open_exercise()
            .is_some_and(|exercise| exercise.starter == handler)
        {
            self.jobs.exercise_due = Some(Instant::now() + CHECK_AFTER_TYPING);
            self.ctx.request_repaint_after(CHECK_AFTER_TYPING);
        }
    }

    /// The learner changed the memory or provisioned concurrency: an exercise that lets them
    /// choose it is checked again once they stop dragging.
    pub(super) fn exercise_settings_changed(&mut self) {
        if self
            .open_exercise()
            .is_some_and(|exercise| !exercise.choices.is_empty())
        {
            self.jobs.exercise_due = Some(Instant::now() + CHECK_AFTER_TYPING);
            self.ctx.request_repaint_after(CHECK_AFTER_TYPING);
        }
    }

    /// Starts the checks that are due; takes a finished run into the learner's progress.
    pub(super) fn poll_exercise(&mut self) {
        if let Some(due) = self.jobs.exercise_due {
            if Instant::now() >= due {
                self.queue_exercise_checks();
            } else {
                self.ctx.request_repaint_after(due - Instant::now());
            }
        }
        if self.jobs.exercise.poll()
            && let Some(outcome) = self.jobs.exercise.latest()
            && outcome.all_passed()
        {
            let record = self
                .state
                .exercises
                .entry(outcome.exercise_id.clone())
                .or_default();
            if record.passed_at_ms.is_none() {
                record.passed_at_ms = Some(crate::runtime::record::now_ms());
                // Passing counts toward the lesson's mark: at least read.
                let exercise_id = outcome.exercise_id.clone();
                if let Ok(pack) = &self.pack
                    && let Some((lesson, _)) =
                        crate::exercises::find_with_lesson(pack, &exercise_id)
                {
                    let progress = self
                        .state
                        .progress
                        .entry(lesson.meta.id.clone())
                        .or_default();
                    *progress = (*progress).max(crate::state::Progress::Read);
                }
                self.status
                    .info("Exercise passed: every check holds. The solution is now in the lesson.");
                self.unsaved_change = true;
            }
        }
    }

    fn run_exercise_checks(&mut self) {
        let Some(exercise) = self.open_exercise().cloned() else {
            return;
        };
        let Ok(handlers) = &self.samples.handlers else {
            return;
        };
        let Some(code_path) =
            self.workspace
                .code_path(&exercise.starter, &self.workspace_files, handlers)
        else {
            self.status.error(format!(
                "The exercise's starter \"{}\" cannot be found: the lesson pack needs fixing.",
                exercise.starter
            ));
            return;
        };
        let playground = &self.state.playground;
        let choices: crate::exercises::Choices = exercise
            .choices
            .iter()
            .map(|choice| {
                let value = match choice.key {
                    ChoiceKey::MemoryMb => playground.memory_mb,
                    ChoiceKey::ProvisionedConcurrency => playground.provisioned_concurrency,
                };
                (choice.key, value)
            })
            .collect();
        let record = self.state.exercises.entry(exercise.id.clone()).or_default();
        record.choices = choices
            .iter()
            .map(|(key, value)| (key.name().to_owned(), *value))
            .collect();
        self.jobs.exercise.start(ExerciseRun {
            pack_dir: self.lessons_location.dir.clone(),
            samples: std::sync::Arc::clone(&self.samples),
            code_path,
            choices,
            exercise,
        });
    }
}
