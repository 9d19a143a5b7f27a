//! Graded exercises inside lessons: a fenced block whose info string is `exercise`, holding
//! TOML with the task, the starter handler, its settings, and the checks its copy must pass.
//! Parsed and validated here (data only); [`crate::exercises`] runs the checks.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::one_line;

use crate::model::lambda::{Architecture, InvocationType, PROCESS_RUNTIMES};
use crate::model::limits::{
    DEFAULT_ACCOUNT_CONCURRENCY, MAX_MEMORY_MB, MAX_TIMEOUT_SECS, MIN_MEMORY_MB, MIN_TIMEOUT_SECS,
    MIN_UNRESERVED_CONCURRENCY,
};
use crate::model::scenario::ScenarioInputs;

/// The fence info string that marks an exercise block.
pub const EXERCISE_TAG: &str = "exercise";

/// The most invokes one check may make in a row.
pub const MAX_CHECK_INVOKES: u32 = 20;

/// One exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Unique within the pack; progress and the learner's choices are kept under it.
    pub id: String,
    pub title: String,
    /// What to do, in markdown.
    pub task: String,
    /// The handler the learner starts from (a pack's `starter/` or `handlers/`, or a shipped
    /// sample); the learner edits their own copy of it.
    pub starter: String,
    /// A file, relative to the pack folder, that passes every check.
    pub solution: Option<String>,
    /// Revealed one at a time.
    pub hints: Vec<String>,
    pub settings: ExerciseSettings,
    /// Settings the learner decides (power tuning, provisioned concurrency), with the value
    /// they start at and the one the solution uses.
    pub choices: Vec<Choice>,
    pub checks: Vec<Check>,
}

/// The function's settings while the exercise runs (unset: Lambda's defaults).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExerciseSettings {
    pub memory_mb: Option<u32>,
    pub timeout_secs: Option<u32>,
    /// `embedded` or a process runtime (`python3.13`, `nodejs24.x`…); `None` follows the file.
    pub runtime: Option<String>,
    /// Layers: shipped layer names (assets/layers) or folders relative to the pack.
    pub layers: Vec<String>,
    pub environment: BTreeMap<String, String>,
}

/// A setting the learner chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChoiceKey {
    MemoryMb,
    ProvisionedConcurrency,
}

impl ChoiceKey {
    pub const ALL: [Self; 2] = [Self::MemoryMb, Self::ProvisionedConcurrency];

    /// The key as written in the block and kept in the state file.
    pub fn name(self) -> &'static str {
        match self {
            Self::MemoryMb => "memory_mb",
            Self::ProvisionedConcurrency => "provisioned_concurrency",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::MemoryMb => "Memory (MB)",
            Self::ProvisionedConcurrency => "Provisioned concurrency",
        }
    }

    /// The range AWS accepts (provisioned concurrency: what a default account can configure
    /// while keeping its unreserved 100).
    pub fn range(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Self::MemoryMb => MIN_MEMORY_MB..=MAX_MEMORY_MB,
            Self::ProvisionedConcurrency => {
                0..=DEFAULT_ACCOUNT_CONCURRENCY - MIN_UNRESERVED_CONCURRENCY
            }
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.name() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub key: ChoiceKey,
    pub starter: u32,
    pub solution: u32,
}

/// One check: invoke the function (or run a model) and compare what came back.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub name: String,
    pub kind: CheckKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CheckKind {
    Invoke(InvokeCheck),
    /// The Cold starts simulator with the learner's choices applied.
    Scenario(ScenarioCheck),
    /// The Cost page's power-tuning model at the learner's memory.
    Cost(CostCheck),
}

