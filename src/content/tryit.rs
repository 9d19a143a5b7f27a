//! "Try it" actions inside lessons: a fenced block whose info string is `tryit`, holding
//! TOML that says which page to open, set up how, and what to look for. Parsed here, checked
//! by `lessons check`, shown as a button by the lesson viewer.

use serde::Deserialize;

use super::one_line;

use crate::sources::settings::{BucketSettings, HttpSettings, QueueSettings, ScheduleSettings};

use crate::model::lambda::{
    Architecture, EMBEDDED_ENGINE_RUNTIMES, InvocationType, PROCESS_RUNTIMES,
};
use crate::model::limits::{
    MAX_FUNCTION_DURATION_MS, MAX_MEMORY_MB, MAX_TIMEOUT_SECS, MIN_MEMORY_MB, MIN_TIMEOUT_SECS,
};
use crate::model::scenario::Experiment;

/// The fence info string that marks a Try it block.
pub const TRYIT_TAG: &str = "tryit";

/// The most invokes a Try it may ask for, in a row or at once.
pub const MAX_REPEAT: u32 = 100;
pub const MAX_CONCURRENCY: u32 = 1_000;

/// One Try it action.
#[derive(Clone, Debug, PartialEq)]
pub struct TryIt {
    /// The button text.
    pub label: String,
    /// One sentence on what to look for once the page opens.
    pub look_for: String,
    pub target: TryTarget,
}

/// Where a Try it goes and how it sets the page up.
#[derive(Clone, Debug, PartialEq)]
pub enum TryTarget {
    Playground(PlaygroundSetup),
    ColdStarts(Experiment),
    Cost(CostPreset),
    /// The Event sources page: the Playground opens `handler`, then `source` starts with its
    /// settings.
    EventSources {
        handler: PlaygroundSetup,
        source: SourceSetup,
    },
}

/// An event source and the settings a Try it starts it with (unset keys take the page's
/// defaults).
#[derive(Clone, Debug, PartialEq)]
pub enum SourceSetup {
    Http(HttpSettings),
    Queue(QueueSettings),
    Bucket(BucketSettings),
    Schedule(ScheduleSettings),
}

/// A Cost page preset: the workload the calculator starts from (unset fields keep theirs).
#[derive(Clone, Debug, PartialEq)]
pub struct CostPreset {
    pub requests: Option<u64>,
    pub duration_ms: Option<f64>,
    pub memory_mb: Option<u32>,
    pub architecture: Option<Architecture>,
}

/// A Playground experiment: which sample handler and event, the settings, how to invoke.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundSetup {
    /// A sample handler's name (assets/handlers/index.toml).
    pub handler: String,
    /// A sample event id (sample-events/index.toml); `None` means the handler's own event.
    pub event: Option<String>,
    pub repeat: u32,
    pub concurrency: u32,
    pub memory_mb: Option<u32>,
    pub timeout_secs: Option<u32>,
    pub invocation_type: InvocationType,
    /// Shipped layers (folders of assets/layers/) to attach, in order; `None` keeps the
    /// handler's own (its suggested ones, or what the learner attached).
    pub layers: Option<Vec<String>>,
    /// The runtime to pick (`embedded`, `embedded:nodejs22.x`, `nodejs24.x`, `python3.13`…);
    /// `None` keeps the learner's pick.
    pub runtime: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    label: String,
    page: String,
    look_for: String,
    handler: Option<String>,
    event: Option<String>,
    repeat: Option<u32>,
    concurrency: Option<u32>,
    memory_mb: Option<u32>,
    timeout_secs: Option<u32>,
    invocation_type: Option<String>,
    layers: Option<Vec<String>>,
    runtime: Option<String>,
    experiment: Option<String>,
    requests: Option<u64>,
    duration_ms: Option<f64>,
    architecture: Option<String>,
    source: Option<String>,
    settings: Option<toml::Table>,
}

