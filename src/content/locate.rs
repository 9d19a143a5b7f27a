//! Finds the lesson folder: `--lessons DIR`, then `LAMBDA_LAB_LESSONS`, then next to the
//! executable, then the crate folder while cargo runs the app (so `cargo run` uses the
//! checkout's files as they are edited), else the course embedded in the binary.

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
    /// The course inside the binary, written into the data folder on first use.
    Embedded,
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
        &|| super::embedded::root().ok().map(Path::to_path_buf),
    )
}

/// A folder the app ships beside its lessons (`assets/handlers`, `sample-events`): next to
/// the executable in an installed copy, in the crate folder while cargo runs the app, else
/// in the course embedded in the binary.
pub fn locate_app_dir(name: &str) -> PathBuf {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    if let Some(dir) = exe_dir.map(|dir| dir.join(name))
        && dir.is_dir()
    {
        return dir;
    }
    if let Some(dir) =
        std::env::var_os("CARGO_MANIFEST_DIR").map(|dir| PathBuf::from(dir).join(name))
        && dir.is_dir()
    {
        return dir;
    }
    match super::embedded::root() {
        Ok(root) => root.join(name),
        // Names the folder in the error the caller will show.
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name),
    }
}

fn locate_from(
    flag: Option<&Path>,
    env: Option<&Path>,
    exe_dir: Option<&Path>,
    cargo_dir: Option<&Path>,
    embedded: &dyn Fn() -> Option<PathBuf>,
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
    // Under cargo (run or test): the checkout's own files, as they are being edited. A
    // copied binary has no such folder, whatever path it was built in.
    if let Some(dir) = cargo_dir.map(|dir| dir.join(LESSONS_DIR_NAME))
        && dir.is_dir()
    {
        return LessonsLocation {
            dir,
            source: LocationSource::CrateFolder,
        };
    }
    if let Some(root) = embedded() {
        return LessonsLocation {
            dir: root.join(LESSONS_DIR_NAME),
            source: LocationSource::Embedded,
        };
    }
    LessonsLocation {
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(LESSONS_DIR_NAME),
        source: LocationSource::NotFound,
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

        let none = || None;
        let found = locate_from(Some(flag), Some(env), Some(exe.path()), None, &none);
        assert_eq!(found.source, LocationSource::CommandLine);
        assert_eq!(found.dir, flag);

        let found = locate_from(None, Some(env), Some(exe.path()), None, &none);
        assert_eq!(found.source, LocationSource::Environment);

        let found = locate_from(None, None, Some(exe.path()), None, &none);
        assert_eq!(found.source, LocationSource::NextToExecutable);
        assert_eq!(found.dir, exe.path().join(LESSONS_DIR_NAME));
    }

    #[test]
    fn falls_back_to_the_crate_folder_under_cargo_then_to_the_embedded_course() {
        let empty = tempfile::tempdir().expect("temp dir");
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let extracted = || Some(PathBuf::from("/data/builtin/x"));
        let found = locate_from(None, None, Some(empty.path()), Some(crate_dir), &extracted);
        assert_eq!(found.source, LocationSource::CrateFolder);
        assert!(found.dir.join("index.toml").is_file());
        // A copied binary: no lessons beside it, not run by cargo.
        let found = locate_from(None, None, Some(empty.path()), None, &extracted);
        assert_eq!(found.source, LocationSource::Embedded);
        assert_eq!(found.dir, Path::new("/data/builtin/x/lessons"));
        let found = locate_from(None, None, Some(empty.path()), None, &|| None);
        assert_eq!(found.source, LocationSource::NotFound);
    }
}