/// Where a check's event comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckEvent {
    /// `{}`.
    Empty,
    /// A sample event id (`s3/put`), the pack's or a shipped one.
    Sample(String),
    /// A JSON file relative to the pack folder.
    File(String),
    /// JSON text written in the block.
    Inline(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct InvokeCheck {
    pub event: CheckEvent,
    /// Invokes in a row on one fresh function (cold, then warm).
    pub invokes: u32,
    pub invocation_type: InvocationType,
    pub expect: Expectations,
}

/// What the invocation records must show; every one set must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expectations {
    /// The last response equals this JSON.
    pub response: Option<serde_json::Value>,
    /// The last response contains this JSON (objects: these keys, recursively).
    pub response_includes: Option<serde_json::Value>,
    /// The last response's `body` is a string holding JSON that contains this.
    pub body_includes: Option<serde_json::Value>,
    /// `success`, `error`, `timeout`, `out_of_memory` or `throttled` (of every invoke).
    pub status: Option<String>,
    pub error_type: Option<String>,
    /// Regular expressions each matching at least one log line.
    pub logs: Vec<String>,
    /// Regular expressions that must match no log line.
    pub no_logs: Vec<String>,
    /// A regular expression and how many log lines, over every invoke and retry, match it.
    pub log_count: Option<(String, usize)>,
    pub max_billed_duration_ms: Option<u64>,
    /// The most billed duration of the warm invokes (every invoke after the first).
    pub max_warm_billed_duration_ms: Option<u64>,
    pub max_memory_used_mb: Option<u32>,
    /// One entry per invoke: cold (`true`) or warm.
    pub cold: Option<Vec<bool>>,
    /// Asynchronous invokes: whether the event ends at the on-failure destination.
    pub async_failure: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioCheck {
    pub inputs: ScenarioInputs,
    pub max_cold_starts: Option<u64>,
    pub max_p99_ms: Option<f64>,
    pub max_monthly_usd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CostCheck {
    /// The handler's computing time at one full vCPU (1,769 MB), and its waiting time.
    pub compute_ms: f64,
    pub waiting_ms: f64,
    pub requests_per_month: u64,
    pub architecture: Architecture,
    pub max_duration_ms: Option<f64>,
    pub max_monthly_usd: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: String,
    title: String,
    task: String,
    starter: String,
    solution: Option<String>,
    #[serde(default)]
    hints: Vec<String>,
    memory_mb: Option<u32>,
    timeout_secs: Option<u32>,
    runtime: Option<String>,
    #[serde(default)]
    layers: Vec<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    choose: BTreeMap<String, u32>,
    #[serde(default)]
    solution_choose: BTreeMap<String, u32>,
    #[serde(default, rename = "check")]
    checks: Vec<RawCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    name: String,
    event: Option<String>,
    event_file: Option<String>,
    event_json: Option<String>,
    invokes: Option<u32>,
    invocation_type: Option<String>,
    response: Option<String>,
    response_includes: Option<String>,
    body_includes: Option<String>,
    status: Option<String>,
    error_type: Option<String>,
    #[serde(default)]
    logs: Vec<String>,
    #[serde(default)]
    no_logs: Vec<String>,
    log_count: Option<RawLogCount>,
    max_billed_duration_ms: Option<u64>,
    max_warm_billed_duration_ms: Option<u64>,
    max_memory_used_mb: Option<u32>,
    cold: Option<Vec<bool>>,
    async_failure: Option<bool>,
    scenario: Option<toml::Table>,
    cost: Option<RawCost>,
    max_cold_starts: Option<u64>,
    max_p99_ms: Option<f64>,
    max_monthly_usd: Option<f64>,
    max_duration_ms: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogCount {
    pattern: String,
    count: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCost {
    compute_ms: f64,
    #[serde(default)]
    waiting_ms: f64,
    requests_per_month: u64,
    architecture: Option<String>,
}

/// The status names a check may expect.
pub const STATUS_NAMES: [&str; 5] = ["success", "error", "timeout", "out_of_memory", "throttled"];

/// Parses one block, saying in one line what is wrong when it cannot be used.
pub fn parse_exercise(body: &str) -> Result<Exercise, String> {
    let raw: Raw = toml::from_str(body).map_err(|e| one_line(&e.to_string()))?;
    for (name, value) in [
        ("id", &raw.id),
        ("title", &raw.title),
        ("task", &raw.task),
        ("starter", &raw.starter),
    ] {
        if value.trim().is_empty() {
            return Err(format!("`{name}` must not be empty"));
        }
    }
    if !raw
        .id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "id \"{}\" may hold only lower-case letters, digits and hyphens",
            raw.id
        ));
    }
    in_range("memory_mb", raw.memory_mb, MIN_MEMORY_MB, MAX_MEMORY_MB)?;
    in_range(
        "timeout_secs",
        raw.timeout_secs,
        MIN_TIMEOUT_SECS,
        MAX_TIMEOUT_SECS,
    )?;
    if let Some(runtime) = &raw.runtime
        && !super::tryit::known_runtime(runtime)
    {
        return Err(format!(
            "runtime \"{runtime}\" is not embedded, embedded:nodejs22.x or one of {}",
            PROCESS_RUNTIMES.join(", ")
        ));
    }
    let choices = choices(&raw.choose, &raw.solution_choose)?;
    if raw.solution.is_none() && choices.is_empty() {
        return Err(
            "an exercise needs `solution` (a file that passes every check) or `choose` \
             (settings the learner decides) with `solution_choose`"
                .to_owned(),
        );
    }
    if raw.checks.is_empty() {
        return Err("an exercise needs at least one [[check]]".to_owned());
    }
    let checks = raw
        .checks
        .into_iter()
        .map(|check| {
            let name = check.name.clone();
            parse_check(check).map_err(|error| format!("check \"{name}\": {error}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Exercise {
        id: raw.id,
        title: raw.title,
        task: raw.task.trim().to_owned(),
        starter: raw.starter,
        solution: raw.solution,
        hints: raw.hints,
        settings: ExerciseSettings {
            memory_mb: raw.memory_mb,
            timeout_secs: raw.timeout_secs,
            runtime: raw.runtime,
            layers: raw.layers,
            environment: raw.env,
        },
        choices,
        checks,
    })
}

fn choices(
    starter: &BTreeMap<String, u32>,
    solution: &BTreeMap<String, u32>,
) -> Result<Vec<Choice>, String> {
    if let Some(key) = solution.keys().find(|key| !starter.contains_key(*key)) {
        return Err(format!(
            "solution_choose sets `{key}`, which `choose` does not offer"
        ));
    }
    starter
        .iter()
        .map(|(name, &value)| {
            let key = ChoiceKey::from_name(name).ok_or_else(|| {
                format!("choose `{name}` is not memory_mb or provisioned_concurrency")
            })?;
            let solution = *solution
                .get(name)
                .ok_or_else(|| format!("solution_choose needs `{name}`"))?;
            for (what, v) in [("choose", value), ("solution_choose", solution)] {
                if !key.range().contains(&v) {
                    return Err(format!(
                        "{what} {name} = {v} is outside {}–{}",
                        key.range().start(),
                        key.range().end()
                    ));
                }
            }
            Ok(Choice {
                key,
                starter: value,
                solution,
            })
        })
        .collect()
}

fn parse_check(mut raw: RawCheck) -> Result<Check, String> {
    let name = raw.name.clone();
    let model_keys = [
        ("max_cold_starts", raw.max_cold_starts.is_some()),
        ("max_p99_ms", raw.max_p99_ms.is_some()),
        ("max_monthly_usd", raw.max_monthly_usd.is_some()),
        ("max_duration_ms", raw.max_duration_ms.is_some()),
    ];
    let invoke_keys = [
        ("event", raw.event.is_some()),
        ("event_file", raw.event_file.is_some()),
        ("event_json", raw.event_json.is_some()),
        ("invokes", raw.invokes.is_some()),
        ("invocation_type", raw.invocation_type.is_some()),
        ("response", raw.response.is_some()),
        ("response_includes", raw.response_includes.is_some()),
        ("body_includes", raw.body_includes.is_some()),
        ("status", raw.status.is_some()),
        ("error_type", raw.error_type.is_some()),
        ("logs", !raw.logs.is_empty()),
        ("no_logs", !raw.no_logs.is_empty()),
        ("log_count", raw.log_count.is_some()),
        (
            "max_billed_duration_ms",
            raw.max_billed_duration_ms.is_some(),
        ),
        (
            "max_warm_billed_duration_ms",
            raw.max_warm_billed_duration_ms.is_some(),
        ),
        ("max_memory_used_mb", raw.max_memory_used_mb.is_some()),
        ("cold", raw.cold.is_some()),
        ("async_failure", raw.async_failure.is_some()),
    ];
    let first_set = |keys: &[(&'static str, bool)]| keys.iter().find(|(_, set)| *set).map(|k| k.0);
    let kind = match (raw.scenario.take(), raw.cost.take()) {
        (Some(_), Some(_)) => return Err("a check has `scenario` or `cost`, not both".to_owned()),
        (Some(table), None) => {
            if let Some(key) = first_set(&invoke_keys) {
                return Err(format!("`{key}` does not belong to a scenario check"));
            }
            if raw.max_duration_ms.is_some() {
                return Err("`max_duration_ms` belongs to a cost check".to_owned());
            }
            if [
                raw.max_cold_starts.is_some(),
                raw.max_p99_ms.is_some(),
                raw.max_monthly_usd.is_some(),
            ]
            .iter()
            .all(|set| !set)
            {
                return Err(
                    "a scenario check needs max_cold_starts, max_p99_ms or max_monthly_usd"
                        .to_owned(),
                );
            }
            CheckKind::Scenario(ScenarioCheck {
                inputs: scenario_inputs(table)?,
                max_cold_starts: raw.max_cold_starts,
                max_p99_ms: raw.max_p99_ms,
                max_monthly_usd: raw.max_monthly_usd,
            })
        }
        (None, Some(cost)) => {
            if let Some(key) = first_set(&invoke_keys) {
                return Err(format!("`{key}` does not belong to a cost check"));
            }
            if raw.max_cold_starts.is_some() || raw.max_p99_ms.is_some() {
                return Err("max_cold_starts and max_p99_ms belong to a scenario check".to_owned());
            }
            if raw.max_duration_ms.is_none() && raw.max_monthly_usd.is_none() {
                return Err("a cost check needs max_duration_ms or max_monthly_usd".to_owned());
            }
            if cost.compute_ms < 0.0 || cost.waiting_ms < 0.0 {
                return Err("compute_ms and waiting_ms must not be negative".to_owned());
            }
            CheckKind::Cost(CostCheck {
                compute_ms: cost.compute_ms,
                waiting_ms: cost.waiting_ms,
                requests_per_month: cost.requests_per_month,
                architecture: match cost.architecture.as_deref() {
                    None | Some("x86_64") => Architecture::X86_64,
                    Some("arm64") => Architecture::Arm64,
                    Some(other) => {
                        return Err(format!("architecture \"{other}\" is not x86_64 or arm64"));
                    }
                },
                max_duration_ms: raw.max_duration_ms,
                max_monthly_usd: raw.max_monthly_usd,
            })
        }
        (None, None) => {
            if let Some(key) = first_set(&model_keys) {
                return Err(format!(
                    "`{key}` belongs to a check with a [check.scenario] or [check.cost] table"
                ));
            }
            CheckKind::Invoke(invoke_check(raw)?)
        }
    };
    Ok(Check { name, kind })
}

fn invoke_check(raw: RawCheck) -> Result<InvokeCheck, String> {
    let event = match (raw.event, raw.event_file, raw.event_json) {
        (None, None, None) => CheckEvent::Empty,
        (Some(id), None, None) => CheckEvent::Sample(id.trim_end_matches(".json").to_owned()),
        (None, Some(file), None) => CheckEvent::File(file),
        (None, None, Some(json)) => {
            json_value("event_json", &json)?;
            CheckEvent::Inline(json)
        }
        _ => return Err("give one of event, event_file or event_json".to_owned()),
    };
    let invokes = raw.invokes.unwrap_or(1);
    if !(1..=MAX_CHECK_INVOKES).contains(&invokes) {
        return Err(format!(
            "invokes = {invokes} is outside 1–{MAX_CHECK_INVOKES}"
        ));
    }
    let invocation_type = match raw.invocation_type.as_deref() {
        None | Some("RequestResponse") => InvocationType::RequestResponse,
        Some("Event") => InvocationType::Event,
        Some(other) => {
            return Err(format!(
                "invocation_type \"{other}\" is not RequestResponse or Event"
            ));
        }
    };
    if let Some(status) = &raw.status
        && !STATUS_NAMES.contains(&status.as_str())
    {
        return Err(format!(
            "status \"{status}\" is not one of {}",
            STATUS_NAMES.join(", ")
        ));
    }
    if let Some(cold) = &raw.cold
        && cold.len() != invokes as usize
    {
        return Err(format!(
            "cold lists {} invokes but the check makes {invokes}",
            cold.len()
        ));
    }
    if raw.async_failure.is_some() && invocation_type != InvocationType::Event {
        return Err("async_failure needs invocation_type = \"Event\"".to_owned());
    }
    let log_count = raw.log_count.map(|count| (count.pattern, count.count));
    for pattern in raw
        .logs
        .iter()
        .chain(&raw.no_logs)
        .chain(log_count.as_ref().map(|(pattern, _)| pattern))
    {
        regex::Regex::new(pattern).map_err(|error| {
            format!(
                "the pattern {pattern:?} is not a regular expression: {}",
                one_line(&error.to_string())
            )
        })?;
    }
    let expect = Expectations {
        response: raw
            .response
            .as_deref()
            .map(|json| json_value("response", json))
            .transpose()?,
        response_includes: raw
            .response_includes
            .as_deref()
            .map(|json| json_value("response_includes", json))
            .transpose()?,
        body_includes: raw
            .body_includes
            .as_deref()
            .map(|json| json_value("body_includes", json))
            .transpose()?,
        status: raw.status,
        error_type: raw.error_type,
        logs: raw.logs,
        no_logs: raw.no_logs,
        log_count,
        max_billed_duration_ms: raw.max_billed_duration_ms,
        max_warm_billed_duration_ms: raw.max_warm_billed_duration_ms,
        max_memory_used_mb: raw.max_memory_used_mb,
        cold: raw.cold,
        async_failure: raw.async_failure,
    };
    if expect == Expectations::default() {
        return Err(
            "the check expects nothing: add response, status, logs, cold… (see the README)"
                .to_owned(),
        );
    }
    if invocation_type == InvocationType::Event
        && (expect.response.is_some()
            || expect.response_includes.is_some()
            || expect.body_includes.is_some())
    {
        return Err("an asynchronous invoke returns no response to compare".to_owned());
    }
    Ok(InvokeCheck {
        event,
        invokes,
        invocation_type,
        expect,
    })
}

/// A `[check.scenario]` table as simulator inputs, naming a key the simulator does not have.
fn scenario_inputs(table: toml::Table) -> Result<ScenarioInputs, String> {
    let known = toml::Table::try_from(ScenarioInputs::default())
        .map_err(|error| format!("cannot list the scenario's keys: {error}"))?;
    if let Some(key) = table.keys().find(|key| !known.contains_key(*key)) {
        let mut names: Vec<&str> = known.keys().map(String::as_str).collect();
        names.sort_unstable();
        return Err(format!(
            "scenario key `{key}` is not one of {}",
            names.join(", ")
        ));
    }
    table
        .try_into()
        .map_err(|error: toml::de::Error| format!("scenario: {}", one_line(&error.to_string())))
}

fn json_value(key: &str, text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|error| format!("{key} is not JSON: {error}"))
}

fn in_range(name: &str, value: Option<u32>, low: u32, high: u32) -> Result<(), String> {
    match value {
        Some(v) if !(low..=high).contains(&v) => {
            Err(format!("{name} = {v} is outside {low}–{high}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "id = \"first\"\ntitle = \"T\"\ntask = \"Do it\"\nstarter = \"ex\"\n\
                        solution = \"solutions/first.mjs\"\n";

    #[test]
    fn a_block_parses_with_its_checks() {
        let exercise = parse_exercise(&format!(
            "{BASE}hints = [\"one\", \"two\"]\nmemory_mb = 256\n[env]\nGREETING = \"Hi\"\n\
             [[check]]\nname = \"greets\"\nevent_json = '{{\"name\": \"Ada\"}}'\n\
             response_includes = '{{\"message\": \"Hi, Ada\"}}'\ninvokes = 2\ncold = [true, false]\n"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(exercise.hints.len(), 2);
        assert_eq!(exercise.settings.memory_mb, Some(256));
        assert_eq!(exercise.settings.environment["GREETING"], "Hi");
        let CheckKind::Invoke(check) = &exercise.checks[0].kind else {
            panic!("an invoke check expected")
        };
        assert_eq!(check.invokes, 2);
        assert_eq!(check.expect.cold, Some(vec![true, false]));
    }

    #[test]
    fn mistakes_are_named() {
        let err = |extra: &str| {
            parse_exercise(&format!("{BASE}{extra}"))
                .err()
                .unwrap_or_default()
        };
        assert!(err("").contains("at least one [[check]]"));
        assert!(err("[[check]]\nname = \"x\"\n").contains("expects nothing"));
        assert!(err("[[check]]\nname = \"x\"\nstatus = \"ok\"\n").contains("status \"ok\""));
        assert!(
            err("[[check]]\nname = \"x\"\nstatus = \"success\"\ninvokes = 2\ncold = [true]\n")
                .contains("cold lists 1")
        );
        assert!(
            err("[[check]]\nname = \"x\"\nlogs = [\"(\"]\n").contains("not a regular expression")
        );
        assert!(err("[[check]]\nname = \"x\"\nmax_p99_ms = 3.0\n").contains("[check.scenario]"));
        assert!(
            err("[[check]]\nname = \"x\"\nmax_cold_starts = 0\n[check.scenario]\nburst = 3\n")
                .contains("scenario key `burst`")
        );
        assert!(err("colour = 1\n").contains("colour"));
        assert!(
            err("[[check]]\nname = \"x\"\nstatus = \"error\"\nasync_failure = true\n")
                .contains("needs invocation_type")
        );
    }

    #[test]
    fn choices_need_a_solution_value_in_range() {
        let base = "id = \"tune\"\ntitle = \"T\"\ntask = \"t\"\nstarter = \"ex\"\n";
        let check = "[[check]]\nname = \"c\"\nmax_duration_ms = 10.0\n\
                     [check.cost]\ncompute_ms = 5.0\nrequests_per_month = 100\n";
        let exercise = parse_exercise(&format!(
            "{base}choose = {{ memory_mb = 128 }}\nsolution_choose = {{ memory_mb = 1024 }}\n{check}"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            exercise.choices,
            vec![Choice {
                key: ChoiceKey::MemoryMb,
                starter: 128,
                solution: 1024
            }]
        );
        let err = parse_exercise(&format!(
            "{base}choose = {{ memory_mb = 128 }}\nsolution_choose = {{ memory_mb = 20000 }}\n{check}"
        ))
        .err()
        .unwrap_or_default();
        assert!(err.contains("outside 128–10240"), "{err}");
        let err = parse_exercise(&format!("{base}{check}"))
            .err()
            .unwrap_or_default();
        assert!(err.contains("needs `solution`"), "{err}");
    }
}
