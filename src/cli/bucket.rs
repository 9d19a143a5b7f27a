//! `lambda-lab bucket`: a folder watched as an S3 bucket in front of a handler. Each file
//! created, changed or deleted in it (matching `--prefix` and `--suffix`) is the S3
//! notification Lambda would get, invoked asynchronously with S3's retries. Records on stdout
//! (JSON Lines with `--json`), log lines on stderr; Ctrl+C stops.

use std::io::Write;
use std::path::PathBuf;

use super::function::FunctionArgs;
use super::sources::{pool_for, print_attempts, stop_on_ctrl_c};
use crate::sources::bucket::{self as runner, Watch};

#[derive(Debug, clap::Args)]
pub struct BucketArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The folder standing for the bucket (its name, made a valid bucket name, names it).
    #[arg(long, value_name = "DIR")]
    pub watch: PathBuf,
    /// Only keys starting with this (the notification's prefix filter).
    #[arg(long)]
    pub prefix: Option<String>,
    /// Only keys ending with this, e.g. `.jpg` (the notification's suffix filter).
    #[arg(long)]
    pub suffix: Option<String>,
    /// Print each invocation's record as JSON Lines (the record `invoke --json` prints).
    #[arg(long)]
    pub json: bool,
}

/// Watches until Ctrl+C; the exit code (0, 1 when the folder could not be read any more, 2
/// for bad input).
pub fn run(args: &BucketArgs, err: &mut dyn Write) -> u8 {
    let watch = match Watch::new(&args.watch, args.prefix.as_deref(), args.suffix.as_deref()) {
        Ok(watch) => watch,
        Err(message) => {
            let _ = writeln!(err, "lambda-lab bucket: {message}");
            return 2;
        }
    };
    let mut pool = match pool_for(&args.function, "bucket", err) {
        Ok(pool) => pool,
        Err(code) => return code,
    };
    let baseline = match runner::baseline(&watch) {
        Ok(baseline) => baseline,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab bucket: {}: {error}", watch.dir.display());
            return 2;
        }
    };
    let _ = writeln!(
        err,
        "Watching {} as the bucket \"{}\"{}{} (Ctrl+C stops)",
        watch.dir.display(),
        watch.bucket,
        args.prefix
            .as_ref()
            .map_or(String::new(), |p| format!(", prefix {p:?}")),
        args.suffix
            .as_ref()
            .map_or(String::new(), |s| format!(", suffix {s:?}")),
    );
    let stop = stop_on_ctrl_c();
    let mut failed = 0;
    let watched = runner::run(&mut pool, &watch, baseline, &stop, &mut |event| {
        let what = format!("{} {}", event.change.event_name(), event.change.key());
        if print_attempts(args.json, &what, &event.invocation) {
            failed += 1;
            let _ = writeln!(
                std::io::stderr().lock(),
                "  every attempt failed: the event goes to the on-failure destination"
            );
        }
    });
    crate::runtime::external::end_all_processes();
    match watched {
        Ok(sent) => {
            let _ = writeln!(
                err,
                "Stopped: {sent} event(s) sent, {failed} failed every attempt."
            );
            0
        }
        Err(error) => {
            let _ = writeln!(err, "lambda-lab bucket: {}: {error}", watch.dir.display());
            1
        }
    }
}
