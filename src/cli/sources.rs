//! What the event-source commands (`queue`, `bucket`, `schedule`) share: the function's pool
//! from its flags, a Ctrl+C that stops the source between deliveries, and one output format
//! for a delivery's invocation record (JSON Lines with `--json`, a line for people without).

use std::io::Write;

use crate::cli::function::FunctionArgs;
use crate::runtime::config::describe;
use crate::runtime::pool::Pool;
use crate::runtime::record::{InvocationRecord, Status};
use crate::sources::StopFlag;

/// The function's pool, or the exit code 2 after saying what is wrong (named for `command`).
pub(super) fn pool_for(
    function: &FunctionArgs,
    command: &str,
    err: &mut dyn Write,
) -> Result<Pool, u8> {
    let config = function.config().map_err(|message| {
        let _ = writeln!(err, "lambda-lab {command}: {message}");
        2
    })?;
    let problems = config.validate();
    if !problems.is_empty() {
        let _ = writeln!(err, "lambda-lab {command}: {}", describe(&problems));
        return Err(2);
    }
    let pool = Pool::new(config);
    if let Some(refusal) = pool.refused() {
        let _ = writeln!(err, "lambda-lab {command}: {refusal}");
        return Err(2);
    }
    Ok(pool)
}

/// Waits for Ctrl+C, or for SIGTERM (what `kill` and process managers send; a background job
/// of a non-interactive shell ignores SIGINT).
pub(super) async fn interrupted() {
    let (sender, mut received) = tokio::sync::mpsc::channel::<()>(2);
    #[cfg(unix)]
    if let Ok(mut terminate) =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        let sender = sender.clone();
        tokio::spawn(async move {
            terminate.recv().await;
            let _ = sender.send(()).await;
        });
    }
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = sender.send(()).await;
    });
    let _ = received.recv().await;
}

/// A flag set by the first Ctrl+C or SIGTERM (a second one exits at once, ending runtime
/// processes).
pub(super) fn stop_on_ctrl_c() -> StopFlag {
    let stop = StopFlag::default();
    let flag = stop.clone();
    let spawned = std::thread::Builder::new()
        .name("ctrl-c".to_owned())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                interrupted().await;
                flag.set();
                interrupted().await;
                crate::runtime::external::end_all_processes();
                std::process::exit(130);
            });
        });
    if let Err(error) = spawned {
        log::warn!("Ctrl+C will not stop the source gently: {error}");
    }
    stop
}

/// A delivery's record: its log lines on stderr, then the record as a JSON line (`json`) or
/// one line for people, led by `what` (e.g. "batch of 3 (receive 2)"), on stdout.
pub(super) fn print_delivery(json: bool, what: &str, record: &InvocationRecord) {
    let mut err = std::io::stderr().lock();
    for line in &record.logs {
        let _ = writeln!(err, "{line}");
    }
    drop(err);
    let text = if json {
        serde_json::to_string(record).unwrap_or_default()
    } else {
        let outcome = match (&record.error, record.status) {
            (_, Status::Success) => "ok".to_owned(),
            (Some(error), _) => format!("{} ({})", status_word(record.status), error.error_type),
            (None, status) => status_word(status).to_owned(),
        };
        format!(
            "{what} → {outcome} · {} · {:.2} ms (billed {} ms) · {}",
            if record.cold { "cold" } else { "warm" },
            record.duration_ms,
            record.billed_duration_ms,
            record.request_id
        )
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// Every attempt of an asynchronous invoke (the first run and Lambda's retries), each led by
/// `what` and, when there were retries, "(attempt n of m)". True when every attempt failed.
pub(super) fn print_attempts(
    json: bool,
    what: &str,
    invocation: &crate::runtime::pool::AsyncInvocation,
) -> bool {
    let attempts = invocation.attempts.len();
    for (n, record) in invocation.attempts.iter().enumerate() {
        if attempts > 1 {
            print_delivery(
                json,
                &format!("{what} (attempt {} of {attempts})", n + 1),
                record,
            );
        } else {
            print_delivery(json, what, record);
        }
    }
    invocation.failure.is_some()
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Success => "ok",
        Status::Error => "error",
        Status::Timeout => "timed out",
        Status::OutOfMemory => "out of memory",
        Status::Throttled => "throttled",
    }
}
