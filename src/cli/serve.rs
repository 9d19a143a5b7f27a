//! `lambda-lab serve`: keeps one function's pool running behind Lambda's Invoke endpoint
//! (`POST /2015-03-31/functions/{name}/invocations` on 127.0.0.1), as the Runtime Interface
//! Emulator does inside a container image, so `curl` or an AWS SDK pointed at it can invoke
//! the function. Each invocation prints its record (JSON Lines) on stdout and its CloudWatch
//! lines on stderr; Ctrl+C stops the server and ends every runtime process.

use std::io::Write;
use std::sync::mpsc;

use crate::sources::http::read_limited_bytes;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::cli::function::FunctionArgs;
use crate::model::lambda::InvocationType;
use crate::model::limits::{MAX_ASYNC_REQUEST_BYTES, MAX_SYNC_REQUEST_BYTES};
use crate::runtime::pool::{ACCOUNT_ID, Pool, REGION};
use crate::runtime::record::{InvocationRecord, Status};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The port on 127.0.0.1 (the emulator's usual 9000; 0 picks a free one).
    #[arg(long, default_value_t = 9000)]
    pub port: u16,
}

/// One invoke for the pool's thread; `answer` gets the record (None for `Event`).
pub(super) struct Job {
    pub(super) event_json: String,
    pub(super) asynchronous: bool,
    pub(super) answer: tokio::sync::oneshot::Sender<InvocationRecord>,
}

#[derive(Clone)]
struct Shared {
    function_name: String,
    jobs: mpsc::Sender<Job>,
}

/// Runs until Ctrl+C; returns the exit code (0 after a clean stop, 2 for bad input).
pub fn run(args: &ServeArgs, err: &mut dyn Write) -> u8 {
    let pool = match crate::cli::sources::pool_for(&args.function, "serve", err) {
        Ok(pool) => pool,
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab serve: {error}");
            return 2;
        }
    };
    let listener = match std::net::TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(listener) => listener,
        Err(error) => {
            let _ = writeln!(
                err,
                "lambda-lab serve: cannot listen on 127.0.0.1:{}: {error}",
                args.port
            );
            return 2;
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let function_name = pool.config().function_name.clone();
    let (jobs, queue) = mpsc::channel::<Job>();
    // The pool lives on its own thread: it is not shared, and its invokes block.
    let pool_thread = std::thread::spawn(move || serve_pool(pool, queue, print));
    let _ = writeln!(
        err,
        "Serving {function_name} on http://{address}/2015-03-31/functions/function/invocations (Ctrl+C stops)"
    );
    let shared = Shared {
        function_name,
        jobs,
    };
    let app = Router::new()
        .route("/2015-03-31/functions/{name}/invocations", post(invoke))
        .with_state(shared);
    serve_and_stop(runtime, listener, app, Some(pool_thread), "serve", err)
}

/// Serves `app` until Ctrl+C, then ends every execution environment and says so; the exit
/// code (0 after a clean stop). `command` names the subcommand in an error.
pub(super) fn serve_and_stop(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    app: Router,
    pool_thread: Option<std::thread::JoinHandle<()>>,
    command: &str,
    err: &mut dyn Write,
) -> u8 {
    let served = runtime.block_on(serve_until_ctrl_c(listener, app));
    // Dropping the router dropped the last job sender: the pool thread ends and its pool
    // kills every runtime process. An invoke still waiting on a blocking thread (an embedded
    // handler running towards its timeout) is not waited for: the process ends it.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    // Environments started while the server drained are ended too.
    crate::runtime::external::end_all_processes();
    if let Some(pool_thread) = pool_thread {
        let _ = pool_thread.join();
    }
    match served {
        Ok(()) => {
            let _ = writeln!(err, "Stopped; every execution environment was shut down.");
            0
        }
        Err(error) => {
            let _ = writeln!(err, "lambda-lab {command}: {error}");
            1
        }
    }
}

/// Serves `app` on `listener` until Ctrl+C (or SIGTERM), ending every runtime process on the way out so
/// an invoke still running does not hold the stop up.
pub(super) async fn serve_until_ctrl_c(
    listener: std::net::TcpListener,
    app: Router,
) -> std::io::Result<()> {
    crate::sources::http::serve_until(listener, app, async {
        super::sources::interrupted().await;
        // End the runtime processes first: an invoke still running (a handler sleeping
        // towards its timeout) then answers at once.
        crate::runtime::external::end_all_processes();
        // A second Ctrl+C does not wait for anything.
        tokio::spawn(async {
            super::sources::interrupted().await;
            crate::runtime::external::end_all_processes();
            std::process::exit(130);
        });
    })
    .await
}

/// Runs jobs as they come. Requests that arrive together run together, each on its own
/// environment, as concurrent requests do on Lambda.
pub(super) fn serve_pool(
    mut pool: Pool,
    queue: mpsc::Receiver<Job>,
    report: fn(&InvocationRecord),
) {
    while let Ok(first) = queue.recv() {
        // Stopping: what is still queued is dropped (its callers get an error, or already
        // had their 202), rather than starting new runtime processes.
        if crate::runtime::external::shutting_down() {
            drop(first);
            queue.try_iter().for_each(drop);
            continue;
        }
        let mut batch = vec![first];
        batch.extend(queue.try_iter());
        let (asynchronous, synchronous): (Vec<Job>, Vec<Job>) =
            batch.into_iter().partition(|job| job.asynchronous);
        let events: Vec<String> = synchronous
            .iter()
            .map(|job| job.event_json.clone())
            .collect();
        let records = pool.invoke_batch(&events);
        for (job, record) in synchronous.into_iter().zip(records) {
            report(&record);
            let _ = job.answer.send(record);
        }
        for job in asynchronous {
            let outcome = pool.invoke_event(&job.event_json);
            for record in &outcome.attempts {
                report(record);
            }
        }
    }
}

