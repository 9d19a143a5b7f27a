//! Runs an exercise's checks: each invoke check on a fresh function built from the learner's
//! file (or the solution) with the exercise's settings, each model check through the Cold
//! starts simulator or the power-tuning model, with the learner's choices applied. Used by
//! the Playground's checklist and by `lambda-lab exercises check`.

pub mod expect;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::Samples;
use crate::content::exercise::{
    Check, CheckEvent, CheckKind, ChoiceKey, CostCheck, Exercise, InvokeCheck, ScenarioCheck,
};
use crate::content::lessons::LessonPack;
use crate::content::quiz::Segment;
use crate::content::{Lesson, LessonBody};
use crate::model::format;
use crate::model::limits::{DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS};
use crate::model::pricing::{self, PricingInputs};
use crate::model::scenario;
use crate::model::tuning::{self, Measured};
use crate::runtime::config::{FunctionConfig, choose_runtime};
use crate::runtime::job::{self, InvokeJob, Pools};
use crate::workspace::Language;

/// How one check went.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    pub name: String,
    pub passed: bool,
    /// Passed: what ran; failed: expected against got.
    pub detail: String,
}

/// The learner's decided settings, by key; missing keys take the exercise's starter values.
pub type Choices = BTreeMap<ChoiceKey, u32>;

/// Every exercise block of a pack, parsed or not, with the id of the lesson it is in, in
/// lesson order.
pub fn blocks(pack: &LessonPack) -> Vec<(&str, Result<&Exercise, &String>)> {
    pack.lessons
        .iter()
        .flat_map(|lesson| {
            let segments = match &lesson.body {
                LessonBody::Ready { segments, .. } => segments.as_slice(),
                LessonBody::Broken { .. } => &[],
            };
            segments.iter().filter_map(move |segment| match segment {
                Segment::Exercise(block) => Some((lesson.meta.id.as_str(), block.as_ref())),
                _ => None,
            })
        })
        .collect()
}

/// The exercise `id` of a pack and the lesson it is in (blocks that do not parse are
/// skipped; `lessons check` reports them). Walks the parsed lessons: no copies, cheap enough
/// for every frame.
pub fn find_with_lesson<'a>(pack: &'a LessonPack, id: &str) -> Option<(&'a Lesson, &'a Exercise)> {
    pack.lessons.iter().find_map(|lesson| {
        lesson
            .exercises()
            .find(|exercise| exercise.id == id)
            .map(|exercise| (lesson, exercise))
    })
}

/// The exercise the Playground shows: the one started last, while its starter is open.
pub fn open_in<'a>(
    pack: &'a LessonPack,
    settings: &crate::state::PlaygroundSettings,
) -> Option<&'a Exercise> {
    let id = settings.exercise.as_deref()?;
    find_with_lesson(pack, id)
        .map(|(_, exercise)| exercise)
        .filter(|exercise| exercise.starter == settings.handler)
}

/// What the checks need besides the exercise: the pack (for files it names) and the samples
/// (events, layers).
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub pack_dir: &'a Path,
    pub samples: &'a Samples,
}

/// The choices the solution makes.
pub fn solution_choices(exercise: &Exercise) -> Choices {
    exercise
        .choices
        .iter()
        .map(|choice| (choice.key, choice.solution))
        .collect()
}

/// The file the learner starts from: the starter handler's file.
pub fn starter_path(exercise: &Exercise, samples: &Samples) -> Result<PathBuf, String> {
    let handlers = samples.handlers.as_ref().map_err(Clone::clone)?;
    let handler = handlers.get(&exercise.starter).ok_or_else(|| {
        format!(
            "the starter handler \"{}\" is not in the pack's starter/ or handlers/, nor a shipped sample",
            exercise.starter
        )
    })?;
    Ok(handlers.path_of(handler))
}

