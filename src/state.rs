//! What the user chose and did, persisted between runs: page, lesson, scroll positions,
//! progress, theme, zoom, the Cold starts page's inputs and the Playground's settings and events. Plain data with `#[serde(default)]` so older files still load.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::lambda::{Architecture, InvocationType, PackageType};
use crate::model::limits::{DEFAULT_EPHEMERAL_STORAGE_MB, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS};
use crate::model::pricing::PricingInputs;
use crate::model::scenario::{Experiment, ScenarioInputs};

/// A page of the app. Only pages that exist are listed; each later page adds a variant.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Page {
    #[default]
    Lessons,
    Playground,
    ColdStarts,
    Cost,
    EventSources,
}

impl Page {
    /// Every page, in navigation-rail order.
    pub const ALL: [Self; 5] = [
        Self::Lessons,
        Self::Playground,
        Self::EventSources,
        Self::ColdStarts,
        Self::Cost,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Lessons => "Lessons",
            Self::Playground => "Playground",
            Self::ColdStarts => "Cold starts",
            Self::Cost => "Cost",
            Self::EventSources => "Event sources",
        }
    }
}

/// What the learner set on the Playground page. The event texts themselves live in files in
/// the data folder (see `workspace::EVENTS_DIR`), one per handler.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaygroundSettings {
    /// The sample handler's name.
    pub handler: String,
    pub memory_mb: u32,
    pub timeout_secs: u32,
    pub ephemeral_storage_mb: u32,
    #[serde(deserialize_with = "or_default")]
    pub invocation_type: InvocationType,
    /// Invoke this many times in a row.
    pub repeat: u32,
    /// Send this many at once.
    pub concurrency: u32,
    /// The sample event each handler's text came from (`s3/put`), per handler.
    pub event_sources: BTreeMap<String, String>,
    /// What a lesson's Try it said to look for, until the learner moves on.
    pub look_for: Option<String>,
    /// Environment variables, in the order the learner typed them (keys may be half-typed).
    pub environment: Vec<(String, String)>,
    /// Reserved concurrency; `None` uses the account's unreserved pool.
    pub reserved_concurrency: Option<u32>,
    pub provisioned_concurrency: u32,
    /// Named test events per handler (the console keeps 10; here there is no limit).
    pub saved_events: BTreeMap<String, Vec<SavedEvent>>,
    /// Event files opened or saved lately, newest first.
    pub recent_files: Vec<std::path::PathBuf>,
    /// Show the event as a tree (with notes) instead of text.
    pub event_tree: bool,
    /// The runtime the learner picked (`embedded`, `nodejs24.x`, `python3.13`…); `None`, or
    /// one that does not fit the handler's language, means the language's default.
    pub runtime: Option<String>,
    /// Layers attached to each handler, in order (folders or .zip files); a handler without
    /// an entry has its sample's suggested layers (none for most).
    pub layers: BTreeMap<String, Vec<std::path::PathBuf>>,
    /// How the learner sized the code, event and results panes.
    pub layout: PlaygroundLayout,
    /// The Try it that set the per-run settings (repeat, at once, invocation type), until
    /// the learner resets them or moves to another handler.
    pub set_by: Option<String>,
    /// The exercise the learner started ("Start exercise"): while its starter is open, the
    /// Playground shows its checklist.
    pub exercise: Option<String>,
}

impl PlaygroundSettings {
    /// The learner moved on from a Try it: its hint goes, and the per-run settings it set
    /// go back to one synchronous invoke, so the next handler does not inherit a burst.
    pub fn leave_try_it(&mut self) {
        self.look_for = None;
        if self.set_by.take().is_some() {
            self.reset_per_run();
        }
    }

    /// One synchronous invoke at a time.
    pub fn reset_per_run(&mut self) {
        self.repeat = 1;
        self.concurrency = 1;
        self.invocation_type = InvocationType::RequestResponse;
        self.set_by = None;
    }

    /// Whether the per-run settings differ from one synchronous invoke.
    pub fn has_per_run_settings(&self) -> bool {
        self.repeat != 1
            || self.concurrency != 1
            || self.invocation_type != InvocationType::RequestResponse
    }
}

/// The Playground's pane sizes as the learner dragged them (kept across restarts).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaygroundLayout {
    /// The code editor's share of the width beside the event editor (0.2 to 0.8).
    pub code_width_fraction: f32,
    /// The results pane's height once there are results, in points.
    pub results_height_points: f32,
    /// The function's settings (memory, timeout, variables…) folded into one summary line.
    pub settings_collapsed: bool,
}