/// The record's log lines on stderr.
pub(super) fn print_logs(record: &InvocationRecord) {
    let mut err = std::io::stderr().lock();
    for line in &record.logs {
        let _ = writeln!(err, "{line}");
    }
}

/// The log lines on stderr, the record as a JSON line on stdout.
fn print(record: &InvocationRecord) {
    print_logs(record);
    let line = serde_json::to_string(record).unwrap_or_default();
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [("content-type", "application/json")], body).into_response()
}

/// The Invoke API's answer for a user error: `{"Type":"User","message":…}`.
fn user_error(status: StatusCode, error_type: &str, message: &str) -> Response {
    let body = serde_json::json!({"Type": "User", "message": message}).to_string();
    let mut response = json(status, body);
    if let Ok(value) = error_type.parse() {
        response.headers_mut().insert("x-amzn-errortype", value);
    }
    response
}

async fn invoke(
    State(shared): State<Shared>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if name != "function" && name != shared.function_name {
        return user_error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            &format!("Function not found: arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"),
        );
    }
    let invocation_type = match headers
        .get("x-amz-invocation-type")
        .map(|value| value.to_str().unwrap_or(""))
    {
        None | Some("RequestResponse") => InvocationType::RequestResponse,
        Some("Event") => InvocationType::Event,
        Some("DryRun") => InvocationType::DryRun,
        Some(other) => {
            return user_error(
                StatusCode::BAD_REQUEST,
                "InvalidParameterValueException",
                &format!("Unsupported invocation type {other}"),
            );
        }
    };
    let Some(event_json) = read_limited(body, MAX_SYNC_REQUEST_BYTES).await else {
        return user_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLargeException",
            &format!(
                "Request must be smaller than {MAX_SYNC_REQUEST_BYTES} bytes for the InvokeFunction operation"
            ),
        );
    };
    let event_json = if event_json.trim().is_empty() {
        "{}".to_owned()
    } else {
        event_json
    };
    // An asynchronous event must fit Lambda's queue: refused before the 202, as AWS does.
    if invocation_type == InvocationType::Event && event_json.len() > MAX_ASYNC_REQUEST_BYTES {
        return user_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLargeException",
            &format!(
                "Request must be smaller than {MAX_ASYNC_REQUEST_BYTES} bytes for the InvokeFunction operation"
            ),
        );
    }
    if let Err(error) = serde_json::from_str::<serde_json::Value>(&event_json) {
        return user_error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContentException",
            &format!("Could not parse request body into json: {error}"),
        );
    }
    if invocation_type == InvocationType::DryRun {
        return StatusCode::NO_CONTENT.into_response();
    }
    let (answer, answered) = tokio::sync::oneshot::channel();
    let asynchronous = invocation_type == InvocationType::Event;
    let sent = shared.jobs.send(Job {
        event_json,
        asynchronous,
        answer,
    });
    if sent.is_err() {
        return user_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceException",
            "The function is shutting down",
        );
    }
    if asynchronous {
        return StatusCode::ACCEPTED.into_response();
    }
    match answered.await {
        Ok(record) => answer_for(&record),
        Err(_) => user_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "ServiceException",
            "The invocation was lost",
        ),
    }
}

/// The body as text, or None when it is larger than `limit`.
async fn read_limited(body: Body, limit: usize) -> Option<String> {
    read_limited_bytes(body, limit)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// What the Invoke API returns for a finished invocation: 200 with the payload, 200 with
/// `X-Amz-Function-Error: Unhandled` and the error for a failed one, 429 for a throttle.
fn answer_for(record: &InvocationRecord) -> Response {
    let mut response = match (record.status, &record.response, &record.error) {
        (Status::Throttled, _, error) => {
            let body = serde_json::json!({
                "Reason": record.throttle_reason,
                "Type": "User",
                "message": error.as_ref().map_or("Rate Exceeded.", |e| e.error_message.as_str()),
            });
            let mut throttled = json(StatusCode::TOO_MANY_REQUESTS, body.to_string());
            throttled.headers_mut().insert(
                "x-amzn-errortype",
                axum::http::HeaderValue::from_static("TooManyRequestsException"),
            );
            throttled
        }
        (Status::Success, Some(payload), _) => json(StatusCode::OK, payload.text().to_owned()),
        (Status::Success, None, _) => json(StatusCode::OK, "null".to_owned()),
        (_, _, Some(error)) if error.error_type == "RequestEntityTooLargeException" => {
            let body = serde_json::json!({"Type": "User", "message": error.error_message});
            json(StatusCode::PAYLOAD_TOO_LARGE, body.to_string())
        }
        (_, _, error) => {
            let body = serde_json::to_string(error).unwrap_or_else(|_| "null".to_owned());
            let mut failed = json(StatusCode::OK, body);
            failed.headers_mut().insert(
                "x-amz-function-error",
                axum::http::HeaderValue::from_static("Unhandled"),
            );
            failed
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        "x-amz-executed-version",
        axum::http::HeaderValue::from_static("$LATEST"),
    );
    if let Ok(id) = record.request_id.parse() {
        headers.insert("x-amzn-requestid", id);
    }
    response
}
