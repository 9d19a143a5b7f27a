//! What pages ask the app to do, and what background threads report back. Pages never change
//! app state, start threads or touch files themselves: they push commands, and `app/` applies
//! them once per frame, in order. Threads (file work, dialogs) send theirs through the app's
//! inbox. Also the status bar's messages.

use std::path::PathBuf;
use std::sync::Arc;

use crate::content::tryit::TryIt;
use crate::content::{LessonPack, PackError};
use crate::model::scenario::Experiment;
use crate::runtime::job::InvokeJob;
use crate::runtime::tuning::SweepJob;
use crate::session::Source;
use crate::state::{
    ColdStartsSettings, CostSettings, GivenAnswer, LessonListLayout, Page, PlaygroundSettings,
    Progress, SavedEvent, ThemeChoice,
};
use crate::workspace::Language;
use crate::workspace::{HandlerFiles, WorkspaceFiles};

#[derive(Debug)]
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
        answer: GivenAnswer,
        correct: bool,
        question_count: usize,
    },
    /// The learner gave up on a question and asked for its answer and explanation.
    GiveUp {
        lesson_id: String,
        question: usize,
    },
    /// The learner collapsed, opened or resized the lesson list.
    UpdateLessonList(LessonListLayout),
    /// Forget all progress, quiz answers and reading positions.
    ResetProgress,
    SetTheme(ThemeChoice),
    /// Forget the learner: progress, name, handlers and events, settings, the session (the
    /// window's look is kept). For a shared classroom machine.
    StartOver,
    /// "Start exercise": the Playground on the learner's copy of the starter, with the
    /// exercise's settings and checklist.
    StartExercise(Box<crate::content::exercise::Exercise>),
    /// Run the open exercise's checks (after the file thread's writes, so on the code as saved).
    RunExerciseChecks,
    /// Reveal the next hint of an exercise (by id).
    ShowHint(String),
    /// Read an exercise's solution file on the file thread.
    LoadSolution {
        exercise_id: String,
        path: PathBuf,
    },
    SolutionLoaded {
        exercise_id: String,
        text: Result<String, String>,
    },
    /// The classroom projector preset: large zoom, lesson list hidden, high contrast.
    PresenterPreset,
    SetZoom(f32),
    /// Read the lesson folder again (a teacher edited it).
    ReloadLessons,
    DismissStatus,
    /// Hide what a Try it said to look for on the Cold starts or Cost page.
    DismissTryItHint,
    /// Show a message in the status bar (e.g. where an exported file went).
    ShowStatus(Message),
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
    UpdateEventSources(crate::sources::settings::EventSourcesSettings),
    /// The learner's name for progress reports (asked once).
    SetLearnerName(String),

    // --- Work a page asks for ---
    /// Run an invoke job; the invocations go into the session under `source`.
    Invoke {
        job: InvokeJob,
        source: Source,
        /// What the event is called where the learner sees it (`s3/put`, `saved: big order`).
        event_label: String,
    },
    /// The file thread has written every edit asked for before the invoke: start it now, so
    /// it runs the code as last typed.
    StartInvoke {
        job: InvokeJob,
        source: Source,
        event_label: String,
    },
    /// Stop waiting for the running invoke job.
    CancelInvoke,
    /// Forget the invocations asked for by hand (the Playground's "Clear history").
    ClearHistory,
    /// Run the power-tuning sweep; its invocations go into the session too.
    StartSweep(SweepJob),
    CancelSweep,
    /// Check the event being edited (syntax, kind, shape); large ones off the UI thread.
    CheckEvent(Arc<str>),
    /// Open a handler's code and event in the Playground.
    OpenHandler(String),
    /// Save the learner's copy of a handler.
    SaveCode {
        handler: String,
        code: String,
        language: Language,
    },
    /// Save the event text of a handler.
    SaveEvent {
        handler: String,
        text: String,
    },
    /// Create a handler of the learner's own from the template, and open it.
    CreateHandler {
        name: String,
        language: Language,
    },
    /// Forget the learner's copy of a sample handler and open the sample again.
    ResetHandler(String),
    /// Put sample event `event_id` into the Playground's event editor.
    LoadSampleEvent {
        handler: String,
        event_id: String,
    },
    /// Read an event file into the Playground's editor (Recent, a file dropped on the window).
    OpenEventFile(PathBuf),
    /// Show the workspace folder in the system's file manager.
    OpenWorkspaceFolder,
    /// Ask for a file with a dialog (or use the export folder when one was given).
    RequestFile(FileRequest),
    /// Read what these layers put under /opt (for the Playground's tree).
    ListLayers(Vec<PathBuf>),

    // --- Answers from the app's threads ---
    /// A dialog closed: the path chosen, or `None` when cancelled or when no dialog could
    /// be shown at all (`failed`).
    DialogClosed {
        request: FileRequest,
        path: Option<PathBuf>,
        failed: bool,
    },
    /// A handler's files were read.
    HandlerOpened(HandlerFiles),
    /// The workspace's handler files changed (or were listed for the first time).
    WorkspaceScanned(WorkspaceFiles),
    /// Sample event text read for the editor.
    EventTextLoaded {
        handler: String,
        text: String,
    },
    /// An event file the learner chose was read (or could not be).
    EventFileOpened {
        path: PathBuf,
        result: Result<String, String>,
    },
    /// A Try it kept the learner's edited event as a saved event before starting afresh.
    EditedEventKept {
        handler: String,
        saved: SavedEvent,
    },
    /// The lesson folder was read again.
    /// The lesson folder read again, with the samples it adds (`handlers/`, `starter/`,
    /// `events/`).
    LessonsLoaded {
        pack: Result<LessonPack, PackError>,
        samples: Arc<crate::content::Samples>,
    },
    /// A file was written (an export, the learner's code or event), or could not be.
    FileWritten {
        path: PathBuf,
        what: Written,
        result: Result<(), String>,
    },
    /// The workspace folder exists now: show it.
    ShowFolder(PathBuf),
    /// What the layers put under /opt.
    LayersListed {
        layers: Vec<PathBuf>,
        listing: crate::runtime::layers::OptListing,
    },
    /// Start an event source delivering to the function `config` describes.
    StartSource {
        config: Box<crate::runtime::config::FunctionConfig>,
        start: crate::jobs::sources::SourceStart,
    },
    StopSource(crate::jobs::sources::SourceKind),
    /// News from a running event source.
    SourceUpdate(crate::jobs::sources::SourceUpdate),
}