/// Runs every check of `exercise` against the code at `code_path`. `stop` is asked between
/// checks and during invokes; a stopped run returns the checks done so far.
pub fn run(
    exercise: &Exercise,
    context: Context<'_>,
    code_path: &Path,
    choices: &Choices,
    stop: &dyn Fn() -> bool,
) -> Vec<CheckResult> {
    let mut results = Vec::new();
    for check in &exercise.checks {
        if stop() {
            break;
        }
        let outcome = run_check(exercise, check, context, code_path, choices, stop);
        let (passed, detail) = match outcome {
            Ok(detail) => (true, detail),
            Err(detail) => (false, detail),
        };
        results.push(CheckResult {
            name: check.name.clone(),
            passed,
            detail,
        });
    }
    results
}

fn choice(exercise: &Exercise, choices: &Choices, key: ChoiceKey) -> Option<u32> {
    let offered = exercise.choices.iter().find(|c| c.key == key)?;
    Some(choices.get(&key).copied().unwrap_or(offered.starter))
}

fn run_check(
    exercise: &Exercise,
    check: &Check,
    context: Context<'_>,
    code_path: &Path,
    choices: &Choices,
    stop: &dyn Fn() -> bool,
) -> Result<String, String> {
    match &check.kind {
        CheckKind::Invoke(invoke) => {
            run_invoke(exercise, invoke, context, code_path, choices, stop)
        }
        CheckKind::Scenario(scenario) => run_scenario(exercise, scenario, choices, stop),
        CheckKind::Cost(cost) => run_cost(exercise, cost, choices),
    }
}

/// The function an exercise runs: the file, the exercise's settings and the learner's choices.
pub fn function_config(
    exercise: &Exercise,
    context: Context<'_>,
    code_path: &Path,
    choices: &Choices,
) -> Result<FunctionConfig, String> {
    let settings = &exercise.settings;
    let (executor, runtime) = choose_runtime(code_path, settings.runtime.as_deref())?;
    let stem = code_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".to_owned());
    let language = Language::of_path(code_path);
    let layers = layer_paths(exercise, context)?;
    Ok(FunctionConfig {
        function_name: exercise.id.clone(),
        handler: format!("{stem}.{}", language.default_function()),
        runtime,
        executor,
        code_path: code_path.to_path_buf(),
        memory_size_mb: choice(exercise, choices, ChoiceKey::MemoryMb)
            .or(settings.memory_mb)
            .unwrap_or(DEFAULT_MEMORY_MB),
        timeout_secs: settings.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS),
        environment: settings.environment.clone(),
        provisioned_concurrency: choice(exercise, choices, ChoiceKey::ProvisionedConcurrency)
            .unwrap_or(0),
        layers,
        ..FunctionConfig::default()
    })
}

/// The exercise's layers as folders: shipped layer names, else folders of the pack.
pub fn layer_paths(exercise: &Exercise, context: Context<'_>) -> Result<Vec<PathBuf>, String> {
    exercise
        .settings
        .layers
        .iter()
        .map(|name| match context.samples.layers.path_of(name) {
            Some(path) => Ok(path),
            None => {
                let path = context.pack_dir.join(name);
                if path.exists() {
                    Ok(path)
                } else {
                    Err(format!(
                        "layer \"{name}\" is neither a shipped layer nor a folder of the pack"
                    ))
                }
            }
        })
        .collect()
}

/// The event text a check sends.
pub fn event_text(event: &CheckEvent, context: Context<'_>) -> Result<String, String> {
    match event {
        CheckEvent::Empty => Ok("{}".to_owned()),
        CheckEvent::Inline(json) => Ok(json.clone()),
        CheckEvent::File(file) => {
            let path = context.pack_dir.join(file);
            std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read the event file {}: {error}", path.display()))
        }
        CheckEvent::Sample(id) => {
            let events = context.samples.events.as_ref().map_err(Clone::clone)?;
            let event = events
                .get(id)
                .ok_or_else(|| format!("no sample event \"{id}\" in the pack or the app"))?;
            let value = events.read(event).map_err(|error| error.to_string())?;
            Ok(value.to_string())
        }
    }
}

