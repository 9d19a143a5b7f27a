//! The sample handlers shipped in `assets/handlers/`, as listed by their `index.toml`:
//! what each teaches, its matching event and the settings its lesson depends on.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::manifest::{self, Manifest, ManifestError};

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
    /// Shipped layers (folders of assets/layers/) the handler needs, attached in this order.
    #[serde(default)]
    pub layers: Vec<String>,
    /// The folder its file is in when it comes from a lesson pack's `handlers/` (None: the
    /// shipped samples' folder).
    #[serde(skip)]
    pub root: Option<PathBuf>,
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

impl Manifest for Index {
    fn format_version(&self) -> u32 {
        self.format_version
    }
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
        handler
            .root
            .as_ref()
            .unwrap_or(&self.dir)
            .join(&handler.file)
    }

    /// Adds a lesson pack's own handlers and exercise starters (`PACK/handlers/index.toml` and
    /// `PACK/starter/index.toml`, the same format); one with a shipped sample's name replaces
    /// it. A pack without the folders adds nothing.
    pub fn add_pack(&mut self, pack_dir: &Path) -> Result<(), ManifestError> {
        for folder in PACK_HANDLER_FOLDERS {
            let dir = pack_dir.join(folder);
            if !dir.join("index.toml").is_file() {
                continue;
            }
            let index: Index = manifest::read(&dir, "lesson pack's handler index")?;
            for mut handler in index.handler {
                handler.root = Some(dir.clone());
                self.handlers.retain(|shipped| shipped.name != handler.name);
                self.handlers.push(handler);
            }
        }
        Ok(())
    }
}

/// The folders of a lesson pack that hold handlers: its own samples, and exercise starters.
pub const PACK_HANDLER_FOLDERS: [&str; 2] = ["handlers", "starter"];

/// Loads `index.toml` from `dir`.
pub fn load(dir: &Path) -> Result<SampleHandlers, ManifestError> {
    let index: Index = manifest::read(dir, "sample handler index")?;
    Ok(SampleHandlers {
        dir: dir.to_path_buf(),
        handlers: index.handler,
    })
}