impl Default for PlaygroundLayout {
    fn default() -> Self {
        Self {
            code_width_fraction: 0.5,
            results_height_points: 260.0,
            settings_collapsed: false,
        }
    }
}

/// What the learner set on the Cost page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostSettings {
    #[serde(deserialize_with = "or_default")]
    pub inputs: PricingInputs,
    /// A server price of the learner's own, USD per hour, compared beside the EC2 ones.
    pub own_server_usd_per_hour: Option<f64>,
    /// Requests a month to project this session's real invocations to.
    pub projection_requests_per_month: u64,
    /// Warm invokes per memory size in the power-tuning sweep.
    pub sweep_runs: u32,
    /// The event the sweep sends.
    #[serde(deserialize_with = "or_default")]
    pub sweep_event: SweepEventChoice,
    /// The memory sizes to sweep, as typed ("128, 512, 1024").
    pub sweep_memory_text: String,
    /// Price the sweep as x86_64.
    pub sweep_x86_64: bool,
    /// Price the sweep as arm64.
    pub sweep_arm64: bool,
    /// What the sweep's recommendation optimises for.
    #[serde(deserialize_with = "or_default")]
    pub sweep_strategy: crate::model::tuning::Strategy,
    /// The balanced strategy's weight: 0 = speed only, 1 = cost only (Power Tuning's
    /// `balancedWeight`).
    pub sweep_balanced_weight: f64,
}

/// Which event the power-tuning sweep sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SweepEventChoice {
    /// The event open in the Playground, as edited.
    #[default]
    Playground,
    /// A sample event by id (`s3/put`).
    Sample(String),
    /// An event saved under a name for the Playground's handler.
    Saved(String),
}

impl Default for CostSettings {
    fn default() -> Self {
        Self {
            inputs: PricingInputs::default(),
            own_server_usd_per_hour: None,
            projection_requests_per_month: 1_000_000,
            sweep_runs: 5,
            sweep_event: SweepEventChoice::Playground,
            sweep_memory_text: crate::model::tuning::default_memory_text(),
            sweep_x86_64: true,
            sweep_arm64: true,
            sweep_strategy: crate::model::tuning::Strategy::default(),
            sweep_balanced_weight: crate::model::tuning::DEFAULT_BALANCED_WEIGHT,
        }
    }
}

/// A test event the learner saved under a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEvent {
    pub name: String,
    pub json: String,
}

/// How many recent event files are remembered.
pub const RECENT_FILES_LIMIT: usize = 8;

impl Default for PlaygroundSettings {
    fn default() -> Self {
        Self {
            handler: "api".to_owned(),
            memory_mb: DEFAULT_MEMORY_MB,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            ephemeral_storage_mb: DEFAULT_EPHEMERAL_STORAGE_MB,
            invocation_type: InvocationType::RequestResponse,
            repeat: 1,
            concurrency: 1,
            event_sources: BTreeMap::new(),
            look_for: None,
            environment: Vec::new(),
            reserved_concurrency: None,
            provisioned_concurrency: 0,
            saved_events: BTreeMap::new(),
            recent_files: Vec::new(),
            event_tree: false,
            runtime: None,
            layers: BTreeMap::new(),
            layout: PlaygroundLayout::default(),
            set_by: None,
            exercise: None,
        }
    }
}

/// The two views of the Cold starts page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColdStartsView {
    /// The traffic simulator and its experiments.
    #[default]
    Simulator,
    /// lambda-perf's init times per runtime.
    Runtimes,
    /// This session's real invocations from the Playground, on a timeline.
    Session,
}

/// Which lambda-perf rows the runtime comparison shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuntimeFilter {
    pub package: PackageType,
    pub arch: Architecture,
    /// One of the sizes lambda-perf measures: 128, 256, 512 or 1024 MB.
    pub memory_mb: u32,
}

impl Default for RuntimeFilter {
    fn default() -> Self {
        Self {
            package: PackageType::Zip,
            arch: Architecture::X86_64,
            memory_mb: 128,
        }
    }
}

