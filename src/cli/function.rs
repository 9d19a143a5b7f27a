//! The arguments that describe one function, shared by `invoke` and `serve`: its code, what
//! runs it, and its configuration, turned into a [`FunctionConfig`] the same way for both.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::limits::{DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECS};
use crate::runtime::config::{FunctionConfig, choose_runtime};

#[derive(Debug, clap::Args)]
pub struct FunctionArgs {
    /// The handler's file, or a folder used as the task root.
    #[arg(long, value_name = "PATH")]
    pub code: PathBuf,
    /// `file.export` (default: `<file stem>.handler`; `<file stem>.lambda_handler` for Python).
    #[arg(long)]
    pub handler: Option<String>,
    /// What runs the handler: `embedded` (the engine inside the app, needs nothing
    /// installed) or a Lambda runtime started as a process: nodejs24.x, nodejs22.x,
    /// python3.14 … python3.11, provided.al2023. Default: python3.13 for a `.py` handler,
    /// provided.al2023 for a folder with a `bootstrap`, else embedded. A process runtime
    /// runs as you, with your file permissions (its environment variables are clean).
    #[arg(long)]
    pub runtime: Option<String>,
    /// The python3 or node a process runtime uses (default: the one on PATH, or
    /// LAMBDA_LAB_PYTHON / LAMBDA_LAB_NODE).
    #[arg(long, value_name = "PATH")]
    pub interpreter: Option<PathBuf>,
    #[arg(long, default_value_t = DEFAULT_MEMORY_MB)]
    pub memory_mb: u32,
    #[arg(long, default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub timeout_secs: u32,
    /// An environment variable, `KEY=VALUE` (repeatable).
    #[arg(long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// A layer: a folder or a .zip, extracted into /opt in order (repeatable, up to 5; a
    /// later layer's file wins).
    #[arg(long = "layer", value_name = "DIR|ZIP")]
    pub layers: Vec<PathBuf>,
    #[arg(long)]
    pub reserved_concurrency: Option<u32>,
}

impl FunctionArgs {
    /// The function these arguments describe, or what is wrong with them.
    pub fn config(&self) -> Result<FunctionConfig, String> {
        if !self.code.exists() {
            return Err(format!("no handler code at {}", self.code.display()));
        }
        let (executor, runtime) = choose_runtime(&self.code, self.runtime.as_deref())?;
        let is_python = runtime.starts_with("python");
        let stem = self
            .code
            .is_file()
            .then(|| {
                self.code
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .flatten();
        let handler = self.handler.clone().unwrap_or_else(|| {
            // The names the Lambda console's templates use.
            match (stem, is_python) {
                (Some(stem), true) => format!("{stem}.lambda_handler"),
                (None, true) => "lambda_function.lambda_handler".to_owned(),
                (stem, false) => format!("{}.handler", stem.as_deref().unwrap_or("index")),
            }
        });
        let mut environment = BTreeMap::new();
        for pair in &self.env {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(format!("--env {pair}: write it as KEY=VALUE"));
            };
            environment.insert(key.to_owned(), value.to_owned());
        }
        let function_name = self
            .code
            .file_stem()
            .map(|s| {
                s.to_string_lossy().replace(
                    |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_',
                    "-",
                )
            })
            .unwrap_or_else(|| "my-function".to_owned());
        Ok(FunctionConfig {
            function_name,
            handler,
            code_path: self.code.clone(),
            memory_size_mb: self.memory_mb,
            timeout_secs: self.timeout_secs,
            environment,
            reserved_concurrency: self.reserved_concurrency,
            layers: self.layers.clone(),
            runtime,
            executor,
            interpreter: self.interpreter.clone(),
            ..FunctionConfig::default()
        })
    }
}