/// What a file dialog is for; it comes back with the chosen path.
#[derive(Clone, Debug)]
pub enum FileRequest {
    /// Import an event file into the Playground's editor.
    ImportEvent,
    /// Save bytes under a name the learner picks.
    SaveAs(SaveAs),
    /// Attach a layer (a folder, or a .zip file) to `handler`.
    AddLayer { handler: String, folder: bool },
    /// "Export for AWS…": the folder to write the function's SAM project into.
    ExportForAws(Box<AwsExport>),
}

/// What "Export for AWS…" exports: the Playground's function and the event in its editor.
#[derive(Clone, Debug)]
pub struct AwsExport {
    pub config: crate::runtime::config::FunctionConfig,
    pub event_json: String,
}

/// Bytes to save, and how to offer them.
#[derive(Clone, Debug)]
pub struct SaveAs {
    /// The suggested name without extension, e.g. `lambda-vs-server`.
    pub file_stem: String,
    /// The filter's name (`CSV`) and extension (`csv`).
    pub kind: &'static str,
    pub extension: &'static str,
    pub bytes: Arc<[u8]>,
    pub what: Written,
}

/// What kind of file was written, for the message and what to remember.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A chart or its data: reported in the status bar.
    Export,
    /// An event exported from the Playground: remembered in the recent files.
    Event,
    /// The learner's copy of a handler.
    Code,
    /// The event text kept for a handler between runs.
    EventText,
    /// The app's state file.
    State,
}

/// How a status message reads: a notice, or an error to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}