/// What the learner set on the Cold starts page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColdStartsSettings {
    #[serde(deserialize_with = "or_default")]
    pub view: ColdStartsView,
    #[serde(deserialize_with = "or_default")]
    pub scenario: ScenarioInputs,
    /// The ready-made experiment the inputs came from, until the learner changes one.
    #[serde(deserialize_with = "or_default")]
    pub experiment: Option<Experiment>,
    /// Latency percentiles without cold starts ("trimmed") instead of all requests ("raw").
    pub latency_trimmed: bool,
    #[serde(deserialize_with = "or_default")]
    pub runtime_filter: RuntimeFilter,
}

/// How far a learner got with one lesson.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    #[default]
    NotStarted,
    /// Scrolled to the end.
    Read,
    QuizPassed,
}

impl Progress {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::Read => "read",
            Self::QuizPassed => "quiz passed",
        }
    }
}

/// How a learner did on one quiz question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionRecord {
    pub attempts: u32,
    pub correct: bool,
    /// Right on the first attempt: what the score counts.
    pub first_try: bool,
    /// The answer last checked, so that a restarted app shows it ticked (or typed) again
    /// with its verdict, instead of an empty question beside a score.
    #[serde(deserialize_with = "or_default")]
    pub last_answer: Option<GivenAnswer>,
    /// The learner gave up and asked to see the answer and its explanation.
    pub gave_up: bool,
}

/// An answer as the learner gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GivenAnswer {
    /// The ticked choices of a single- or multiple-choice question (0-based, sorted).
    Choices(Vec<usize>),
    /// The text typed for a numeric question, as typed ("1,500 ms").
    Typed(String),
}

/// How the Lessons page's list of lessons is laid out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonListLayout {
    /// Shown beside the lesson, or collapsed to give a narrow window's width to the lesson.
    pub open: bool,
    /// The width the learner dragged it to, in points; `None` until they do.
    pub width: Option<f32>,
}

impl Default for LessonListLayout {
    fn default() -> Self {
        Self {
            open: true,
            width: None,
        }
    }
}

/// A lesson's quiz score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuizScore {
    pub answered_correctly: usize,
    pub first_try: usize,
    pub total: usize,
}

impl QuizScore {
    pub fn passed(&self) -> bool {
        self.total > 0 && self.answered_correctly == self.total
    }
}

/// Light, dark, or whatever the desktop uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
    /// White on black with strong outlines, for projectors (the presenter preset).
    HighContrast,
}

/// The presenter preset's zoom: text a back row can read on a projector.
pub const PRESENTER_ZOOM: f32 = 1.5;

/// Zoom limits, the same as egui's keyboard zoom uses.
pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 3.0;

/// Everything that survives a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    #[serde(deserialize_with = "or_default")]
    pub page: Page,
    /// The lesson shown on the Lessons page.
    pub lesson_id: Option<String>,
    /// Vertical scroll offset in points, per lesson id.
    pub lesson_scroll: BTreeMap<String, f32>,
    /// Progress per lesson id; lessons not listed are not started.
    pub progress: BTreeMap<String, Progress>,
    /// Quiz answers per lesson id, then per question number (0-based).
    pub quiz: BTreeMap<String, BTreeMap<usize, QuestionRecord>>,
    /// The lesson list: open or collapsed, and its width.
    #[serde(deserialize_with = "or_default")]
    pub lesson_list: LessonListLayout,
    #[serde(deserialize_with = "or_default")]
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// The Cold starts page: simulator inputs, view and filters.
    #[serde(deserialize_with = "or_default")]
    pub cold_starts: ColdStartsSettings,
    #[serde(deserialize_with = "or_default")]
    pub playground: PlaygroundSettings,
    #[serde(deserialize_with = "or_default")]
    pub cost: CostSettings,
    #[serde(deserialize_with = "or_default")]
    pub event_sources: crate::sources::settings::EventSourcesSettings,
    /// The learner's name for progress reports, asked once.
    pub learner_name: Option<String>,
    /// Graded exercises, by exercise id.
    #[serde(deserialize_with = "or_default")]
    pub exercises: BTreeMap<String, ExerciseRecord>,
    /// What the last Try it that opened the Cold starts or Cost page said to look for (the
    /// Playground keeps its own, `playground.look_for`).
    pub try_it_hint: Option<TryItHint>,
}

/// How a learner is doing on one exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseRecord {
    /// When every check first passed (ms since the Unix epoch).
    pub passed_at_ms: Option<u64>,
    /// Hints revealed so far (they are revealed in order).
    pub hints_shown: usize,
    /// The settings the learner chose (`memory_mb`, `provisioned_concurrency`), as last
    /// checked; `lambda-lab exercises check` uses them.
    pub choices: BTreeMap<String, u32>,
}

