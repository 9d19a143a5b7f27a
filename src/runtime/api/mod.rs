//! The Lambda Runtime API (version 2018-06-01) on loopback: the HTTP loop through which
//! Lambda runs every runtime. Each execution environment gets its own [`Endpoint`] (its own
//! port on 127.0.0.1), so one runtime process can never take another's events.
//!
//! The server runs on one small tokio runtime shared by all endpoints; the environment's
//! thread talks to it through channels: it queues an [`Invocation`] and waits for
//! [`ApiEvent`]s (the runtime asked for work, posted a response or an error).

mod routes;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock, mpsc};

use axum::serve::ListenerExt;
use thiserror::Error;

use super::record::FunctionError;

/// An event handed to the runtime by `GET /runtime/invocation/next`.
#[derive(Clone, Debug)]
pub struct Invocation {
    pub request_id: String,
    pub event_json: Arc<str>,
    /// `Lambda-Runtime-Deadline-Ms`: Unix epoch milliseconds.
    pub deadline_epoch_ms: u64,
    pub invoked_function_arn: String,
    pub trace_id: String,
    /// `Lambda-Runtime-Client-Context`, when the caller sent one.
    pub client_context: Option<String>,
    /// `Lambda-Runtime-Cognito-Identity`, when the caller sent one.
    pub cognito_identity: Option<String>,
}

/// A response the runtime streamed (`Lambda-Runtime-Function-Response-Mode: streaming`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamedBody {
    pub content_type: String,
    /// The body's pieces with when each arrived (HTTP chunks as the server read them).
    pub chunks: Vec<(std::time::Instant, Vec<u8>)>,
}

/// What the runtime did, as the environment's thread learns it.
#[derive(Debug)]
pub enum ApiEvent {
    /// The runtime called `/next`: its init is over and it waits for work.
    NextPolled,
    /// `/response` for the invocation in flight: the body as sent (streamed or not).
    Response {
        request_id: String,
        body: Vec<u8>,
        /// Set when a streamed response ended with error trailers.
        stream_error: Option<FunctionError>,
        /// For a streamed response: its content type and each piece as it arrived.
        streamed: Option<StreamedBody>,
    },
    /// `/response` over the 6 MB limit: Lambda answers 413 and fails the invocation.
    ResponseTooLarge { request_id: String, bytes: usize },
    /// `/error` for the invocation in flight.
    Error {
        request_id: String,
        error: FunctionError,
    },
    /// `/init/error`: the runtime could not initialise.
    InitError(FunctionError),
}

/// One HTTP request the runtime made, for showing the loop to a learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// `GET /2018-06-01/runtime/invocation/next`
    pub request_line: String,
    /// Request headers as the runtime sent them (lower-cased names, as HTTP/1 parsers give).
    pub request_headers: Vec<(String, String)>,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
}

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("could not start the Runtime API server: {0}")]
    Start(#[source] std::io::Error),
    #[error("could not listen on 127.0.0.1: {0}")]
    Bind(#[source] std::io::Error),
}

/// The one tokio runtime behind every endpoint.
fn shared_runtime() -> Result<&'static tokio::runtime::Runtime, ApiError> {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        // Two workers: a handful of long polls and posts, never CPU-heavy.
        .worker_threads(2)
        .thread_name("runtime-api")
        .enable_io()
        .enable_time()
        .build()
        .map_err(ApiError::Start)?;
    Ok(RUNTIME.get_or_init(|| runtime))
}

/// The state one endpoint's routes share.
pub(crate) struct EndpointState {
    /// Invocations waiting for `/next`; one runtime polls at a time.
    pub(crate) queue: tokio::sync::Mutex<tokio::sync::mpsc::Receiver<Invocation>>,
    pub(crate) events: mpsc::Sender<ApiEvent>,
    /// The request id handed out by the last `/next` and not yet answered.
    pub(crate) in_flight: Mutex<Option<String>>,
    /// Every request of the runtime, oldest first, when recording was asked for.
    pub(crate) exchanges: Mutex<Vec<Exchange>>,
}

/// One environment's Runtime API: `AWS_LAMBDA_RUNTIME_API` is [`Endpoint::host_port`].
pub struct Endpoint {
    pub address: SocketAddr,
    queue: tokio::sync::mpsc::Sender<Invocation>,
    events: mpsc::Receiver<ApiEvent>,
    state: Arc<EndpointState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl Endpoint {
    /// Starts serving on a free port of 127.0.0.1.
    pub fn start() -> Result<Self, ApiError> {
        let runtime = shared_runtime()?;
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).map_err(ApiError::Bind)?;
        listener.set_nonblocking(true).map_err(ApiError::Bind)?;
        let address = listener.local_addr().map_err(ApiError::Bind)?;
        let (queue, queue_receiver) = tokio::sync::mpsc::channel(1);
        let (events_sender, events) = mpsc::channel();
        let state = Arc::new(EndpointState {
            queue: tokio::sync::Mutex::new(queue_receiver),
            events: events_sender,
            in_flight: Mutex::new(None),
            exchanges: Mutex::new(Vec::new()),
        });
        let (shutdown, shutdown_signal) = tokio::sync::oneshot::channel::<()>();
        let app = routes::router(Arc::clone(&state));
        let _guard = runtime.enter();
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(ApiError::Bind)?
            // Answers go out at once, not held back by Nagle's algorithm: a warm invoke is
            // two short exchanges on one connection.
            .tap_io(|stream| {
                let _ = stream.set_nodelay(true);
            });
        runtime.spawn(async move {
            let served = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = shutdown_signal.await;
            });
            if let Err(error) = served.await {
                log::warn!("Runtime API server stopped: {error}");
            }
        });
        Ok(Self {
            address,
            queue,
            events,
            state,
            shutdown: Some(shutdown),
        })
    }

    /// The value of `AWS_LAMBDA_RUNTIME_API`: `127.0.0.1:PORT`.
    pub fn host_port(&self) -> String {
        self.address.to_string()
    }

    /// Queues an invocation for the runtime's next `/next`. False when the server is gone.
    pub fn submit(&self, invocation: Invocation) -> bool {
        // Never blocks for long: the pool sends one invocation at a time per environment.
        self.queue.blocking_send(invocation).is_ok()
    }

    /// The next thing the runtime did, waiting at most `wait`.
    pub fn next_event(&self, wait: std::time::Duration) -> Option<ApiEvent> {
        self.events.recv_timeout(wait).ok()
    }

    /// The runtime's requests so far, and forgets them.
    pub fn take_exchanges(&self) -> Vec<Exchange> {
        self.state
            .exchanges
            .lock()
            .map(|mut exchanges| std::mem::take(&mut *exchanges))
            .unwrap_or_default()
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

#[cfg(test)]
mod tests;
