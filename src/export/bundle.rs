//! The archives of an export, laid out as Lambda extracts them: the function's code as
//! `function.zip` (a single file at the root, or a folder's contents) and each layer as
//! `layers/<name>.zip` (a folder's contents, so `nodejs/…` and `python/…` land under /opt; an
//! archive copied as it is).
//!
//! Entries are sorted and dated 1980-01-01, so the same code gives the same bytes: `sam deploy`
//! then sees an unchanged archive and uploads nothing new.

use std::io;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

/// Permissions Lambda needs: files readable by everyone (644), executables and folders 755.
/// Source: AWS re:Post knowledge center, "How do I troubleshoot 'permission denied' or 'unable to
/// import module' errors when uploading a Lambda deployment package?"
/// (<https://repost.aws/knowledge-center/lambda-deployment-package-errors>).
const READABLE_MODE: u32 = 0o644;
const EXECUTABLE_MODE: u32 = 0o755;

/// One layer as the export writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerArchive {
    /// The folder or .zip it comes from.
    pub source: PathBuf,
    /// Its name: the folder's name or the archive's stem, made a valid LayerName and unique.
    pub name: String,
}

impl LayerArchive {
    /// Where it goes, relative to the export folder, with `/` (the template's ContentUri).
    pub fn relative_path(&self) -> String {
        format!("{}/{}.zip", super::LAYERS_DIR, self.name)
    }
}

/// What went into an archive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveSummary {
    pub files: usize,
    /// Unzipped size.
    pub bytes: u64,
    /// Folders reached through a symbolic link, left out (following them could loop).
    pub skipped_links: Vec<PathBuf>,
}

/// Names the layers: LayerName allows letters, digits, `-` and `_`
/// (<https://docs.aws.amazon.com/lambda/latest/api/API_PublishLayerVersion.html>); two layers
/// with the same name get `-2`, `-3`… so their archives do not overwrite each other.
pub fn plan_layers(layers: &[PathBuf]) -> Vec<LayerArchive> {
    let mut planned: Vec<LayerArchive> = Vec::new();
    for source in layers {
        let stem = if source.is_dir() {
            source
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_owned()))
        } else {
            source.file_stem().map(|n| n.to_owned())
        };
        let base: String = stem
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let base = if base.is_empty() {
            "layer".to_owned()
        } else {
            base
        };
        let mut name = base.clone();
        let mut suffix = 2;
        while planned.iter().any(|layer| layer.name == name) {
            name = format!("{base}-{suffix}");
            suffix += 1;
        }
        planned.push(LayerArchive {
            source: source.clone(),
            name,
        });
    }
    planned
}

/// Writes the function's code to `out`: a file as the one entry at the root, a folder's
/// contents at the root (leaving out `skip`, the export folder when it is inside the code).
pub fn write_code(code: &Path, out: &Path, skip: Option<&Path>) -> io::Result<ArchiveSummary> {
    if code.is_dir() {
        return zip_folder(code, out, skip);
    }
    let name = code
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::other(format!("{} names no file", code.display())))?;
    let meta = std::fs::metadata(code)?;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out)?);
    add_file(&mut zip, &name, code, &meta)?;
    zip.finish().map_err(io::Error::other)?;
    Ok(ArchiveSummary {
        files: 1,
        bytes: meta.len(),
        skipped_links: Vec::new(),
    })
}

/// Writes one layer's archive to `out`: a folder zipped, an archive copied unchanged.
pub fn write_layer(layer: &LayerArchive, out: &Path) -> io::Result<ArchiveSummary> {
    if layer.source.is_dir() {
        zip_folder(&layer.source, out, None)
    } else {
        let bytes = std::fs::copy(&layer.source, out)?;
        Ok(ArchiveSummary {
            files: 1,
            bytes,
            skipped_links: Vec::new(),
        })
    }
}

/// Every file under `folder`, by path relative to it with `/`, sorted; links to files are
/// followed (their content is stored, as `zip -r` does), links to folders are skipped.
fn zip_folder(folder: &Path, out: &Path, skip: Option<&Path>) -> io::Result<ArchiveSummary> {
    let mut summary = ArchiveSummary::default();
    let mut files: Vec<(String, PathBuf, std::fs::Metadata)> = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let link = path.symlink_metadata()?.file_type().is_symlink();
            let meta = std::fs::metadata(&path)?;
            if meta.is_dir() {
                let is_skipped =
                    skip.is_some_and(|skip| path.canonicalize().is_ok_and(|p| p == skip));
                if link {
                    summary.skipped_links.push(path);
                } else if !is_skipped {
                    stack.push(path);
                }
            } else if meta.is_file() {
                let relative = path
                    .strip_prefix(folder)
                    .map_err(io::Error::other)?
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((relative, path, meta));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out)?);
    for (relative, path, meta) in &files {
        add_file(&mut zip, relative, path, meta)?;
        summary.files += 1;
        summary.bytes += meta.len();
    }
    zip.finish().map_err(io::Error::other)?;
    Ok(summary)
}

fn add_file(
    zip: &mut zip::ZipWriter<std::fs::File>,
    name: &str,
    path: &Path,
    meta: &std::fs::Metadata,
) -> io::Result<()> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(mode_for(name, meta));
    zip.start_file(name, options).map_err(io::Error::other)?;
    io::copy(&mut std::fs::File::open(path)?, zip)?;
    Ok(())
}

/// 755 for a file anyone may execute here, else 644.
fn mode_for(name: &str, meta: &std::fs::Metadata) -> u32 {
    if is_executable(name, meta) {
        EXECUTABLE_MODE
    } else {
        READABLE_MODE
    }
}

#[cfg(unix)]
fn is_executable(_name: &str, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

/// Where the file system has no execute bit: a file named `bootstrap`, which the OS-only
/// runtimes start.
#[cfg(not(unix))]
fn is_executable(name: &str, _meta: &std::fs::Metadata) -> bool {
    name.rsplit('/').next() == Some("bootstrap")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_names_are_valid_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("a/my layer");
        let two = dir.path().join("b/my layer");
        std::fs::create_dir_all(&one).unwrap();
        std::fs::create_dir_all(&two).unwrap();
        let names: Vec<String> = plan_layers(&[one, two, PathBuf::from("x/tools.v2.zip")])
            .into_iter()
            .map(|layer| layer.name)
            .collect();
        assert_eq!(names, ["my-layer", "my-layer-2", "tools-v2"]);
    }
}
