//! Which program starts a runtime process: the python3 or node found on this machine (or
//! the one the learner named) running the bootstrap shipped with the app, or the function's
//! own `bootstrap` for `provided.al2023`. Also what the app tells the learner about it
//! ("python 3.11 on this machine; Lambda would run python3.13").

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use thiserror::Error;

/// The language family of a Lambda runtime identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Python,
    Node,
    /// `provided.al2023` / `provided.al2`: the function brings its own `bootstrap`.
    Provided,
}

impl Family {
    /// `python3.13` → Python, `nodejs24.x` → Node, `provided.al2023` → Provided.
    pub fn of_runtime(runtime: &str) -> Option<Self> {
        if runtime.starts_with("python3") {
            Some(Self::Python)
        } else if runtime.starts_with("nodejs") {
            Some(Self::Node)
        } else if runtime.starts_with("provided") {
            Some(Self::Provided)
        } else {
            None
        }
    }

    /// The command looked up on PATH when the learner names none.
    fn default_command(self) -> Option<&'static str> {
        match self {
            Self::Python => Some("python3"),
            Self::Node => Some("node"),
            Self::Provided => None,
        }
    }

    /// Environment variable that names another interpreter.
    pub fn override_variable(self) -> Option<&'static str> {
        match self {
            Self::Python => Some("LAMBDA_LAB_PYTHON"),
            Self::Node => Some("LAMBDA_LAB_NODE"),
            Self::Provided => None,
        }
    }

    pub fn language(self) -> &'static str {
        match self {
            Self::Python => "python",
            Self::Node => "node",
            Self::Provided => "custom runtime",
        }
    }
}

/// An interpreter found on this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    /// The real executable (a pyenv or nvm shim resolved), so it runs in a clean environment.
    pub executable: PathBuf,
    /// `3.11.7`, `20.20.2`.
    pub version: String,
}

#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum LaunchError {
    #[error(
        "{language} was not found on this machine ({tried}). Install it, or name one with --interpreter or {variable}; the embedded engine needs nothing installed."
    )]
    NotFound {
        language: &'static str,
        tried: String,
        variable: &'static str,
    },
    #[error(
        "`{runtime}` is not a runtime Lambda Lab can start as a process (python3.x, nodejs*, provided.*)"
    )]
    UnknownRuntime { runtime: String },
}

/// Finds (once per program) the interpreter for `family`: `explicit`, else the family's
/// variable, else the command on PATH.
pub fn find_interpreter(
    family: Family,
    explicit: Option<&Path>,
) -> Result<Interpreter, LaunchError> {
    let variable = family.override_variable().unwrap_or("");
    let from_variable = std::env::var_os(variable)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    let Some(command) = explicit
        .map(Path::to_path_buf)
        .or(from_variable)
        .or_else(|| family.default_command().map(PathBuf::from))
    else {
        return Err(LaunchError::UnknownRuntime {
            runtime: family.language().to_owned(),
        });
    };
    let cached = found_cache()
        .lock()
        .ok()
        .and_then(|found| found.get(&command).cloned());
    let interpreter = match cached {
        Some(known) => known,
        None => {
            let probed = probe(family, &command);
            if let Ok(mut found) = found_cache().lock() {
                found.insert(command.clone(), probed.clone());
            }
            probed
        }
    };
    interpreter.ok_or_else(|| LaunchError::NotFound {
        language: family.language(),
        tried: command.display().to_string(),
        variable,
    })
}

/// What was found so far, per command.
fn found_cache() -> &'static Mutex<HashMap<PathBuf, Option<Interpreter>>> {
    static FOUND: OnceLock<Mutex<HashMap<PathBuf, Option<Interpreter>>>> = OnceLock::new();
    FOUND.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Looks for python3 and node on a background thread, so the window can say what it found
/// without starting a process in a frame.
pub fn look_ahead() {
    let spawned = std::thread::Builder::new()
        .name("find-interpreters".into())
        .spawn(|| {
            for family in [Family::Python, Family::Node] {
                let _ = find_interpreter(family, None);
            }
        });
    if let Err(error) = spawned {
        log::warn!("could not look for python3 and node: {error}");
    }
}

/// What [`describe`] would say, without waiting: None while the lookup has not finished.
pub fn describe_if_known(runtime: &str) -> Option<String> {
    let family = Family::of_runtime(runtime)?;
    if family == Family::Provided {
        return Some(describe(runtime, None));
    }
    let variable = family.override_variable().and_then(std::env::var_os);
    let command = variable
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        .or_else(|| family.default_command().map(PathBuf::from))?;
    let known = found_cache().lock().ok()?.contains_key(&command);
    known.then(|| describe(runtime, None))
}

/// Asks the interpreter for its real path and version (with the app's own environment, so
/// version managers' shims work; the function itself never gets that environment).
fn probe(family: Family, command: &Path) -> Option<Interpreter> {
    let script = match family {
        Family::Python => {
            "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"
        }
        Family::Node => "console.log(process.execPath); console.log(process.versions.node)",
        Family::Provided => return None,
    };
    let flag = if family == Family::Python { "-c" } else { "-e" };
    let output = Command::new(command)
        .args([flag, script])
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    let executable = PathBuf::from(lines.next()?.trim());
    let version = lines.next()?.trim().to_owned();
    (!version.is_empty() && executable.is_absolute()).then_some(Interpreter {
        executable,
        version,
    })
}

/// What the learner is told about the runtime they picked, e.g. "python 3.11.7 on this
/// machine; Lambda would run python3.13".
pub fn describe(runtime: &str, explicit: Option<&Path>) -> String {
    match Family::of_runtime(runtime) {
        Some(Family::Provided) => format!(
            "{runtime}: the function's own executable `bootstrap` runs as a process, as on Lambda"
        ),
        Some(family) => match find_interpreter(family, explicit) {
            Ok(found) => format!(
                "{} {} on this machine ({}); Lambda would run {runtime}",
                family.language(),
                found.version,
                found.executable.display()
            ),
            Err(error) => error.to_string(),
        },
        None => LaunchError::UnknownRuntime {
            runtime: runtime.to_owned(),
        }
        .to_string(),
    }
}

/// The bootstraps shipped with the app, written next to each environment when it starts
/// (the app may run from anywhere, so they are compiled in).
pub const PYTHON_BOOTSTRAP: &str = include_str!("../../../assets/runtimes/python/bootstrap.py");
pub const NODE_BOOTSTRAP: &str = include_str!("../../../assets/runtimes/nodejs/bootstrap.mjs");

/// Lambda's message when a custom runtime has no bootstrap.
pub fn missing_bootstrap_message() -> &'static str {
    "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_identifiers_name_their_family() {
        assert_eq!(Family::of_runtime("python3.13"), Some(Family::Python));
        assert_eq!(Family::of_runtime("nodejs24.x"), Some(Family::Node));
        assert_eq!(
            Family::of_runtime("provided.al2023"),
            Some(Family::Provided)
        );
        assert_eq!(Family::of_runtime("java21"), None);
    }

    #[test]
    fn a_missing_interpreter_is_said_plainly() {
        let error = find_interpreter(Family::Python, Some(Path::new("/nonexistent/python9")))
            .expect_err("no such interpreter");
        let text = error.to_string();
        assert!(
            text.starts_with("python was not found on this machine (/nonexistent/python9)"),
            "{text}"
        );
        assert!(text.contains("LAMBDA_LAB_PYTHON"), "{text}");
    }
}