/// A runtime a Try it may pick: the engine (as one of the Node.js runtimes it behaves like) or
/// a runtime process.
pub(super) fn known_runtime(runtime: &str) -> bool {
    runtime == "embedded"
        || runtime
            .strip_prefix("embedded:")
            .is_some_and(|engine| EMBEDDED_ENGINE_RUNTIMES.contains(&engine))
        || PROCESS_RUNTIMES.contains(&runtime)
}

/// Parses one block, saying in one line what is wrong when it cannot be used.
pub fn parse_tryit(body: &str) -> Result<TryIt, String> {
    let raw: Raw = toml::from_str(body).map_err(|e| one_line(&e.to_string()))?;
    if raw.label.trim().is_empty() || raw.look_for.trim().is_empty() {
        return Err("label and look_for must not be empty".to_owned());
    }
    let target = match raw.page.as_str() {
        "playground" => {
            if raw.experiment.is_some() {
                return Err("`experiment` belongs to page = \"cold-starts\"".to_owned());
            }
            if let Some((key, _)) = [
                ("requests", raw.requests.is_some()),
                ("duration_ms", raw.duration_ms.is_some()),
                ("architecture", raw.architecture.is_some()),
            ]
            .iter()
            .find(|(_, set)| *set)
            {
                return Err(format!("`{key}` belongs to page = \"cost\""));
            }
            let handler = raw
                .handler
                .ok_or("page = \"playground\" needs `handler` (a sample handler's name)")?;
            let in_range = |name: &str, value: Option<u32>, low: u32, high: u32| match value {
                Some(v) if !(low..=high).contains(&v) => {
                    Err(format!("{name} = {v} is outside {low}–{high}"))
                }
                _ => Ok(()),
            };
            in_range("repeat", raw.repeat, 1, MAX_REPEAT)?;
            in_range("concurrency", raw.concurrency, 1, MAX_CONCURRENCY)?;
            in_range("memory_mb", raw.memory_mb, MIN_MEMORY_MB, MAX_MEMORY_MB)?;
            in_range(
                "timeout_secs",
                raw.timeout_secs,
                MIN_TIMEOUT_SECS,
                MAX_TIMEOUT_SECS,
            )?;
            let invocation_type = match raw.invocation_type.as_deref() {
                None => InvocationType::RequestResponse,
                Some(name) => InvocationType::ALL
                    .into_iter()
                    .find(|t| t.api_name() == name)
                    .ok_or_else(|| {
                        format!(
                            "invocation_type \"{name}\" is not RequestResponse, Event or DryRun"
                        )
                    })?,
            };
            TryTarget::Playground(PlaygroundSetup {
                handler,
                event: raw.event,
                repeat: raw.repeat.unwrap_or(1),
                concurrency: raw.concurrency.unwrap_or(1),
                memory_mb: raw.memory_mb,
                timeout_secs: raw.timeout_secs,
                invocation_type,
                layers: raw.layers,
                runtime: match raw.runtime {
                    Some(runtime) if !known_runtime(&runtime) => {
                        return Err(format!(
                            "runtime \"{runtime}\" is not embedded, embedded:nodejs22.x or one of {}",
                            PROCESS_RUNTIMES.join(", ")
                        ));
                    }
                    other => other,
                },
            })
        }
        "cold-starts" => {
            let playground_only = [
                ("handler", raw.handler.is_some()),
                ("event", raw.event.is_some()),
                ("repeat", raw.repeat.is_some()),
                ("concurrency", raw.concurrency.is_some()),
                ("memory_mb", raw.memory_mb.is_some()),
                ("timeout_secs", raw.timeout_secs.is_some()),
                ("invocation_type", raw.invocation_type.is_some()),
                ("layers", raw.layers.is_some()),
                ("runtime", raw.runtime.is_some()),
                ("requests", raw.requests.is_some()),
                ("duration_ms", raw.duration_ms.is_some()),
                ("architecture", raw.architecture.is_some()),
            ];
            if let Some((key, _)) = playground_only.iter().find(|(_, set)| *set) {
                return Err(format!("`{key}` belongs to page = \"playground\""));
            }
            let id = raw
                .experiment
                .ok_or("page = \"cold-starts\" needs `experiment`")?;
            let experiment = Experiment::from_id(&id).ok_or_else(|| {
                let known: Vec<&str> = Experiment::ALL.iter().map(|e| e.id()).collect();
                format!("experiment \"{id}\" is not one of {}", known.join(", "))
            })?;
            TryTarget::ColdStarts(experiment)
        }
        "cost" => {
            let foreign = [
                ("handler", raw.handler.is_some()),
                ("event", raw.event.is_some()),
                ("repeat", raw.repeat.is_some()),
                ("concurrency", raw.concurrency.is_some()),
                ("timeout_secs", raw.timeout_secs.is_some()),
                ("invocation_type", raw.invocation_type.is_some()),
                ("layers", raw.layers.is_some()),
                ("runtime", raw.runtime.is_some()),
                ("experiment", raw.experiment.is_some()),
            ];
            if let Some((key, _)) = foreign.iter().find(|(_, set)| *set) {
                return Err(format!("`{key}` does not belong to page = \"cost\""));
            }
            if let Some(memory) = raw.memory_mb
                && !(MIN_MEMORY_MB..=MAX_MEMORY_MB).contains(&memory)
            {
                return Err(format!(
                    "memory_mb = {memory} is outside {MIN_MEMORY_MB}–{MAX_MEMORY_MB}"
                ));
            }
            if let Some(duration) = raw.duration_ms
                && !(0.0..=MAX_FUNCTION_DURATION_MS).contains(&duration)
            {
                return Err(format!(
                    "duration_ms = {duration} is outside 0–{MAX_FUNCTION_DURATION_MS}"
                ));
            }
            let architecture = match raw.architecture.as_deref() {
                None => None,
                Some("x86_64") => Some(Architecture::X86_64),
                Some("arm64") => Some(Architecture::Arm64),
                Some(other) => {
                    return Err(format!("architecture \"{other}\" is not x86_64 or arm64"));
                }
            };
            TryTarget::Cost(CostPreset {
                requests: raw.requests,
                duration_ms: raw.duration_ms,
                memory_mb: raw.memory_mb,
                architecture,
            })
        }
        "event-sources" => {
            let foreign = [
                ("event", raw.event.is_some()),
                ("repeat", raw.repeat.is_some()),
                ("concurrency", raw.concurrency.is_some()),
                ("invocation_type", raw.invocation_type.is_some()),
                ("experiment", raw.experiment.is_some()),
                ("requests", raw.requests.is_some()),
                ("duration_ms", raw.duration_ms.is_some()),
                ("architecture", raw.architecture.is_some()),
            ];
            if let Some((key, _)) = foreign.iter().find(|(_, set)| *set) {
                return Err(format!(
                    "`{key}` does not belong to page = \"event-sources\""
                ));
            }
            let handler = raw
                .handler
                .ok_or("page = \"event-sources\" needs `handler` (a sample handler's name)")?;
            let table = raw.settings.unwrap_or_default();
            let source = match raw.source.as_deref() {
                Some("http") => SourceSetup::Http(source_settings(table, "http")?),
                Some("queue") => SourceSetup::Queue(source_settings(table, "queue")?),
                Some("bucket") => SourceSetup::Bucket(source_settings(table, "bucket")?),
                Some("schedule") => SourceSetup::Schedule(source_settings(table, "schedule")?),
                Some(other) => {
                    return Err(format!(
                        "source \"{other}\" is not \"http\", \"queue\", \"bucket\" or \"schedule\""
                    ));
                }
                None => return Err("page = \"event-sources\" needs `source`".to_owned()),
            };
            TryTarget::EventSources {
                handler: PlaygroundSetup {
                    handler,
                    event: None,
                    repeat: 1,
                    concurrency: 1,
                    memory_mb: raw.memory_mb,
                    timeout_secs: raw.timeout_secs,
                    invocation_type: InvocationType::RequestResponse,
                    layers: raw.layers,
                    runtime: raw.runtime,
                },
                source,
            }
        }
        other => {
            return Err(format!(
                "page \"{other}\" is not \"playground\", \"cold-starts\", \"cost\" or \"event-sources\""
            ));
        }
    };
    Ok(TryIt {
        label: raw.label,
        look_for: raw.look_for,
        target,
    })
}

