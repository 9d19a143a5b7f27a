//! `lambda-lab export`: writes the function as an AWS SAM project to deploy for real (the code
//! and layers as .zip files, template.yaml, event.json and a README with the commands), and
//! prints what it wrote and the command to run next.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::function::FunctionArgs;
use crate::export::{self, EventSource, ExportRequest, HttpRoute, S3Source, SqsSource};
use crate::model::lambda::Architecture;
use crate::model::limits::DEFAULT_EPHEMERAL_STORAGE_MB;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The folder to write into: new, empty, or a previous export (its files are replaced;
    /// nothing else in it is touched).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The function's name on AWS (default: the code file's name without its extension).
    #[arg(long)]
    pub function_name: Option<String>,
    #[arg(long, value_name = "x86_64|arm64", default_value = "x86_64", value_parser = parse_architecture)]
    pub architecture: Architecture,
    /// /tmp size, 512 to 10240 MB.
    #[arg(long, default_value_t = DEFAULT_EPHEMERAL_STORAGE_MB)]
    pub ephemeral_storage_mb: u32,
    /// Pre-initialized environments, on an alias named `live` (billed while configured).
    #[arg(long, default_value_t = 0)]
    pub provisioned_concurrency: u32,
    /// A test event, copied as event.json (default: `{}`).
    #[arg(long, value_name = "FILE")]
    pub event: Option<PathBuf>,
    /// Trigger: a new SQS queue delivering batches of up to N messages.
    #[arg(long, value_name = "N", group = "trigger")]
    pub sqs_batch_size: Option<u32>,
    /// With --sqs-batch-size: how long Lambda gathers messages (needed above 10).
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 0,
        requires = "sqs_batch_size"
    )]
    pub sqs_batch_window_secs: u32,
    /// With --sqs-batch-size: let the handler return `batchItemFailures`.
    #[arg(long, requires = "sqs_batch_size")]
    pub report_batch_item_failures: bool,
    /// Trigger: a new S3 bucket's notifications for these event types (comma-separated;
    /// alone, `s3:ObjectCreated:*`).
    #[arg(
        long,
        value_name = "EVENTS",
        num_args = 0..=1,
        default_missing_value = "s3:ObjectCreated:*",
        value_delimiter = ',',
        group = "trigger"
    )]
    pub s3_events: Option<Vec<String>>,
    /// With --s3-events: only keys starting with this (plain text; encoded as S3 asks).
    #[arg(long, requires = "s3_events")]
    pub s3_prefix: Option<String>,
    /// With --s3-events: only keys ending with this, e.g. `.jpg`.
    #[arg(long, requires = "s3_events")]
    pub s3_suffix: Option<String>,
    /// Trigger: an EventBridge schedule, `rate(5 minutes)` or `cron(0 9 ? * MON-FRI *)`.
    #[arg(long, value_name = "EXPR", group = "trigger")]
    pub schedule: Option<String>,
    /// Trigger: a route of a new HTTP API, e.g. "GET /orders/{id}".
    #[arg(long, value_name = "\"METHOD /path\"", group = "trigger")]
    pub http_route: Option<String>,
}

fn bad_input(err: &mut dyn Write, message: &str) -> u8 {
    let _ = writeln!(err, "lambda-lab export: {message}");
    2
}

fn parse_architecture(text: &str) -> Result<Architecture, String> {
    Architecture::parse(text).ok_or_else(|| format!("{text}: use x86_64 or arm64"))
}

impl ExportArgs {
    /// The trigger the flags describe (clap lets at most one through).
    fn source(&self) -> Result<EventSource, String> {
        if let Some(batch_size) = self.sqs_batch_size {
            return Ok(EventSource::Sqs(SqsSource {
                batch_size,
                batch_window_secs: self.sqs_batch_window_secs,
                report_batch_item_failures: self.report_batch_item_failures,
            }));
        }
        if let Some(events) = &self.s3_events {
            return Ok(EventSource::S3(S3Source {
                events: events.iter().map(|e| e.trim().to_owned()).collect(),
                prefix: self.s3_prefix.clone(),
                suffix: self.s3_suffix.clone(),
            }));
        }
        if let Some(expression) = &self.schedule {
            return Ok(EventSource::Schedule {
                expression: expression.clone(),
            });
        }
        if let Some(route) = &self.http_route {
            return HttpRoute::parse(route).map(EventSource::HttpApi);
        }
        Ok(EventSource::None)
    }
}

