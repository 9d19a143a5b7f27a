//! `lessons check` for ```exercise blocks: each parses, its id is unique in the pack, and
//! every file, handler, event and layer it names exists, so `exercises check` can run it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::check::{Catalog, Problem};
use super::exercise::{CheckEvent, CheckKind, Exercise};
use super::quiz::{Segment, split_segments};
use crate::model::limits::MAX_LAYERS;

const FIX: &str = "correct the exercise block (format: README, \"Exercises\")";

/// Checks the exercise blocks of one lesson; `seen` holds the ids met so far in the pack.
pub(super) fn check_exercises(
    path: &Path,
    markdown: &str,
    catalog: &Catalog,
    seen: &mut BTreeMap<String, PathBuf>,
    problems: &mut Vec<Problem>,
) {
    for (segment, line) in split_segments(markdown) {
        let Segment::Exercise(exercise) = segment else {
            continue;
        };
        let exercise = match exercise {
            Ok(exercise) => exercise,
            Err(problem) => {
                problems.push(Problem::new(path, format!("line {line}: {problem}"), FIX));
                continue;
            }
        };
        if let Some(first) = seen.insert(exercise.id.clone(), path.to_path_buf()) {
            problems.push(Problem::new(
                path,
                format!(
                    "line {line}: exercise id \"{}\" is also used in {}",
                    exercise.id,
                    first.display()
                ),
                "give every exercise of the pack its own id",
            ));
        }
        for problem in named_material(&exercise, catalog) {
            problems.push(Problem::new(
                path,
                format!("line {line}: exercise \"{}\": {}", exercise.id, problem.0),
                problem.1,
            ));
        }
    }
}

/// What the exercise names that the pack and the app do not have, with the fix.
fn named_material(exercise: &Exercise, catalog: &Catalog) -> Vec<(String, String)> {
    let mut found = Vec::new();
    if let Some(handlers) = &catalog.handlers
        && handlers.get(&exercise.starter).is_none()
    {
        found.push((
            format!("the starter \"{}\" is not a handler", exercise.starter),
            "add it to the pack's starter/index.toml (the format of assets/handlers/index.toml)"
                .to_owned(),
        ));
    }
    if let Some(solution) = &exercise.solution
        && !catalog.pack_dir.join(solution).is_file()
    {
        found.push((
            format!("the solution file {solution} does not exist"),
            format!(
                "add it under {}, or correct `solution`",
                catalog.pack_dir.display()
            ),
        ));
    }
    if exercise.settings.layers.len() > MAX_LAYERS {
        found.push((
            format!(
                "{} layers, more than Lambda's {MAX_LAYERS}",
                exercise.settings.layers.len()
            ),
            format!("attach at most {MAX_LAYERS} layers"),
        ));
    }
    for name in &exercise.settings.layers {
        if catalog.layers.path_of(name).is_none() && !catalog.pack_dir.join(name).is_dir() {
            found.push((
                format!("layer \"{name}\" is neither a shipped layer nor a folder of the pack"),
                format!(
                    "use one of {} or a folder of the pack",
                    catalog.layers.names.join(", ")
                ),
            ));
        }
    }
    for check in &exercise.checks {
        if let CheckKind::Scenario(scenario) = &check.kind
            && let Err(error) = scenario.inputs.config()
        {
            found.push((
                format!(
                    "check \"{}\": the scenario cannot be simulated: {error}",
                    check.name
                ),
                "correct the [check.scenario] table (its keys are the Cold starts page's inputs)"
                    .to_owned(),
            ));
        }
        let CheckKind::Invoke(invoke) = &check.kind else {
            continue;
        };
        match &invoke.event {
            CheckEvent::Sample(id) => {
                if let Some(events) = &catalog.events
                    && events.get(id).is_none()
                {
                    found.push((
                        format!(
                            "check \"{}\": event \"{id}\" is not a sample event",
                            check.name
                        ),
                        "use an id from sample-events/index.toml or the pack's events/index.toml"
                            .to_owned(),
                    ));
                }
            }
            CheckEvent::File(file) => {
                let file_path = catalog.pack_dir.join(file);
                match std::fs::read_to_string(&file_path) {
                    Ok(text) => {
                        if let Err(error) = serde_json::from_str::<serde_json::Value>(&text) {
                            found.push((
                                format!(
                                    "check \"{}\": the event file {file} is not JSON ({error})",
                                    check.name
                                ),
                                "correct the JSON".to_owned(),
                            ));
                        }
                    }
                    Err(error) => found.push((
                        format!(
                            "check \"{}\": the event file {file} cannot be read ({error})",
                            check.name
                        ),
                        "add the file to the pack, or correct `event_file`".to_owned(),
                    )),
                }
            }
            CheckEvent::Empty | CheckEvent::Inline(_) => {}
        }
    }
    found
}
