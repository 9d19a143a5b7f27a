//! A function's layers as Lambda mounts them: folders or .zip archives, extracted in order into
//! one /opt (a later layer's file wins), and measured against the 250 MB unzipped quota that the
//! function's code and all its layers share.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::limits::MAX_UNZIPPED_DEPLOYMENT_BYTES;

/// Why a function's layers cannot be used, worded as Lambda's API words it where it has words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LayerError {
    /// Lambda names layers by ARN, so it has no text for a local path that is missing.
    #[error("Lambda Lab: no folder or .zip file at {0} (a layer must be one of them)")]
    Missing(PathBuf),
    /// Lambda's answer to a .zip it cannot read (PublishLayerVersion, CreateFunction).
    #[error(
        "InvalidParameterValueException: Could not unzip uploaded file. Please check your file, then try to upload again. ({path}: {reason})"
    )]
    BadZip { path: PathBuf, reason: String },
    /// One layer alone, or the code with all its layers, is over the quota. Lambda states
    /// the room that was left, in bytes.
    #[error(
        "InvalidParameterValueException: Unzipped size must be smaller than {room_bytes} bytes"
    )]
    TooLarge { room_bytes: u64 },
}

/// The folders an environment mounts as /opt, in order; extracted archives live as long as this.
#[derive(Clone, Debug, Default)]
pub struct PreparedLayers {
    pub folders: Vec<PathBuf>,
    _extracted: Vec<Arc<tempfile::TempDir>>,
}

/// One file of the merged /opt, as the handler sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptFile {
    /// The path under /opt, with `/` separators (`nodejs/node_modules/x/index.mjs`).
    pub path: String,
    pub bytes: u64,
    /// Which layer's copy is seen (0 = the first layer).
    pub from_layer: usize,
    /// Earlier layers whose copy of the same path it hides.
    pub hides: Vec<usize>,
}

/// What the layers put under /opt and how big everything is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptListing {
    /// Sorted by path.
    pub files: Vec<OptFile>,
    /// Each layer's unzipped size, in order.
    pub layer_bytes: Vec<u64>,
    /// Why a layer could not be read, by index.
    pub problems: Vec<(usize, String)>,
}

impl OptListing {
    pub fn total_layer_bytes(&self) -> u64 {
        self.layer_bytes.iter().sum()
    }
}

/// Every regular file under `root`, as (path relative to root with `/`, size).
fn files_in_folder(root: &Path) -> io::Result<Vec<(String, u64)>> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            // symlink_metadata: a link is not followed out of the layer (nor round in a loop).
            let meta = entry.path().symlink_metadata()?;
            if meta.is_dir() {
                stack.push(entry.path());
            } else if meta.is_file() {
                let relative = entry
                    .path()
                    .strip_prefix(root)
                    .map(|p| {
                        p.components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .unwrap_or_default();
                files.push((relative, meta.len()));
            }
        }
    }
    Ok(files)
}

/// The files an archive holds, with their unzipped sizes (read from its central directory).
fn files_in_zip(path: &Path) -> Result<Vec<(String, u64)>, LayerError> {
    let bad = |reason: String| LayerError::BadZip {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(e.to_string()))?;
    let mut files = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| bad(e.to_string()))?;
        if entry.is_file() {
            let name = entry.enclosed_name().ok_or_else(|| {
                bad(format!(
                    "unsafe path {}",
                    String::from_utf8_lossy(entry.name_raw())
                ))
            })?;
            files.push((name.to_string_lossy().replace('\\', "/"), entry.size()));
        }
    }
    Ok(files)
}

/// The files of one layer, folder or archive.
fn files_in_layer(layer: &Path) -> Result<Vec<(String, u64)>, LayerError> {
    if layer.is_dir() {
        files_in_folder(layer).map_err(|_| LayerError::Missing(layer.to_path_buf()))
    } else if layer.is_file() {
        files_in_zip(layer)
    } else {
        Err(LayerError::Missing(layer.to_path_buf()))
    }
}

/// The merged /opt the layers make, for showing: which file comes from which layer.
pub fn list(layers: &[PathBuf]) -> OptListing {
    let mut listing = OptListing::default();
    let mut merged: BTreeMap<String, OptFile> = BTreeMap::new();
    for (index, layer) in layers.iter().enumerate() {
        match files_in_layer(layer) {
            Ok(files) => {
                listing
                    .layer_bytes
                    .push(files.iter().map(|(_, bytes)| bytes).sum());
                for (path, bytes) in files {
                    let hides = merged
                        .get(&path)
                        .map(|earlier| {
                            let mut hides = earlier.hides.clone();
                            hides.push(earlier.from_layer);
                            hides
                        })
                        .unwrap_or_default();
                    merged.insert(
                        path.clone(),
                        OptFile {
                            path,
                            bytes,
                            from_layer: index,
                            hides,
                        },
                    );
                }
            }
            Err(problem) => {
                listing.layer_bytes.push(0);
                listing.problems.push((index, problem.to_string()));
            }
        }
    }
    listing.files = merged.into_values().collect();
    listing
}