/// Runs the command; the exit code (0 written, 1 writing failed, 2 bad input).
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut config = match args.function.config() {
        Ok(config) => config,
        Err(message) => return bad_input(err, &message),
    };
    if let Some(name) = &args.function_name {
        config.function_name = name.clone();
    }
    config.architecture = args.architecture;
    config.ephemeral_storage_mb = args.ephemeral_storage_mb;
    config.provisioned_concurrency = args.provisioned_concurrency;
    let source = match args.source() {
        Ok(source) => source,
        Err(message) => return bad_input(err, &message),
    };
    let event = match &args.event {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(error) => {
                return bad_input(
                    err,
                    &format!("cannot read the event file {}: {error}", path.display()),
                );
            }
        },
        None => None,
    };
    let request = ExportRequest {
        config: &config,
        source: &source,
        event_json: event.as_deref(),
    };
    let exported = match export::export(&request, &args.out) {
        Ok(exported) => exported,
        Err(error) if error.is_write_failure() => {
            let _ = writeln!(err, "lambda-lab export: {error}");
            return 1;
        }
        Err(error) => return bad_input(err, &error.to_string()),
    };
    let _ = writeln!(
        out,
        "Exported {} ({}, {}) with {} to {}:",
        config.function_name,
        config.runtime,
        config.handler,
        source.describe(),
        exported.out_dir.display()
    );
    for file in &exported.files {
        if file == export::FUNCTION_ZIP {
            let code = &exported.code;
            let plural = if code.files == 1 { "" } else { "s" };
            let _ = writeln!(
                out,
                "  {file} ({} file{plural}, {} bytes unzipped)",
                code.files, code.bytes
            );
        } else {
            let _ = writeln!(out, "  {file}");
        }
    }
    for file in &exported.unused {
        let _ = writeln!(
            out,
            "  ({file}, from an earlier export, is not used any more; delete it if you like)"
        );
    }
    for link in &exported.skipped_links {
        let _ = writeln!(
            err,
            "Left out {}: a folder reached through a symbolic link (copy it in if the function needs it)",
            link.display()
        );
    }
    let _ = writeln!(
        out,
        "Next: cd {} && sam validate --lint && sam deploy --guided (README.md has every step, then `sam delete` to clean up)",
        exported.out_dir.display()
    );
    0
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    /// Runs `lambda-lab export ARGS…`; the exit code, stdout and stderr.
    fn export(args: &[&str]) -> (u8, String, String) {
        let manifest = env!("CARGO_MANIFEST_DIR");
        let args: Vec<String> = ["lambda-lab", "export"]
            .iter()
            .map(|a| (*a).to_owned())
            .chain(args.iter().map(|a| a.replace("{root}", manifest)))
            .collect();
        let cli = Cli::try_parse_from(args).unwrap();
        let Some(Command::Export(args)) = &cli.command else {
            panic!("not the export command");
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = super::run(args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn writes_the_files_and_names_the_next_command() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("aws");
        let out_arg = out_dir.to_string_lossy().into_owned();
        let (code, out, err) = export(&[
            "--code",
            "{root}/assets/handlers/hello.py",
            "--architecture",
            "arm64",
            "--schedule",
            "rate(1 hour)",
            "--out",
            &out_arg,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains(
                "Exported hello (python3.13, hello.lambda_handler) with the schedule rate(1 hour)"
            ),
            "{out}"
        );
        assert!(out.contains("  function.zip (1 file, "), "{out}");
        assert!(out.contains("sam deploy --guided"), "{out}");
        let template = std::fs::read_to_string(out_dir.join("template.yaml")).unwrap();
        assert!(template.contains("        - arm64\n"), "{template}");
    }

    #[test]
    fn bad_input_exits_2_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("aws");
        let out_arg = out_dir.to_string_lossy().into_owned();
        let (code, _, err) = export(&[
            "--code",
            "{root}/assets/handlers/counter.mjs",
            "--http-route",
            "GET orders",
            "--out",
            &out_arg,
        ]);
        assert_eq!(code, 2);
        assert!(err.contains("the path must start with /"), "{err}");
        assert!(!out_dir.exists());
    }
}
