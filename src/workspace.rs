//! The learner's own files in the data folder: edited copies of sample handlers and new
//! handlers (`handlers/<name>.mjs` or `handlers/<name>.py`), and the event text of each handler (`events/<name>.json`,
//! kept out of the state file so a 6 MB event is not rewritten with every other setting).
//! Shipped samples are never written. Everything here touches the disk, so the app runs it on
//! the file thread ([`crate::jobs::files`]), never in a frame.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::events::SampleEvents;
use crate::content::handlers::SampleHandlers;
use crate::persist::write_atomically;

/// Where edited copies of sample handlers and new handlers live, inside the data folder.
pub const WORKSPACE_DIR: &str = "handlers";

/// Where the event text of each handler is kept between runs, inside the data folder.
pub const EVENTS_DIR: &str = "events";

/// Event files above this size are not opened: Lambda accepts at most 6 MB.
pub const MAX_EVENT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The template "New handler…" starts from: runs unchanged on nodejs22.x.
pub const NEW_HANDLER_TEMPLATE: &str = r#"// My handler: runs unchanged on AWS Lambda (nodejs22.x, ES module).
//
// Code up here runs once per execution environment, at a cold start (INIT).
// Use it for work every invoke can share: configuration, clients, lookup tables.
const startedAt = new Date().toISOString();

// `event` is the JSON the caller sent; `context` says which request this is and how much
// time is left (context.getRemainingTimeInMillis()).
export const handler = async (event, context) => {
  console.log(`request ${context.awsRequestId} in an environment started at ${startedAt}`);
  console.log("event:", event);

  // Whatever you return is the response (it must turn into JSON).
  return { ok: true, received: event };
};
"#;

/// The template "New handler…" starts from in Python: runs unchanged on python3.13.
pub const NEW_PYTHON_HANDLER_TEMPLATE: &str =
    include_str!("../assets/handlers/templates/new_handler.py");

/// The name Lambda gives a custom runtime's executable.
pub const BOOTSTRAP: &str = "bootstrap";

/// The language of a handler file, told by its name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    JavaScript,
    Python,
    /// A custom runtime's `bootstrap` (here a shell script): the file is
    /// `<handler>/bootstrap`, and its folder is the task root.
    Bootstrap,
}

impl Language {
    pub const ALL: [Self; 3] = [Self::JavaScript, Self::Python, Self::Bootstrap];

    /// The languages "New handler…" offers (a bootstrap starts from the sample).
    pub const TEMPLATES: [Self; 2] = [Self::JavaScript, Self::Python];

    /// A file called `bootstrap` is a custom runtime, `.py` is Python; anything else is
    /// JavaScript (`.mjs`, `.js`, `.cjs`).
    pub fn of_path(path: &Path) -> Self {
        if path.file_name().is_some_and(|name| name == BOOTSTRAP) {
            return Self::Bootstrap;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("py") => Self::Python,
            _ => Self::JavaScript,
        }
    }

    /// The learner's file for `handler` in this language, inside the handlers folder.
    fn file_name(self, handler: &str) -> String {
        match self {
            Self::JavaScript => format!("{handler}.mjs"),
            Self::Python => format!("{handler}.py"),
            Self::Bootstrap => format!("{handler}/{BOOTSTRAP}"),
        }
    }

    /// The name the code editor's highlighter knows the language by.
    pub fn highlight(self) -> &'static str {
        match self {
            Self::JavaScript => "js",
            Self::Python => "py",
            Self::Bootstrap => "sh",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::JavaScript => "JavaScript",
            Self::Python => "Python",
            Self::Bootstrap => "custom runtime",
        }
    }

    /// The exported function a handler of this language names by default, as the Lambda
    /// console's templates do.
    pub fn default_function(self) -> &'static str {
        match self {
            Self::JavaScript => "handler",
            Self::Python => "lambda_handler",
            // A custom runtime reads _HANDLER as it likes; the console's default is this.
            Self::Bootstrap => "handler",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Self::JavaScript | Self::Bootstrap => NEW_HANDLER_TEMPLATE,
            Self::Python => NEW_PYTHON_HANDLER_TEMPLATE,
        }
    }
}

/// Which handler files the learner has: their own handlers, and the samples they edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkspaceFiles {
    /// Handlers the learner created (not copies of samples), sorted.
    pub own: Vec<String>,
    /// Handlers with a file in the workspace (own ones and edited samples), and its language.
    pub copies: BTreeMap<String, Language>,
    /// Folders in the workspace that are not custom runtimes: candidates for layers, sorted.
    pub folders: Vec<String>,
}