/// A Try it's "look for" line, and the page it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TryItHint {
    pub page: Page,
    pub text: String,
}

impl Default for State {
    fn default() -> Self {
        Self {
            page: Page::default(),
            lesson_id: None,
            lesson_scroll: BTreeMap::new(),
            progress: BTreeMap::new(),
            quiz: BTreeMap::new(),
            lesson_list: LessonListLayout::default(),
            theme: ThemeChoice::default(),
            zoom: 1.0,
            cold_starts: ColdStartsSettings::default(),
            playground: PlaygroundSettings::default(),
            cost: CostSettings::default(),
            event_sources: Default::default(),
            learner_name: None,
            exercises: BTreeMap::new(),
            try_it_hint: None,
        }
    }
}

impl State {
    pub fn progress_of(&self, lesson_id: &str) -> Progress {
        self.progress.get(lesson_id).copied().unwrap_or_default()
    }

    /// Raises progress, never lowers it (reading again does not undo a passed quiz).
    pub fn record_progress(&mut self, lesson_id: &str, progress: Progress) {
        let entry = self.progress.entry(lesson_id.to_owned()).or_default();
        *entry = (*entry).max(progress);
    }

    /// How the learner did on question `question` (0-based) of a lesson's quiz, if they tried.
    pub fn question_record(&self, lesson_id: &str, question: usize) -> Option<&QuestionRecord> {
        self.quiz.get(lesson_id)?.get(&question)
    }

    /// Records a checked answer; a quiz whose every question is answered correctly is passed.
    pub fn record_answer(
        &mut self,
        lesson_id: &str,
        question: usize,
        answer: GivenAnswer,
        correct: bool,
        question_count: usize,
    ) {
        let records = self.quiz.entry(lesson_id.to_owned()).or_default();
        let record = records.entry(question).or_default();
        if record.correct {
            return; // answering again after getting it right changes nothing
        }
        record.attempts += 1;
        record.correct = correct;
        record.first_try = correct && record.attempts == 1;
        record.last_answer = Some(answer);
        if self.quiz_score(lesson_id, question_count).passed() {
            self.record_progress(lesson_id, Progress::QuizPassed);
        }
    }

    /// The learner gave up on a question: from now on it shows the answer and explanation.
    /// It still counts as answered correctly only once they check the right answer, and
    /// never as right first time.
    pub fn give_up(&mut self, lesson_id: &str, question: usize) {
        let records = self.quiz.entry(lesson_id.to_owned()).or_default();
        let record = records.entry(question).or_default();
        record.gave_up = true;
        // Giving up before any attempt is an attempt too, so a later right answer is not
        // "right first time".
        record.attempts = record.attempts.max(1);
    }

    /// Whether every check of exercise `id` has passed once.
    pub fn exercise_passed(&self, id: &str) -> bool {
        self.exercises
            .get(id)
            .is_some_and(|record| record.passed_at_ms.is_some())
    }

    pub fn quiz_score(&self, lesson_id: &str, question_count: usize) -> QuizScore {
        let records = self.quiz.get(lesson_id);
        let count = |pick: fn(&QuestionRecord) -> bool| {
            records.map_or(0, |records| {
                records
                    .iter()
                    .filter(|(question, record)| **question < question_count && pick(record))
                    .count()
            })
        };
        QuizScore {
            answered_correctly: count(|record| record.correct),
            first_try: count(|record| record.first_try),
            total: question_count,
        }
    }

    /// Forgets progress, quiz answers and reading positions (the "Reset progress" button).
    pub fn reset_progress(&mut self) {
        self.progress.clear();
        self.quiz.clear();
        self.lesson_scroll.clear();
        // Passes and hints go; the handler copies stay (they are the learner's work).
        self.exercises.clear();
    }

    /// A zoom that a hand-edited or older file may hold, brought into range.
    pub fn clamped_zoom(&self) -> f32 {
        if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            1.0
        }
    }
}

