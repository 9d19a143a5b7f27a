//! The sample handlers shipped in `assets/handlers/`, as listed by their `index.toml`:
//! what each teaches, its matching event and the settings its lesson depends on.

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub const INDEX_FILE: &str = "index.toml";
pub const SUPPORTED_FORMAT_VERSION: u32 = 1;

/// One `[[handler]]` entry.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SampleHandler {
    /// Stable name, also the file stem: `counter` is `counter.mjs`.
    pub name: String,
    pub file: String,
    pub title: String,
    pub teaches: String,
    /// Its matching event, a path under sample-events/ (`s3/put.json`).
    pub event: String,
    /// Suggested settings where the lesson depends on them; otherwise Lambda's defaults.
    pub timeout_secs: Option<u32>,
    pub memory_mb: Option<u32>,
}

impl SampleHandler {
    /// The id of its event in sample-events/index.toml (`s3/put`).
    pub fn event_id(&self) -> &str {
        self.event.strip_suffix(".json").unwrap_or(&self.event)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    format_version: u32,
    #[serde(default)]
    handler: Vec<SampleHandler>,
}

/// The loaded index and the folder the handler files live in.
#[derive(Clone, Debug)]
pub struct SampleHandlers {
    pub dir: PathBuf,
    pub handlers: Vec<SampleHandler>,
}

impl SampleHandlers {
    pub fn get(&self, name: &str) -> Option<&SampleHandler> {
        self.handlers.iter().find(|h| h.name == name)
    }

    pub fn path_of(&self, handler: &SampleHandler) -> PathBuf {
        self.dir.join(&handler.file)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HandlersError {
    #[error("cannot read {path}: {source}. Fix: make sure the assets/handlers folder is complete")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid handler index: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Loads `index.toml` from `dir`.
pub fn load(dir: &Path) -> Result<SampleHandlers, HandlersError> {
    let path = dir.join(INDEX_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| HandlersError::Unreadable {
        path: path.clone(),
        source,
    })?;
    let index: Index = toml::from_str(&text).map_err(|error| HandlersError::Invalid {
        path: path.clone(),
        message: error.to_string(),
    })?;
    if index.format_version != SUPPORTED_FORMAT_VERSION {
        return Err(HandlersError::Invalid {
            path,
            message: format!(
                "format_version {} is not supported (this app reads {SUPPORTED_FORMAT_VERSION})",
                index.format_version
            ),
        });
    }
    Ok(SampleHandlers {
        dir: dir.to_path_buf(),
        handlers: index.handler,
    })
}
