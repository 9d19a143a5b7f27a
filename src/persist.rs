//! Reads and writes the state file: atomically (temp file, then rename), and a file that
//! cannot be read is set aside under a new name so the user's data is never overwritten.

use std::path::{Path, PathBuf};

use crate::state::State;

/// Overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "LAMBDA_LAB_DATA_DIR";

/// The state file's name inside the data folder.
pub const STATE_FILE: &str = "state.json";

#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("cannot create the data folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot encode the settings: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The result of loading: the state to use, and a message for the status bar when the
/// saved file could not be used.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    pub notice: Option<String>,
}

/// The user's data folder: `LAMBDA_LAB_DATA_DIR`, else the platform's data folder.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return PathBuf::from(dir);
    }
    eframe::storage_dir("lambda-lab").unwrap_or_else(|| PathBuf::from(".lambda-lab"))
}

/// Where the state lives.
#[derive(Clone, Debug)]
pub struct StateStore {
    path: PathBuf,
}

impl StateStore {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(STATE_FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads the state; a missing file gives defaults, an unreadable one is renamed aside.
    pub fn load(&self) -> Loaded {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Loaded {
                    state: State::default(),
                    notice: None,
                };
            }
            Err(error) => {
                return Loaded {
                    state: State::default(),
                    notice: Some(format!(
                        "Could not read your saved settings ({}: {error}); using defaults. \
                         Check the file's permissions.",
                        self.path.display()
                    )),
                };
            }
        };
        match serde_json::from_slice::<State>(&bytes) {
            Ok(state) => Loaded {
                state,
                notice: None,
            },
            Err(error) => Loaded {
                state: State::default(),
                notice: Some(self.set_aside(&error)),
            },
        }
    }

    fn set_aside(&self, error: &serde_json::Error) -> String {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or_default();
        let aside = self.path.with_extension(format!("json.corrupt-{stamp}"));
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => format!(
                "Your saved settings were damaged ({error}); they were moved to {} and defaults \
                 are used.",
                aside.display()
            ),
            Err(rename_error) => format!(
                "Your saved settings in {} are damaged ({error}) and could not be moved aside \
                 ({rename_error}); defaults are used for this session and the file is left \
                 untouched.",
                self.path.display()
            ),
        }
    }

    /// Writes the state atomically: a crash mid-write leaves the old file intact.
    pub fn save(&self, state: &State) -> Result<(), PersistError> {
        let json = serde_json::to_vec_pretty(state)?;
        write_atomically(&self.path, &json)
    }
}

/// Writes `bytes` to a temp file beside `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), PersistError> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| PersistError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let temp = path.with_extension("tmp");
    let write_error = |source| PersistError::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::write(&temp, bytes).map_err(write_error)?;
    std::fs::rename(&temp, path).map_err(write_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Progress, ThemeChoice};

    #[test]
    fn saves_and_loads_round_trip() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::in_dir(&dir.path().join("nested"));
        let mut state = State {
            lesson_id: Some("what-is-serverless".into()),
            theme: ThemeChoice::Dark,
            zoom: 1.25,
            ..State::default()
        };
        state.record_progress("what-is-serverless", Progress::Read);
        state
            .lesson_scroll
            .insert("what-is-serverless".into(), 420.0);
        store.save(&state).expect("saves");
        let loaded = store.load();
        assert_eq!(loaded.state, state);
        assert!(loaded.notice.is_none());
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::in_dir(dir.path());
        std::fs::write(store.path(), b"{ this is not json").expect("write");
        let loaded = store.load();
        assert_eq!(loaded.state, State::default());
        let notice = loaded.notice.expect("the user is told");
        assert!(notice.contains("moved to"), "{notice}");
        assert!(!store.path().exists(), "the damaged file was renamed");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().contains("corrupt"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).expect("read"),
            b"{ this is not json",
            "the user's bytes are kept"
        );
    }
}