/// A handler's code and event as the Playground opens them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlerFiles {
    pub handler: String,
    /// The learner's copy if there is one, else the shipped sample; empty when neither exists.
    pub code: String,
    /// The event text kept from the last run, else the sample event, else `{}`.
    pub event_text: String,
    /// The file `code` came from, if any.
    pub code_path: Option<PathBuf>,
}

/// The data folder's handler and event files.
#[derive(Clone, Debug)]
pub struct Workspace {
    handlers_dir: PathBuf,
    events_dir: PathBuf,
    exports_dir: PathBuf,
    bucket_dir: PathBuf,
}

impl Workspace {
    pub fn in_dir(data_dir: &Path) -> Self {
        Self {
            handlers_dir: data_dir.join(WORKSPACE_DIR),
            events_dir: data_dir.join(EVENTS_DIR),
            exports_dir: data_dir.join("exports"),
            bucket_dir: data_dir.join("bucket"),
        }
    }

    /// The folder the Event sources page watches as an S3 bucket unless told another.
    pub fn bucket_dir(&self) -> &Path {
        &self.bucket_dir
    }

    /// Where files go when no save dialog can open on this machine.
    pub fn exports_dir(&self) -> &Path {
        &self.exports_dir
    }

    /// The folder of handler files ("Open workspace folder").
    pub fn handlers_dir(&self) -> &Path {
        &self.handlers_dir
    }

    /// Where the learner's copy of `handler` in `language` is (whether or not it exists).
    pub fn copy_path(&self, handler: &str, language: Language) -> PathBuf {
        self.handlers_dir.join(language.file_name(handler))
    }

    /// The learner's copy of `handler` in whichever language it exists (reads the disk).
    pub fn existing_copy(&self, handler: &str) -> Option<PathBuf> {
        Language::ALL
            .iter()
            .map(|language| self.copy_path(handler, *language))
            .find(|path| path.is_file())
    }

    /// Where the event text of `handler` is kept between runs.
    pub fn event_path(&self, handler: &str) -> PathBuf {
        self.events_dir.join(format!("{handler}.json"))
    }

    /// The file the function runs: the learner's copy when `files` lists one, else the sample.
    pub fn code_path(
        &self,
        handler: &str,
        files: &WorkspaceFiles,
        samples: &SampleHandlers,
    ) -> Option<PathBuf> {
        if let Some(language) = files.copies.get(handler) {
            Some(self.copy_path(handler, *language))
        } else {
            samples.get(handler).map(|h| samples.path_of(h))
        }
    }

