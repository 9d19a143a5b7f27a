//! Export for AWS: writes what a learner needs to deploy the function they built here for real,
//! with the AWS SAM CLI: the deployment package (`function.zip`, and each layer as its own zip),
//! a SAM `template.yaml` with the same settings and trigger, the test event, and a README with
//! the exact commands to validate, deploy, invoke and delete it.
//!
//! Nothing here talks to AWS: the files are checked against the rules AWS applies (the
//! function's settings, the trigger's, the layers' sizes) and `scripts/sam-validate.sh` runs
//! `sam validate --lint` on real exports.

mod bundle;
mod readme;
mod source;
mod template;
mod yaml;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use bundle::{ArchiveSummary, LayerArchive};
pub use readme::{invoke_command, stack_name};
pub use source::{EventSource, HttpRoute, S3Source, SqsSource, suggested_for};
pub use template::MARKER;

use crate::runtime::config::{FunctionConfig, describe};
use crate::runtime::layers::{self, LayerError};

/// The deployment package of the function's code.
pub const FUNCTION_ZIP: &str = "function.zip";
/// The folder holding one .zip per layer.
pub const LAYERS_DIR: &str = "layers";
pub const TEMPLATE_FILE: &str = "template.yaml";
pub const README_FILE: &str = "README.md";
/// The test event, for `aws lambda invoke --payload file://event.json`.
pub const EVENT_FILE: &str = "event.json";

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportRequest<'a> {
    pub config: &'a FunctionConfig,
    pub source: &'a EventSource,
    /// The test event's JSON text; `None` writes `{}`.
    pub event_json: Option<&'a str>,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The folder written into.
    pub out_dir: PathBuf,
    /// The files written, relative to `out_dir`, with `/`.
    pub files: Vec<String>,
    /// What went into `function.zip`.
    pub code: ArchiveSummary,
    /// Folders reached through symbolic links in the code or a layer, left out.
    pub skipped_links: Vec<PathBuf>,
    /// Layer archives a previous export left that this one does not use (kept, not deleted).
    pub unused: Vec<String>,
}

