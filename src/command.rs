//! What the UI asks the app to do. Pages never change app state directly: they push
//! commands, and `app.rs` applies them once per frame, in order.

use crate::content::tryit::TryIt;
use crate::model::scenario::Experiment;
use crate::state::{
    ColdStartsSettings, CostSettings, Page, PlaygroundSettings, Progress, ThemeChoice,
};

#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    Navigate(Page),
    OpenLesson(String),
    /// The learner scrolled a lesson; remembered so a restart returns to the same place.
    LessonScrolled {
        lesson_id: String,
        offset: f32,
    },
    RecordProgress {
        lesson_id: String,
        progress: Progress,
    },
    /// The learner checked an answer to question `question` (0-based) of a lesson's quiz.
    AnswerQuestion {
        lesson_id: String,
        question: usize,
        correct: bool,
        question_count: usize,
    },
    /// Forget all progress, quiz answers and reading positions.
    ResetProgress,
    SetTheme(ThemeChoice),
    SetZoom(f32),
    /// Read the lesson folder again (a teacher edited it).
    ReloadLessons,
    DismissStatus,
    /// Show a message in the status bar (e.g. where an exported file went).
    ShowStatus(crate::ui::status::Message),
    /// The learner changed something on the Cold starts page: an input, the view, a filter.
    /// New simulator inputs start a new simulation (the app cancels the running one).
    UpdateColdStarts(ColdStartsSettings),
    /// Open the Cold starts simulator with a ready-made experiment's inputs and run it (its
    /// buttons; a lesson's "Try it" action can do the same).
    RunExperiment(Experiment),
    /// A lesson's "Try it" button: open its page set up for the experiment.
    TryIt(TryIt),
    /// The learner changed something on the Playground page (settings, event text, handler).
    UpdatePlayground(PlaygroundSettings),
    /// The learner changed an input on the Cost page.
    UpdateCost(CostSettings),
}