    /// Lists the handler files in the workspace.
    pub fn scan(&self, samples: &SampleHandlers) -> WorkspaceFiles {
        let copies: BTreeMap<String, Language> = std::fs::read_dir(&self.handlers_dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|entry| {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        if entry.path().join(BOOTSTRAP).is_file() {
                            return Some((name, Language::Bootstrap));
                        }
                        if !entry.path().is_file() {
                            return None;
                        }
                        [Language::JavaScript, Language::Python]
                            .into_iter()
                            .find_map(|language| {
                                let stem = name.strip_suffix(language.file_name("").as_str())?;
                                Some((stem.to_owned(), language))
                            })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let own = copies
            .keys()
            .filter(|name| samples.get(name).is_none())
            .cloned()
            .collect();
        let mut folders: Vec<String> = std::fs::read_dir(&self.handlers_dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|entry| {
                        entry.path().is_dir() && !entry.path().join(BOOTSTRAP).is_file()
                    })
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| !name.starts_with('.') && name != "__pycache__")
                    .collect()
            })
            .unwrap_or_default();
        folders.sort();
        WorkspaceFiles {
            own,
            copies,
            folders,
        }
    }

    /// Reads `handler`'s code and event: the learner's files where they exist, else the
    /// samples (`sample_event`, an id in `events`).
    pub fn open(
        &self,
        handler: &str,
        samples: &SampleHandlers,
        events: Option<&SampleEvents>,
        sample_event: Option<&str>,
    ) -> HandlerFiles {
        let code_path = self
            .existing_copy(handler)
            .or_else(|| samples.get(handler).map(|h| samples.path_of(h)));
        let code = code_path
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        let event_text = std::fs::read_to_string(self.event_path(handler))
            .ok()
            .or_else(|| sample_event_text(events?, sample_event?))
            .unwrap_or_else(|| "{}".to_owned());
        HandlerFiles {
            handler: handler.to_owned(),
            code,
            event_text,
            code_path,
        }
    }

    /// Writes the learner's copy of a handler (never the shipped sample).
    pub fn save_code(&self, handler: &str, code: &str, language: Language) -> Result<(), String> {
        let path = self.copy_path(handler, language);
        let folder = path.parent().unwrap_or(&self.handlers_dir).to_path_buf();
        write_creating(&folder, &path, code.as_bytes())
            .and_then(|()| {
                if language == Language::Bootstrap {
                    make_executable(&path)
                } else {
                    Ok(())
                }
            })
            .map_err(|error| {
                format!(
                    "Could not save your copy to {}: {error}. Your edit is kept in memory.",
                    path.display()
                )
            })
    }

    /// Writes the event text of a handler.
    pub fn save_event(&self, handler: &str, text: &str) -> Result<(), String> {
        let path = self.event_path(handler);
        write_creating(&self.events_dir, &path, text.as_bytes()).map_err(|error| {
            format!(
                "Could not save the event to {}: {error}. It is kept in memory.",
                path.display()
            )
        })
    }

    /// Writes a new handler from the template of `language`.
    pub fn create(&self, name: &str, language: Language) -> Result<(), String> {
        let path = self.copy_path(name, language);
        write_creating(&self.handlers_dir, &path, language.template().as_bytes())
            .map_err(|error| format!("Could not create {}: {error}", path.display()))
    }

    /// Forgets the learner's copy of a sample handler.
    pub fn reset(&self, handler: &str) -> Result<(), String> {
        for language in Language::ALL {
            match std::fs::remove_file(self.copy_path(handler, language)) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(format!("Could not remove your copy of {handler}: {error}"));
                }
            }
        }
        // A bootstrap's folder goes too, when nothing else was put in it.
        let _ = std::fs::remove_dir(self.handlers_dir.join(handler));
        Ok(())
    }

    /// Takes the event text kept for `handler` away (a Try it starts from the sample): returns
    /// it when it differs from `sample`, so it can be kept as a saved event.
    pub fn take_edited_event(&self, handler: &str, sample: Option<&str>) -> Option<String> {
        let path = self.event_path(handler);
        let text = std::fs::read_to_string(&path).ok()?;
        let _ = std::fs::remove_file(&path);
        (sample != Some(text.as_str())).then_some(text)
    }

    /// Makes the handlers folder exist, so it can be opened.
    /// Removes everything the learner made: their handler copies and own handlers, and the
    /// event texts kept per handler ("Start over for the next student").
    pub fn clear_learner_files(&self) -> Result<(), String> {
        for dir in [&self.handlers_dir, &self.events_dir] {
            match std::fs::remove_dir_all(dir) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(format!("Could not remove {}: {error}", dir.display())),
            }
        }
        Ok(())
    }

    pub fn ensure_handlers_dir(&self) -> Result<(), String> {
        std::fs::create_dir_all(&self.handlers_dir)
            .map_err(|error| format!("Could not create {}: {error}", self.handlers_dir.display()))
    }
}

/// Lets a custom runtime's bootstrap be started, as Lambda needs (mode 755).
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| e.to_string())
}

/// Writes `bytes` to `path` atomically, making its folder `dir` first if needed.
fn write_creating(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    write_atomically(path, bytes).map_err(|e| e.to_string())
}

/// The sample event `id`, pretty-printed as the editor shows it.
pub fn sample_event_text(events: &SampleEvents, id: &str) -> Option<String> {
    let event = events.get(id)?;
    let value = events.read(event).ok()?;
    serde_json::to_string_pretty(&value).ok()
}

/// Reads an event file the learner chose (Import, Recent, a drop on the window), refusing one
/// larger than any event Lambda accepts.
pub fn read_event_file(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path)
        .map_err(|error| format!("Could not open {}: {error}", path.display()))?;
    if meta.len() > MAX_EVENT_FILE_BYTES {
        return Err(format!(
            "{} is {}: larger than any event Lambda accepts (6 MB), so it was not opened.",
            path.display(),
            crate::model::format::bytes(meta.len() as usize)
        ));
    }
    std::fs::read_to_string(path)
        .map_err(|error| format!("Could not open {}: {error}", path.display()))
}