/// A value written by a newer version (say a page this build lacks) falls back to the default
/// instead of making the whole file unreadable.
fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned + Default,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_and_newer_files_still_load() {
        let state: State =
            serde_json::from_str(r#"{"page":"time-machine","theme":"dark","extra":1}"#)
                .expect("loads");
        assert_eq!(state.page, Page::Lessons);
        assert_eq!(state.theme, ThemeChoice::Dark);
        assert_eq!(state.zoom, 1.0);
    }

    #[test]
    fn a_quiz_is_passed_when_every_question_is_right_and_scored_on_first_tries() {
        let mut state = State::default();
        let pick = |choice| GivenAnswer::Choices(vec![choice]);
        state.record_answer("l", 0, pick(0), false, 2);
        state.record_answer("l", 0, pick(1), true, 2);
        assert_eq!(state.progress_of("l"), Progress::NotStarted);
        state.record_answer("l", 1, GivenAnswer::Typed("1,500".into()), true, 2);
        let score = state.quiz_score("l", 2);
        assert_eq!((score.answered_correctly, score.first_try), (2, 1));
        assert!(score.passed());
        assert_eq!(state.progress_of("l"), Progress::QuizPassed);
        state.reset_progress();
        assert_eq!(state.progress_of("l"), Progress::NotStarted);
        assert_eq!(state.quiz_score("l", 2).answered_correctly, 0);
    }

    #[test]
    fn cold_starts_settings_survive_a_round_trip_and_bad_parts_fall_back() {
        let mut state = State {
            page: Page::ColdStarts,
            ..State::default()
        };
        state.cold_starts.scenario.burst_size = 42;
        state.cold_starts.experiment = Some(Experiment::BurstOf500);
        state.cold_starts.runtime_filter.arch = Architecture::Arm64;
        let text = serde_json::to_string(&state).expect("encodes");
        assert!(text.contains(r#""page":"cold-starts""#), "{text}");
        let loaded: State = serde_json::from_str(&text).expect("decodes");
        assert_eq!(loaded, state);

        let damaged: State = serde_json::from_str(
            r#"{"cold_starts":{"scenario":{"burst_size":"many"},"experiment":"time-travel","latency_trimmed":true}}"#,
        )
        .expect("loads");
        assert_eq!(damaged.cold_starts.scenario, ScenarioInputs::default());
        assert_eq!(damaged.cold_starts.experiment, None);
        assert!(damaged.cold_starts.latency_trimmed);
    }

    #[test]
    fn answers_and_giving_up_survive_a_round_trip_and_older_files_load() {
        let mut state = State::default();
        state.record_answer("l", 0, GivenAnswer::Choices(vec![0, 2]), false, 2);
        state.give_up("l", 1);
        state.lesson_list.open = false;
        state.lesson_list.width = Some(312.0);
        let text = serde_json::to_string(&state).expect("encodes");
        let loaded: State = serde_json::from_str(&text).expect("decodes");
        assert_eq!(loaded, state);
        let record = loaded.question_record("l", 0).expect("answered");
        assert_eq!(record.last_answer, Some(GivenAnswer::Choices(vec![0, 2])));
        assert!(!record.correct && !record.gave_up);
        assert!(loaded.question_record("l", 1).is_some_and(|r| r.gave_up));

        // A file from before answers were kept: the record loads, with no answer to show.
        let older: State = serde_json::from_str(
            r#"{"quiz":{"l":{"0":{"attempts":1,"correct":true,"first_try":true}}}}"#,
        )
        .expect("loads");
        let record = older.question_record("l", 0).expect("kept");
        assert!(record.correct && record.last_answer.is_none() && !record.gave_up);
        assert_eq!(older.lesson_list, LessonListLayout::default());
        // A damaged answer falls back to none rather than losing the whole file.
        let damaged: State = serde_json::from_str(
            r#"{"quiz":{"l":{"0":{"attempts":1,"last_answer":{"essay":"x"}}}},"lesson_list":{"open":"no"}}"#,
        )
        .expect("loads");
        assert_eq!(damaged.question_record("l", 0).map(|r| r.attempts), Some(1));
        assert!(damaged.lesson_list.open);
    }

    #[test]
    fn giving_up_never_counts_as_right_first_time() {
        let mut state = State::default();
        state.give_up("l", 0);
        state.record_answer("l", 0, GivenAnswer::Choices(vec![1]), true, 1);
        let score = state.quiz_score("l", 1);
        assert_eq!((score.answered_correctly, score.first_try), (1, 0));
    }

    #[test]
    fn progress_only_goes_up() {
        let mut state = State::default();
        state.record_progress("a", Progress::QuizPassed);
        state.record_progress("a", Progress::Read);
        assert_eq!(state.progress_of("a"), Progress::QuizPassed);
        assert_eq!(state.progress_of("b"), Progress::NotStarted);
    }
}
