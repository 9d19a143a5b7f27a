//! `lambda-lab invoke`: runs a handler in the embedded engine or a real runtime process, as
//! Lambda would, and prints the response (stdout) and CloudWatch log lines (stderr), or one
//! invocation record per line with `--json`.

use std::io::{Read, Write};
use std::sync::Arc;

use crate::cli::function::FunctionArgs;
use crate::model::lambda::InvocationType;
use crate::model::limits::{ASYNC_RETRY_DELAYS_SECS, MAX_STREAMED_RESPONSE_BYTES};
use crate::runtime::job::{self, InvokeJob, JobResult, Pools};
use crate::runtime::record::{FunctionError, InvocationRecord, Status, StreamedResponse};

#[derive(Debug, clap::Args)]
pub struct InvokeArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The event JSON: a file, or `-` for standard input.
    #[arg(long, value_name = "FILE|-")]
    pub event: String,
    /// Invoke this many times in sequence on the same pool, so warm reuse shows.
    #[arg(long, default_value_t = 1)]
    pub repeat: u32,
    /// Send each batch of this many requests at once.
    #[arg(long, default_value_t = 1)]
    pub concurrency: u32,
    #[arg(long, value_enum, default_value_t = InvocationType::RequestResponse)]
    pub invocation_type: InvocationType,
    /// Print one invocation record per line (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

fn bad_input(message: &str) -> u8 {
    eprintln!("lambda-lab invoke: {message}");
    2
}

/// Runs the command; returns the exit code (0 all succeeded, 1 any failed, 2 bad input).
pub fn run(args: &InvokeArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let event = if args.event == "-" {
        let mut text = String::new();
        if let Err(error) = std::io::stdin().read_to_string(&mut text) {
            return bad_input(&format!(
                "cannot read the event from standard input: {error}"
            ));
        }
        text
    } else {
        match std::fs::read_to_string(&args.event) {
            Ok(text) => text,
            Err(error) => {
                return bad_input(&format!(
                    "cannot read the event file {}: {error}",
                    args.event
                ));
            }
        }
    };
    if let Err(error) = serde_json::from_str::<serde_json::Value>(&event) {
        return bad_input(&format!(
            "the event is not valid JSON (line {}, column {}): {error}",
            error.line(),
            error.column()
        ));
    }
    if args.repeat == 0 || args.concurrency == 0 {
        return bad_input("--repeat and --concurrency must be at least 1");
    }
    let config = match args.function.config() {
        Ok(config) => config,
        Err(message) => return bad_input(&message),
    };
    let job = InvokeJob {
        config,
        // Shared, not copied: every invoke of the batch and of each repeat reads the same text.
        event_json: Arc::from(event),
        repeat: args.repeat,
        concurrency: args.concurrency,
        invocation_type: args.invocation_type,
    };
    let result = match job::run(&mut Pools::default(), &job, &|| false, &|_| {}) {
        Ok(result) => result,
        Err(invalid) => return bad_input(&invalid.to_string()),
    };
    if result.dry_run {
        let _ = writeln!(err, "{}", JobResult::DRY_RUN_MESSAGE);
        return 0;
    }
    if args.invocation_type == InvocationType::Event {
        return print_asynchronous(&result, args.json, out, err);
    }
    let mut any_failed = false;
    for record in &result.records {
        any_failed |= record.status != Status::Success;
        print_record(record, args.json, out, err);
    }
    u8::from(any_failed)
}

/// What `aws lambda invoke --invocation-type Event` shows, one event after another: the 202,
/// then each attempt's log lines and how the event ended.
fn print_asynchronous(
    result: &JobResult,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut any_failed = false;
    for invocation in &result.asynchronous {
        if !json {
            // What `aws lambda invoke --invocation-type Event` prints: no payload comes back.
            let _ = writeln!(out, "{{\"StatusCode\": {}}}", invocation.status_code);
            let _ = writeln!(
                err,
                "Event: HTTP {} for request {}{}",
                invocation.status_code,
                invocation.request_id,
                if invocation.status_code == 202 {
                    " (accepted; Lambda runs it in the background)"
                } else {
                    ""
                }
            );
        }
        for (attempt, record) in invocation.attempts.iter().enumerate() {
            if attempt > 0 && !json {
                let _ = writeln!(
                    err,
                    "Retry {attempt} of {} (on AWS about {} s after the previous attempt)",
                    ASYNC_RETRY_DELAYS_SECS.len(),
                    ASYNC_RETRY_DELAYS_SECS[attempt - 1]
                );
            }
            if json {
                print_record(record, true, out, err);
            } else {
                for line in &record.logs {
                    let _ = writeln!(err, "{line}");
                }
            }
        }
        if let Some(failure) = &invocation.failure {
            any_failed = true;
            if !json {
                let _ = writeln!(
                    err,
                    "Failed after {} attempts: the event goes to the on-failure destination (or dead-letter queue) with its error.",
                    failure.attempts
                );
            }
        }
        any_failed |= invocation.status_code != 202;
    }
    u8::from(any_failed)
}

fn print_record(record: &InvocationRecord, json: bool, out: &mut dyn Write, err: &mut dyn Write) {
    if json {
        let line = serde_json::to_string(record).unwrap_or_default();
        let _ = writeln!(out, "{line}");
        return;
    }
    for line in &record.logs {
        let _ = writeln!(err, "{line}");
    }
    if let Some(stream) = &record.stream {
        print_stream(stream, record.error.as_ref(), out, err);
        return;
    }
    match (&record.response, &record.error) {
        (Some(response), _) => {
            let _ = writeln!(out, "{response}");
        }
        (None, Some(error)) => {
            let _ = writeln!(out, "{}", serde_json::to_string(error).unwrap_or_default());
        }
        (None, None) => {
            let _ = writeln!(out, "null");
        }
    }
}

/// A streamed response: each chunk with its time on stderr, the body on stdout (for an HTTP
/// integration response, the status and headers first, as a function URL client gets them);
/// an error that ended the stream comes after what was already sent.
fn print_stream(
    stream: &StreamedResponse,
    error: Option<&FunctionError>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    let total: usize = stream.chunks.iter().map(|c| c.bytes.len()).sum();
    let _ = writeln!(
        err,
        "Streamed response ({}): {} chunks, {} bytes",
        stream.content_type,
        stream.chunks.len(),
        total
    );
    for (index, chunk) in stream.chunks.iter().enumerate() {
        let _ = writeln!(
            err,
            "  chunk {} at {:.1} ms: {} bytes",
            index + 1,
            chunk.at_ms,
            chunk.bytes.len()
        );
    }
    if total > MAX_STREAMED_RESPONSE_BYTES {
        let _ = writeln!(
            err,
            "Over Lambda's {} MB streamed response limit: a function URL would cut it there.",
            MAX_STREAMED_RESPONSE_BYTES / (1024 * 1024)
        );
    }
    match stream.http_parts() {
        Some((prelude, body)) => {
            let _ = writeln!(out, "{prelude}");
            let _ = out.write_all(&body);
        }
        None => {
            let _ = out.write_all(&stream.body());
        }
    }
    let _ = writeln!(out);
    if let Some(error) = error {
        let _ = writeln!(out, "{}", serde_json::to_string(error).unwrap_or_default());
    }
}