/// Checks the sizes as CreateFunction does (each layer alone, then code and layers together)
/// and extracts archives into folders of their own, so environments can mount them.
pub fn prepare(layers: &[PathBuf], task_root: &Path) -> Result<PreparedLayers, LayerError> {
    if layers.is_empty() {
        // The code alone is not measured: walking the task root at every deployment would
        // cost each edit's cold start, and a learner's code is far from 250 MB.
        return Ok(PreparedLayers::default());
    }
    let limit = MAX_UNZIPPED_DEPLOYMENT_BYTES;
    let mut layers_bytes = 0u64;
    for layer in layers {
        let bytes: u64 = files_in_layer(layer)?.iter().map(|(_, bytes)| bytes).sum();
        if bytes >= limit {
            return Err(LayerError::TooLarge { room_bytes: limit });
        }
        layers_bytes += bytes;
    }
    let code_bytes: u64 = if task_root.is_dir() {
        files_in_folder(task_root)
            .map(|files| files.iter().map(|(_, bytes)| bytes).sum())
            .unwrap_or(0)
    } else {
        std::fs::metadata(task_root).map_or(0, |meta| meta.len())
    };
    if code_bytes + layers_bytes >= limit {
        return Err(LayerError::TooLarge {
            room_bytes: limit.saturating_sub(layers_bytes),
        });
    }
    let mut prepared = PreparedLayers::default();
    for layer in layers {
        if layer.is_dir() {
            prepared
                .folders
                .push(layer.canonicalize().unwrap_or_else(|_| layer.to_path_buf()));
        } else {
            let folder = extract(layer)?;
            prepared.folders.push(folder.path().to_path_buf());
            prepared._extracted.push(Arc::new(folder));
        }
    }
    Ok(prepared)
}

/// Unzips `archive` into a new temporary folder (removed when the last environment using it
/// is gone). Paths that would leave the folder are refused by the zip crate.
fn extract(archive: &Path) -> Result<tempfile::TempDir, LayerError> {
    let bad = |reason: String| LayerError::BadZip {
        path: archive.to_path_buf(),
        reason,
    };
    let folder = tempfile::Builder::new()
        .prefix("lambda-lab-layer-")
        .tempdir()
        .map_err(|e| bad(e.to_string()))?;
    let file = std::fs::File::open(archive).map_err(|e| bad(e.to_string()))?;
    zip::ZipArchive::new(file)
        .and_then(|mut zip| zip.extract(folder.path()))
        .map_err(|e| bad(e.to_string()))?;
    Ok(folder)
}

/// Writes `folder` as a layer archive at `out` (every file, paths relative to the folder), the
/// way `zip -r out.zip nodejs` makes one for `publish-layer-version`.
pub fn zip_folder(folder: &Path, out: &Path) -> io::Result<u64> {
    let mut files = files_in_folder(folder)?;
    files.sort();
    let writer = std::fs::File::create(out)?;
    let mut zip = zip::ZipWriter::new(writer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut total = 0;
    for (relative, bytes) in files {
        zip.start_file(relative.as_str(), options)
            .map_err(io::Error::other)?;
        let mut source = std::fs::File::open(folder.join(&relative))?;
        io::copy(&mut source, &mut zip)?;
        total += bytes;
    }
    zip.finish().map_err(io::Error::other)?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_later_layer_hides_an_earlier_copy_and_archives_list_like_folders() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("one");
        let second_source = dir.path().join("two");
        write(&first, "nodejs/node_modules/greeting/index.js", "v1");
        write(&first, "bin/tool", "tool");
        write(
            &second_source,
            "nodejs/node_modules/greeting/index.js",
            "v2!",
        );
        let second = dir.path().join("two.zip");
        zip_folder(&second_source, &second).unwrap();

        let listing = list(&[first.clone(), second.clone()]);
        assert!(listing.problems.is_empty(), "{:?}", listing.problems);
        assert_eq!(listing.layer_bytes, vec![6, 3]);
        let greeting = listing
            .files
            .iter()
            .find(|f| f.path == "nodejs/node_modules/greeting/index.js")
            .unwrap();
        assert_eq!((greeting.from_layer, greeting.hides.clone()), (1, vec![0]));

        let prepared = prepare(&[first, second], dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(
                prepared.folders[1].join("nodejs/node_modules/greeting/index.js")
            )
            .unwrap(),
            "v2!"
        );
    }

    #[test]
    fn missing_layers_and_broken_archives_are_refused_with_their_reason() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        assert_eq!(
            prepare(std::slice::from_ref(&missing), dir.path()).unwrap_err(),
            LayerError::Missing(missing)
        );
        let broken = dir.path().join("broken.zip");
        std::fs::write(&broken, "not a zip").unwrap();
        let error = prepare(&[broken], dir.path()).unwrap_err().to_string();
        assert!(
            error.starts_with("InvalidParameterValueException: Could not unzip uploaded file."),
            "{error}"
        );
    }

    #[test]
    fn code_and_layers_share_the_unzipped_quota_and_the_message_gives_the_room_left() {
        let dir = tempfile::tempdir().unwrap();
        let layer = dir.path().join("layer");
        std::fs::create_dir_all(&layer).unwrap();
        // Sparse files: the quota counts bytes, not disk blocks, so nothing big is written.
        let big = std::fs::File::create(layer.join("model.bin")).unwrap();
        big.set_len(200 * 1024 * 1024).unwrap();
        let code = dir.path().join("code");
        std::fs::create_dir_all(&code).unwrap();
        let handler = std::fs::File::create(code.join("index.mjs")).unwrap();
        handler.set_len(60 * 1024 * 1024).unwrap();
        assert_eq!(
            prepare(std::slice::from_ref(&layer), &code)
                .unwrap_err()
                .to_string(),
            format!(
                "InvalidParameterValueException: Unzipped size must be smaller than {} bytes",
                262_144_000 - 200 * 1024 * 1024
            )
        );
        handler.set_len(40 * 1024 * 1024).unwrap();
        assert!(prepare(&[layer], &code).is_ok());
    }
}
