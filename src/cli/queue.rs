//! `lambda-lab queue`: an SQS queue with a Lambda event source mapping in front of a handler.
//! Messages come from a JSON Lines file or stdin; the mapping delivers them in batches with
//! AWS's rules (batch size and window, visibility timeout, partial batch responses, the
//! dead-letter queue after maxReceiveCount, FIFO order within a message group). Each batch's
//! invocation record on stdout (JSON Lines with `--json`), log lines and the final summary on
//! stderr.

use std::io::{Read, Write};
use std::path::PathBuf;

use super::function::FunctionArgs;
use super::sources::{pool_for, print_delivery, stop_on_ctrl_c};
use crate::model::queue::{QueueConfig, parse_messages};
use crate::sources::Clock;
use crate::sources::queue::{self as runner, QueueRun};

#[derive(Debug, clap::Args)]
pub struct QueueArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The messages: a JSON Lines file (one message per line: a body, or
    /// `{"body": …, "messageAttributes": {…}, "messageGroupId": …}`), or `-` for stdin.
    #[arg(long, value_name = "FILE|-")]
    pub messages: PathBuf,
    /// The queue's name (a FIFO queue's ends in `.fifo`).
    #[arg(long)]
    pub queue_name: Option<String>,
    /// Most messages in one batch (BatchSize; 1–10,000, FIFO 1–10).
    #[arg(long, default_value_t = 10)]
    pub batch_size: u32,
    /// How long the mapping gathers messages before invoking (MaximumBatchingWindowInSeconds).
    #[arg(long, default_value_t = 0)]
    pub batch_window_secs: u32,
    /// How long a received message stays invisible (the queue's VisibilityTimeout).
    #[arg(long, default_value_t = 30)]
    pub visibility_timeout_secs: u32,
    /// Move a message to the dead-letter queue after this many receives (the redrive policy's
    /// maxReceiveCount); without it, failing messages come back until they expire.
    #[arg(long)]
    pub max_receive_count: Option<u32>,
    /// The mapping's ReportBatchItemFailures: the handler's `batchItemFailures` name the only
    /// messages to retry.
    #[arg(long)]
    pub report_batch_item_failures: bool,
    /// A FIFO queue: order kept within each message group.
    #[arg(long)]
    pub fifo: bool,
    /// Run the queue's clock this many times faster than real time (visibility timeouts and
    /// batching windows pass sooner; invokes take their real time).
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Print each invocation's record as JSON Lines (the record `invoke --json` prints).
    #[arg(long)]
    pub json: bool,
}

/// Delivers until every message is deleted or dead-lettered (or Ctrl+C); the exit code (0, 1
/// when messages ended in the dead-letter queue or were left, 2 for bad input).
pub fn run(args: &QueueArgs, err: &mut dyn Write) -> u8 {
    let fail = |err: &mut dyn Write, message: &dyn std::fmt::Display| {
        let _ = writeln!(err, "lambda-lab queue: {message}");
        2
    };
    if !(args.speed.is_finite() && args.speed >= 1.0) {
        return fail(err, &format!("--speed {} must be 1 or more", args.speed));
    }
    let text = if args.messages.as_os_str() == "-" {
        let mut text = String::new();
        if let Err(error) = std::io::stdin().read_to_string(&mut text) {
            return fail(
                err,
                &format!("cannot read the messages from stdin: {error}"),
            );
        }
        text
    } else {
        match std::fs::read_to_string(&args.messages) {
            Ok(text) => text,
            Err(error) => {
                return fail(
                    err,
                    &format!("cannot read {}: {error}", args.messages.display()),
                );
            }
        }
    };
    let messages = match parse_messages(&text) {
        Ok(messages) if messages.is_empty() => {
            return fail(err, &"the messages file has no message");
        }
        Ok(messages) => messages,
        Err(error) => return fail(err, &format!("{}: {error}", args.messages.display())),
    };
    let name = args.queue_name.clone().unwrap_or_else(|| {
        if args.fifo {
            "lambda-lab-queue.fifo".to_owned()
        } else {
            "lambda-lab-queue".to_owned()
        }
    });
    let config = QueueConfig {
        name,
        fifo: args.fifo,
        batch_size: args.batch_size,
        batch_window_secs: args.batch_window_secs,
        visibility_timeout_secs: args.visibility_timeout_secs,
        max_receive_count: args.max_receive_count,
        report_batch_item_failures: args.report_batch_item_failures,
        function_timeout_secs: args.function.timeout_secs,
    };
    if let Err(problems) = config.validate() {
        let problems: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return fail(err, &problems.join("; "));
    }
    // The pool first: starting it must not use up the queue's (fast) clock.
    let mut pool = match pool_for(&args.function, "queue", err) {
        Ok(pool) => pool,
        Err(code) => return code,
    };
    let clock = Clock::real_time(args.speed);
    let mut run = match QueueRun::new(config, messages, &clock) {
        Ok(run) => run,
        Err(message) => return fail(err, &message),
    };
    for warning in run.warnings() {
        let _ = writeln!(err, "warning: {warning}");
    }
    let stop = stop_on_ctrl_c();
    run.deliver(&mut pool, &clock, &stop, &mut |update| {
        if let runner::QueueUpdate::Delivered(delivery) = update {
            print_delivery(args.json, &delivery.label, &delivery.record);
            for line in &delivery.verdict {
                let _ = writeln!(std::io::stderr().lock(), "  {line}");
            }
        }
    });
    let summary = run.summary_lines(&clock);
    for line in &summary.lines {
        let _ = writeln!(err, "{line}");
    }
    u8::from(!summary.all_deleted)
}
