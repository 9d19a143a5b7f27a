//! The one loader of the content manifests: every content folder (a lesson pack, the sample
//! events, the sample handlers, and later course packs) lists its files in an `index.toml`
//! with a `format_version`. Reading it, parsing it and checking the version is done here,
//! with one error type that names the file and what to do.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// The manifest's file name in every content folder.
pub const INDEX_FILE: &str = "index.toml";

/// The manifest format this build reads, the same for every kind of folder.
pub const SUPPORTED_FORMAT_VERSION: u32 = 1;

/// A manifest's parsed contents: anything with a `format_version`.
pub trait Manifest: DeserializeOwned {
    fn format_version(&self) -> u32;
}

/// Why a manifest could not be read. `what` names the kind ("lesson index", "sample event
/// index"), so the message says which folder is broken.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{path}: cannot read the {what} ({source})")]
    Unreadable {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the {what} is not valid TOML: {message}")]
    Invalid {
        path: PathBuf,
        what: &'static str,
        message: String,
    },
    #[error(
        "{path}: format_version {found} is not supported (this build reads version {SUPPORTED_FORMAT_VERSION})"
    )]
    UnsupportedVersion { path: PathBuf, found: u32 },
}

impl ManifestError {
    /// The manifest file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Unreadable { path, .. }
            | Self::Invalid { path, .. }
            | Self::UnsupportedVersion { path, .. } => path,
        }
    }
}

/// Reads `dir/index.toml` as a `T` (a `what`, for messages) and checks its format version.
pub fn read<T: Manifest>(dir: &Path, what: &'static str) -> Result<T, ManifestError> {
    let path = dir.join(INDEX_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| ManifestError::Unreadable {
        path: path.clone(),
        what,
        source,
    })?;
    let manifest: T = toml::from_str(&text).map_err(|error| ManifestError::Invalid {
        path: path.clone(),
        what,
        // TOML's messages span lines; one line reads better in a list of problems.
        message: error.to_string().trim().replace('\n', " "),
    })?;
    let found = manifest.format_version();
    if found != SUPPORTED_FORMAT_VERSION {
        return Err(ManifestError::UnsupportedVersion { path, found });
    }
    Ok(manifest)
}