fn run_invoke(
    exercise: &Exercise,
    check: &InvokeCheck,
    context: Context<'_>,
    code_path: &Path,
    choices: &Choices,
    stop: &dyn Fn() -> bool,
) -> Result<String, String> {
    let config = function_config(exercise, context, code_path, choices)?;
    let event = event_text(&check.event, context)?;
    let job = InvokeJob {
        config,
        event_json: Arc::from(event),
        repeat: check.invokes,
        concurrency: 1,
        invocation_type: check.invocation_type,
    };
    // A fresh pool per check: its first invoke is a cold start, as on a new function.
    let result = job::run(&mut Pools::default(), &job, stop, &|_| {})
        .map_err(|invalid| format!("Lambda would refuse these settings: {invalid}"))?;
    let observed = expect::Observed {
        records: result.records.iter().collect(),
        asynchronous: &result.asynchronous,
    };
    expect::evaluate(&check.expect, &observed)
}

fn run_scenario(
    exercise: &Exercise,
    check: &ScenarioCheck,
    choices: &Choices,
    stop: &dyn Fn() -> bool,
) -> Result<String, String> {
    let mut inputs = check.inputs.clone();
    if let Some(memory) = choice(exercise, choices, ChoiceKey::MemoryMb) {
        inputs.memory_mb = memory;
    }
    if let Some(provisioned) = choice(exercise, choices, ChoiceKey::ProvisionedConcurrency) {
        inputs.provisioned = provisioned;
    }
    let run = scenario::simulate(&inputs, &mut |_| !stop())
        .map_err(|error| format!("the simulation did not run: {error}"))?;
    let summary = &run.result.summary;
    let bill = run
        .bills
        .with_provisioned
        .as_ref()
        .unwrap_or(&run.bills.on_demand);
    let monthly_usd = bill
        .estimate
        .as_ref()
        .map(pricing::Estimate::total_usd)
        .map_err(|error| format!("the bill cannot be priced: {error}"))?;
    let got = format!(
        "{} cold starts in {} requests · p99 {} · about {} a month (modelled)",
        summary.cold_starts,
        summary.requests,
        format::millis(summary.latency.p99_ms),
        format::usd(monthly_usd)
    );
    if let Some(max) = check.max_cold_starts
        && summary.cold_starts > max
    {
        return Err(format!("expected at most {max} cold starts, got {got}"));
    }
    at_most(check.max_p99_ms, summary.latency.p99_ms, &got, |max| {
        format!("p99 under {}", format::millis(max))
    })?;
    at_most(check.max_monthly_usd, monthly_usd, &got, bill_under)?;
    Ok(got)
}

/// `Err("expected …, got …")` when `value` is over `limit`.
fn at_most(
    limit: Option<f64>,
    value: f64,
    got: &str,
    expected: impl Fn(f64) -> String,
) -> Result<(), String> {
    match limit {
        Some(max) if value > max => Err(format!("expected {}, got {got}", expected(max))),
        _ => Ok(()),
    }
}

fn bill_under(max: f64) -> String {
    format!("a bill under {}", format::usd(max))
}

fn run_cost(exercise: &Exercise, check: &CostCheck, choices: &Choices) -> Result<String, String> {
    let memory_mb = choice(exercise, choices, ChoiceKey::MemoryMb)
        .or(exercise.settings.memory_mb)
        .unwrap_or(DEFAULT_MEMORY_MB);
    let duration_ms = tuning::estimated_duration_ms(
        Measured {
            compute_ms: check.compute_ms,
            waiting_ms: check.waiting_ms,
        },
        memory_mb,
    );
    let inputs = PricingInputs {
        requests: check.requests_per_month,
        duration_ms,
        memory_mb,
        architecture: check.architecture,
        free_tier: false,
        ..PricingInputs::default()
    };
    let monthly_usd = pricing::estimate(&inputs)
        .map(|estimate| estimate.total_usd())
        .map_err(|error| format!("the bill cannot be priced: {error}"))?;
    let got = format!(
        "at {memory_mb} MB: about {} per invoke and {} a month (modelled)",
        format::millis(duration_ms),
        format::usd(monthly_usd)
    );
    at_most(check.max_duration_ms, duration_ms, &got, |max| {
        format!("at most {}", format::millis(max))
    })?;
    at_most(check.max_monthly_usd, monthly_usd, &got, bill_under)?;
    Ok(got)
}
