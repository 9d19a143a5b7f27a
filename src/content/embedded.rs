//! The shipped course inside the binary: lessons, sample handlers, events, layers and
//! diagrams, so one copied executable is the whole app. Folders on disk win (a `lessons`
//! folder next to the executable, `--lessons DIR`, the checkout under `cargo run`); when
//! there are none, the embedded copy is written once into the data folder and used from
//! there, laid out as in the repository so relative links (`../assets/diagrams/…`) hold.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use include_dir::{Dir, include_dir};
use sha2::Digest as _;

/// The embedded folders, each with its path in the repository (and in the extracted copy).
static CONTENT: [(&str, Dir<'static>); 5] = [
    ("lessons", include_dir!("$CARGO_MANIFEST_DIR/lessons")),
    (
        "sample-events",
        include_dir!("$CARGO_MANIFEST_DIR/sample-events"),
    ),
    (
        "assets/handlers",
        include_dir!("$CARGO_MANIFEST_DIR/assets/handlers"),
    ),
    (
        "assets/layers",
        include_dir!("$CARGO_MANIFEST_DIR/assets/layers"),
    ),
    (
        "assets/diagrams",
        include_dir!("$CARGO_MANIFEST_DIR/assets/diagrams"),
    ),
];

/// What `lambda-lab course new` writes: a small pack that passes both checks.
pub static COURSE_TEMPLATE: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/assets/course-template");

/// Where the embedded content is on disk (extracted on first use), or why it is not.
pub fn root() -> Result<&'static Path, &'static str> {
    static ROOT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    ROOT.get_or_init(|| extract_into(&crate::persist::default_data_dir().join("builtin")))
        .as_deref()
        .map_err(String::as_str)
}

/// A digest of every embedded path and byte: a rebuilt binary with other content extracts
/// into a folder of its own instead of using a stale copy.
fn digest() -> String {
    let mut hasher = sha2::Sha256::new();
    fn walk(dir: &Dir<'_>, hasher: &mut sha2::Sha256) {
        for file in dir.files() {
            hasher.update(file.path().to_string_lossy().as_bytes());
            hasher.update(file.contents());
        }
        for sub in dir.dirs() {
            walk(sub, hasher);
        }
    }
    for (name, dir) in &CONTENT {
        hasher.update(name.as_bytes());
        walk(dir, &mut hasher);
    }
    hex::encode(hasher.finalize()).chars().take(16).collect()
}

/// Writes the content into `parent/<version>-<digest>/` unless it is there already. Written
/// into a temporary folder first and renamed, so a second app starting at the same moment
/// never sees half a copy.
pub fn extract_into(parent: &Path) -> Result<PathBuf, String> {
    let target = parent.join(format!("{}-{}", env!("CARGO_PKG_VERSION"), digest()));
    if target.join("lessons/index.toml").is_file() {
        return Ok(target);
    }
    std::fs::create_dir_all(parent)
        .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    let staging = tempfile::tempdir_in(parent)
        .map_err(|error| format!("cannot write into {}: {error}", parent.display()))?;
    for (name, dir) in &CONTENT {
        let folder = staging.path().join(name);
        std::fs::create_dir_all(&folder)
            .and_then(|()| dir.extract(&folder))
            .map_err(|error| format!("cannot write {}: {error}", folder.display()))?;
    }
    let staged = staging.keep();
    match std::fs::rename(&staged, &target) {
        Ok(()) => Ok(target),
        // Another copy of the app got there first: use its copy, drop ours.
        Err(_) if target.join("lessons/index.toml").is_file() => {
            let _ = std::fs::remove_dir_all(&staged);
            Ok(target)
        }
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staged);
            Err(format!(
                "cannot move the course into {}: {error}",
                target.display()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extracted_course_is_the_shipped_one_and_is_written_once() {
        let parent = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = extract_into(parent.path()).unwrap_or_else(|e| panic!("{e}"));
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in [
            "lessons/index.toml",
            "sample-events/s3/put.json",
            "assets/handlers/counter.mjs",
        ] {
            let extracted =
                std::fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            let shipped = std::fs::read(repo.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(extracted, shipped, "{file}");
        }
        assert!(root.join("assets/diagrams/concurrency-lanes.png").is_file());
        // A second start finds it and writes nothing new.
        assert_eq!(
            extract_into(parent.path()).unwrap_or_else(|e| panic!("{e}")),
            root
        );
        let entries = std::fs::read_dir(parent.path())
            .map(Iterator::count)
            .unwrap_or(0);
        assert_eq!(entries, 1);
    }
}