/// Why nothing, or not everything, was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A setting AWS would refuse (in AWS's words where it has them).
    #[error("{0}")]
    Invalid(String),
    /// A layer that cannot be read, or code and layers over the unzipped size quota.
    #[error(transparent)]
    Layer(#[from] LayerError),
    /// The folder holds files this command did not write; they are never overwritten.
    #[error(
        "{0} is not empty and holds no template.yaml written by lambda-lab export: choose a new or empty folder (nothing was written)"
    )]
    FolderInUse(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A text file (template, README, event) that could not be written.
    #[error(transparent)]
    WriteText(#[from] crate::persist::PersistError),
}

impl ExportError {
    /// Whether the input was fine and the disk was not (exit code 1, not 2).
    pub fn is_write_failure(&self) -> bool {
        matches!(self, ExportError::Write { .. } | ExportError::WriteText(_))
    }
}

/// Writes the export into `out_dir` (created if missing). The folder must be empty, new, or a
/// previous export (its template.yaml starts with [`MARKER`]); a previous export's files are
/// replaced, anything else in it (samconfig.toml, .aws-sam) is left alone.
pub fn export(request: &ExportRequest, out_dir: &Path) -> Result<Exported, ExportError> {
    let config = request.config;
    let errors = config.validate();
    if !errors.is_empty() {
        return Err(ExportError::Invalid(describe(&errors)));
    }
    if !config.code_path.exists() {
        return Err(ExportError::Invalid(format!(
            "no handler code at {}",
            config.code_path.display()
        )));
    }
    request
        .source
        .validate(config.timeout_secs)
        .map_err(ExportError::Invalid)?;
    let event = match request.event_json {
        Some(text) => {
            serde_json::from_str::<serde_json::Value>(text).map_err(|error| {
                ExportError::Invalid(format!("the event is not valid JSON: {error}"))
            })?;
            text.to_owned()
        }
        None => "{}\n".to_owned(),
    };
    // The same checks CreateFunction makes: each layer readable, code and layers together
    // under the unzipped quota.
    drop(layers::prepare(&config.layers, &config.code_path)?);
    check_folder(out_dir)?;

    let write_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Write { path, source }
    };
    std::fs::create_dir_all(out_dir).map_err(write_error(out_dir))?;
    let skip = out_dir.canonicalize().ok();
    let mut files = Vec::new();

    let code_zip = out_dir.join(FUNCTION_ZIP);
    let code = via_temp(&code_zip, |temp| {
        bundle::write_code(&config.code_path, temp, skip.as_deref())
    })
    .map_err(write_error(&code_zip))?;
    files.push(FUNCTION_ZIP.to_owned());
    let mut skipped_links = code.skipped_links.clone();

    let planned = bundle::plan_layers(&config.layers);
    for layer in &planned {
        let target = out_dir.join(layer.relative_path());
        let same_file = matches!(
            (layer.source.canonicalize(), target.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        );
        // Exporting again from a previous export's own layers/x.zip: it is already in place
        // (copying a file onto itself would empty it).
        if !same_file {
            let summary = std::fs::create_dir_all(out_dir.join(LAYERS_DIR))
                .and_then(|()| via_temp(&target, |temp| bundle::write_layer(layer, temp)))
                .map_err(write_error(&target))?;
            skipped_links.extend(summary.skipped_links);
        }
        files.push(layer.relative_path());
    }

    let texts = [
        (
            TEMPLATE_FILE,
            template::render(config, request.source, &planned),
        ),
        (
            README_FILE,
            readme::render(
                config,
                request.source,
                &planned,
                request.event_json.is_some(),
            ),
        ),
        (EVENT_FILE, event),
    ];
    for (name, text) in texts {
        let path = out_dir.join(name);
        crate::persist::write_atomically(&path, text.as_bytes())?;
        files.push(name.to_owned());
    }
    let unused = unused_layers(out_dir, &files);
    Ok(Exported {
        out_dir: out_dir.to_path_buf(),
        files,
        code,
        skipped_links,
        unused,
    })
}

/// Whether `out_dir` may be written: missing, empty, or a previous export.
fn check_folder(out_dir: &Path) -> Result<(), ExportError> {
    if !out_dir.exists() {
        return Ok(());
    }
    if !out_dir.is_dir() {
        return Err(ExportError::Invalid(format!(
            "{} is a file, not a folder",
            out_dir.display()
        )));
    }
    let empty = std::fs::read_dir(out_dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if empty || is_previous_export(out_dir) {
        Ok(())
    } else {
        Err(ExportError::FolderInUse(out_dir.to_path_buf()))
    }
}

/// The .zip files in `layers/` that are not among `written` (left by an earlier export).
fn unused_layers(out_dir: &Path, written: &[String]) -> Vec<String> {
    let mut unused: Vec<String> = std::fs::read_dir(out_dir.join(LAYERS_DIR))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| format!("{LAYERS_DIR}/{}", entry.file_name().to_string_lossy()))
                .filter(|name| name.ends_with(".zip") && !written.contains(name))
                .collect()
        })
        .unwrap_or_default();
    unused.sort();
    unused
}

/// A folder whose template.yaml this command wrote (it starts with [`MARKER`]).
pub fn is_previous_export(out_dir: &Path) -> bool {
    std::fs::read_to_string(out_dir.join(TEMPLATE_FILE)).is_ok_and(|text| text.starts_with(MARKER))
}

/// Runs `write` on a temporary file beside `path`, then renames it over `path`: a failed export
/// never leaves half an archive where a whole one was.
fn via_temp<T>(path: &Path, write: impl FnOnce(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
    let temp = path.with_extension("zip.tmp");
    match write(&temp) {
        Ok(value) => {
            std::fs::rename(&temp, path)?;
            Ok(value)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&temp);
            Err(error)
        }
    }
}
