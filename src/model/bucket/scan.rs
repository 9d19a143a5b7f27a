//! Looking at a folder as a bucket's objects, and the object-level changes between two looks:
//! the one place in `model/` that reads files.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use md5::{Digest as _, Md5};

/// One object: a file under the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectInfo {
    /// The bytes read when the file was hashed.
    pub size: u64,
    /// Last modification, Unix time in milliseconds (0 where the system keeps none).
    pub modified_ms: u64,
    /// The lower-case hex MD5 of the content: S3's ETag of an object uploaded in one part.
    pub etag: String,
}

/// A folder's objects, keyed by relative path with `/` separators, as S3 object keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub objects: BTreeMap<String, ObjectInfo>,
}

/// What happened to one object between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new file, or a file whose content, size or time changed: S3 reports an overwrite as
    /// `ObjectCreated:Put` again.
    Created {
        key: String,
        size: u64,
        etag: String,
    },
    /// A file that is gone.
    Removed { key: String },
}

impl Change {
    /// The object's plain (not encoded) key.
    pub fn key(&self) -> &str {
        match self {
            Change::Created { key, .. } | Change::Removed { key } => key,
        }
    }

    /// The record's `eventName`: the event type without its `s3:` prefix.
    pub fn event_name(&self) -> &'static str {
        match self {
            Change::Created { .. } => "ObjectCreated:Put",
            Change::Removed { .. } => "ObjectRemoved:Delete",
        }
    }
}

/// Reads every file under `dir`, recursively, hashing each one.
///
/// Skipped: names starting with `.` (files and whole folders), because they are editors' swap
/// and backup files, `.DS_Store` and `.git`, which nobody means as uploads and which would
/// flood the function with events; files and folders that vanish between listing and reading
/// (editors save through a temporary file and a rename); names that are not UTF-8, which can
/// be no S3 key; and links to folders, so a link loop cannot trap the scan. Links to files are
/// read as files. An error on `dir` itself, or any other error, is returned with its path.
pub fn scan(dir: &Path) -> io::Result<Snapshot> {
    let mut snapshot = Snapshot::default();
    let mut folders: Vec<(PathBuf, String)> = vec![(dir.to_path_buf(), String::new())];
    let mut is_root = true;
    while let Some((folder, prefix)) = folders.pop() {
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if !is_root && error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(with_path(error, &folder)),
        };
        is_root = false;
        for entry in entries {
            let entry = entry.map_err(|error| with_path(error, &folder))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let key = format!("{prefix}{name}");
            // `fs::metadata` follows links, so a link is what it points to.
            let metadata = match fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                Err(error) => return Err(with_path(error, &path)),
            };
            let is_link = entry.file_type().is_ok_and(|kind| kind.is_symlink());
            if metadata.is_dir() {
                if !is_link {
                    folders.push((path, format!("{key}/")));
                }
                continue;
            }
            if !metadata.is_file() {
                continue;
            }
            let Some((size, etag)) = hash_file(&path)? else {
                continue;
            };
            let modified_ms = metadata
                .modified()
                .ok()
                .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |since| {
                    u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
                });
            snapshot.objects.insert(
                key,
                ObjectInfo {
                    size,
                    modified_ms,
                    etag,
                },
            );
        }
    }
    Ok(snapshot)
}

/// The size and hex MD5 of a file, read in pieces; `None` when it vanished before opening.
fn hash_file(path: &Path) -> io::Result<Option<(u64, String)>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(with_path(error, path)),
    };
    let mut hasher = Md5::new();
    let mut buffer = vec![0_u8; 64 * 1024];
    let mut size: u64 = 0;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(with_path(error, path)),
        };
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    Ok(Some((size, hex::encode(hasher.finalize()))))
}

/// The error with the path it happened on, so the message says which file.
fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// The changes from `before` to `after`, ordered by key: a key only in `after`, or whose
/// size, time or content differ, is [`Change::Created`]; a key only in `before` is
/// [`Change::Removed`].
pub fn changes(before: &Snapshot, after: &Snapshot) -> Vec<Change> {
    let created = after
        .objects
        .iter()
        .filter(|(key, info)| before.objects.get(*key) != Some(info));
    let created = created.map(|(key, info)| Change::Created {
        key: key.clone(),
        size: info.size,
        etag: info.etag.clone(),
    });
    let removed = before
        .objects
        .keys()
        .filter(|key| !after.objects.contains_key(*key));
    let removed = removed.map(|key| Change::Removed { key: key.clone() });
    let mut all: Vec<Change> = created.chain(removed).collect();
    // A key is either created or removed, never both, so ordering by key alone is stable.
    all.sort_by(|a, b| a.key().cmp(b.key()));
    all
}