/// A Try it's `[settings]` table as the settings of source `what`, naming a wrong key.
fn source_settings<T: serde::de::DeserializeOwned>(
    table: toml::Table,
    what: &str,
) -> Result<T, String> {
    table.try_into().map_err(|error: toml::de::Error| {
        format!(
            "settings for source = \"{what}\": {}",
            one_line(&error.to_string())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_playground_block_parses_with_defaults() {
        let tryit = parse_tryit(
            "label = \"Invoke the counter three times\"\npage = \"playground\"\n\
             handler = \"counter\"\nrepeat = 3\nlook_for = \"1, 2, 3\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let TryTarget::Playground(setup) = tryit.target else {
            panic!("playground expected")
        };
        assert_eq!(setup.handler, "counter");
        assert_eq!((setup.repeat, setup.concurrency), (3, 1));
        assert_eq!(setup.invocation_type, InvocationType::RequestResponse);
    }

    #[test]
    fn mistakes_are_named() {
        let err = |body: &str| parse_tryit(body).err().unwrap_or_default();
        let base = "label = \"x\"\nlook_for = \"y\"\n";
        assert!(err(&format!("{base}page = \"costs\"")).contains("page \"costs\""));
        assert!(
            err(&format!("{base}page = \"cost\"\narchitecture = \"sparc\""))
                .contains("not x86_64 or arm64")
        );
        assert!(err(&format!("{base}page = \"playground\"")).contains("needs `handler`"));
        assert!(
            err(&format!(
                "{base}page = \"playground\"\nhandler = \"a\"\nmemory_mb = 64"
            ))
            .contains("memory_mb = 64 is outside 128–10240")
        );
        assert!(
            err(&format!(
                "{base}page = \"cold-starts\"\nexperiment = \"nope\""
            ))
            .contains("is not one of quiet-hour")
        );
        assert!(
            err(&format!(
                "{base}page = \"cold-starts\"\nexperiment = \"burst-500\"\nhandler = \"a\""
            ))
            .contains("`handler` belongs to page = \"playground\"")
        );
        assert!(
            err(&format!(
                "{base}page = \"playground\"\nhandler = \"a\"\ncolour = 1"
            ))
            .contains("colour")
        );
    }
}

#[cfg(test)]
mod event_source_tests {
    use super::*;

    #[test]
    fn an_event_sources_block_takes_the_sources_settings_and_names_unknown_ones() {
        let tryit = parse_tryit(
            "label = \"A poison message\"\npage = \"event-sources\"\nhandler = \"sqs-batch\"\n\
             source = \"queue\"\nlook_for = \"DLQ\"\n[settings]\nmax_receive_count = 3\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let TryTarget::EventSources { handler, source } = tryit.target else {
            panic!("event sources expected")
        };
        assert_eq!(handler.handler, "sqs-batch");
        let SourceSetup::Queue(queue) = source else {
            panic!("a queue expected")
        };
        assert_eq!(queue.max_receive_count, 3);
        assert_eq!(queue.batch_size, QueueSettings::default().batch_size);
        let err = parse_tryit(
            "label = \"x\"\npage = \"event-sources\"\nhandler = \"a\"\nsource = \"queue\"\n\
             look_for = \"y\"\n[settings]\nbatch = 3\n",
        )
        .err()
        .unwrap_or_default();
        assert!(err.contains("unknown field `batch`"), "{err}");
        let err = parse_tryit(
            "label = \"x\"\npage = \"event-sources\"\nhandler = \"a\"\nsource = \"kafka\"\nlook_for = \"y\"\n",
        )
        .err()
        .unwrap_or_default();
        assert!(err.contains("source \"kafka\""), "{err}");
    }
}
