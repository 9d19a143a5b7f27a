//! Finds the lesson folder: `--lessons DIR`, then `LAMBDA_LAB_LESSONS`, then next to the
//! executable, then the crate folder (so `cargo run` works from anywhere in the checkout).

use std::path::{Path, PathBuf};

/// Environment variable a teacher can set to use their own lesson pack.
pub const LESSONS_ENV: &str = "LAMBDA_LAB_LESSONS";

/// Name of the lesson folder in an installed copy and in the crate.
pub const LESSONS_DIR_NAME: &str = "lessons";

/// Where the lessons were found, and how, so the UI can say which pack is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonsLocation {
    pub dir: PathBuf,
    pub source: LocationSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationSource {
    CommandLine,
    Environment,
    NextToExecutable,
    CrateFolder,
    /// Nothing was found; `dir` is the crate folder's path, which will report "missing index".
    NotFound,
}

/// Picks the lesson folder. An explicit choice (flag or variable) wins even when the folder
/// is missing, so a typo shows an error naming it instead of silently using other lessons.
pub fn locate_lessons(flag: Option<&Path>) -> LessonsLocation {
    let env = std::env::var_os(LESSONS_ENV).filter(|value| !value.is_empty());
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    let cargo_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    locate_from(
        flag,
        env.as_deref().map(Path::new),
        exe_dir.as_deref(),
        cargo_dir.as_deref(),
    )
}

/// A folder the app ships beside its lessons (`assets/handlers`, `sample-events`): next to
/// the executable in an installed copy, else in the crate folder this binary was built from.
pub fn locate_app_dir(name: &str) -> PathBuf {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    if let Some(dir) = exe_dir.map(|dir| dir.join(name))
        && dir.is_dir()
    {
        return dir;
    }
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join(name)
}

fn locate_from(
    flag: Option<&Path>,
    env: Option<&Path>,
    exe_dir: Option<&Path>,
    cargo_dir: Option<&Path>,
) -> LessonsLocation {
    if let Some(dir) = flag {
        return LessonsLocation {
            dir: dir.to_path_buf(),
            source: LocationSource::CommandLine,
        };
    }
    if let Some(dir) = env {
        return LessonsLocation {
            dir: dir.to_path_buf(),
            source: LocationSource::Environment,
        };
    }
    if let Some(dir) = exe_dir.map(|dir| dir.join(LESSONS_DIR_NAME))
        && dir.is_dir()
    {
        return LessonsLocation {
            dir,
            source: LocationSource::NextToExecutable,
        };
    }
    // At run time under cargo, or else the folder this binary was built from.
    let crate_dir = cargo_dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join(LESSONS_DIR_NAME);
    let source = if crate_dir.is_dir() {
        LocationSource::CrateFolder
    } else {
        LocationSource::NotFound
    };
    LessonsLocation {
        dir: crate_dir,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_executable_folder() {
        let exe = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(exe.path().join(LESSONS_DIR_NAME)).expect("mkdir");
        let flag = Path::new("/flag/lessons");
        let env = Path::new("/env/lessons");

        let found = locate_from(Some(flag), Some(env), Some(exe.path()), None);
        assert_eq!(found.source, LocationSource::CommandLine);
        assert_eq!(found.dir, flag);

        let found = locate_from(None, Some(env), Some(exe.path()), None);
        assert_eq!(found.source, LocationSource::Environment);

        let found = locate_from(None, None, Some(exe.path()), None);
        assert_eq!(found.source, LocationSource::NextToExecutable);
        assert_eq!(found.dir, exe.path().join(LESSONS_DIR_NAME));
    }

    #[test]
    fn falls_back_to_the_crate_folder() {
        let empty = tempfile::tempdir().expect("temp dir");
        let found = locate_from(None, None, Some(empty.path()), None);
        assert_eq!(found.source, LocationSource::CrateFolder);
        assert!(found.dir.join("index.toml").is_file());
    }
}
