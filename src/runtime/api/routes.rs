//! The four routes of the Runtime API, answered as Lambda answers them (FACTS.md "Runtime
//! API"): `/next` held open until there is an event, 202 for posts, 400 for an unknown
//! request id, 413 for a response over 6 MB.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use http_body_util::BodyExt;

use super::{ApiEvent, EndpointState, Exchange, StreamedBody};
use crate::model::limits::MAX_SYNC_RESPONSE_BYTES;
use crate::runtime::record::{FunctionError, Payload};

type Shared = Arc<EndpointState>;

const PREFIX: &str = "/2018-06-01/runtime";

pub(super) fn router(state: Shared) -> Router {
    Router::new()
        .route(&format!("{PREFIX}/invocation/next"), get(next))
        .route(
            &format!("{PREFIX}/invocation/{{id}}/response"),
            post(response),
        )
        .route(&format!("{PREFIX}/invocation/{{id}}/error"), post(error))
        .route(&format!("{PREFIX}/init/error"), post(init_error))
        .with_state(state)
}

fn json(status: StatusCode, body: &'static str) -> Response {
    (status, [("content-type", "application/json")], body).into_response()
}

fn accepted() -> Response {
    json(StatusCode::ACCEPTED, r#"{"status":"OK"}"#)
}

fn invalid_request_id() -> Response {
    json(
        StatusCode::BAD_REQUEST,
        r#"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#,
    )
}

fn record(state: &Shared, request_line: String, headers: &HeaderMap, response: &Response) {
    let pairs = |headers: &HeaderMap| -> Vec<(String, String)> {
        headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect()
    };
    if let Ok(mut exchanges) = state.exchanges.lock() {
        // A learner looks at a few invokes; a runtime serving thousands must not grow this.
        if exchanges.len() < 64 {
            exchanges.push(Exchange {
                request_line,
                request_headers: pairs(headers),
                status: response.status().as_u16(),
                response_headers: pairs(response.headers()),
            });
        }
    }
}

/// Takes the request id in flight if it is `id`.
fn claim(state: &Shared, id: &str) -> bool {
    match state.in_flight.lock() {
        Ok(mut in_flight) if in_flight.as_deref() == Some(id) => {
            *in_flight = None;
            true
        }
        _ => false,
    }
}

async fn next(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let _ = state.events.send(ApiEvent::NextPolled);
    // Held open with no time limit: a runtime waits here between invokes.
    let invocation = state.queue.lock().await.recv().await;
    let response = match invocation {
        Some(invocation) => {
            if let Ok(mut in_flight) = state.in_flight.lock() {
                *in_flight = Some(invocation.request_id.clone());
            }
            let mut response = Response::new(Body::from(invocation.event_json.to_string()));
            let headers = response.headers_mut();
            let mut set = |name: &'static str, value: &str| {
                if let Ok(value) = HeaderValue::from_str(value) {
                    headers.insert(name, value);
                }
            };
            // Clients built on aws-lambda-cpp fail without a Content-Type.
            set("content-type", "application/json");
            set("lambda-runtime-aws-request-id", &invocation.request_id);
            set(
                "lambda-runtime-deadline-ms",
                &invocation.deadline_epoch_ms.to_string(),
            );
            set(
                "lambda-runtime-invoked-function-arn",
                &invocation.invoked_function_arn,
            );
            set("lambda-runtime-trace-id", &invocation.trace_id);
            if let Some(context) = &invocation.client_context {
                set("lambda-runtime-client-context", context);
            }
            if let Some(identity) = &invocation.cognito_identity {
                set("lambda-runtime-cognito-identity", identity);
            }
            response
        }
        // The environment is going away.
        None => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"errorMessage":"The execution environment is shutting down","errorType":"ServiceException"}"#,
        ),
    };
    record(
        &state,
        format!("GET {PREFIX}/invocation/next"),
        &headers,
        &response,
    );
    response
}

async fn response(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request<Body>,
) -> Response {
    let headers = request.headers().clone();
    let line = format!("POST {PREFIX}/invocation/{id}/response");
    if !claim(&state, &id) {
        let answer = invalid_request_id();
        record(&state, line, &headers, &answer);
        return answer;
    }
    let streaming = headers
        .get("lambda-runtime-function-response-mode")
        .is_some_and(|mode| mode.as_bytes().eq_ignore_ascii_case(b"streaming"));
    let content_type = headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let mut chunks = Vec::new();
    let mut body = request.into_body();
    let mut bytes = Vec::new();
    let mut stream_error = None;
    let mut too_large = false;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { break };
        if let Some(data) = frame.data_ref() {
            if !streaming && bytes.len() + data.len() > MAX_SYNC_RESPONSE_BYTES {
                too_large = true;
                bytes.clear();
                // Keep counting so the runtime's post completes; Lambda drops the body.
                continue;
            }
            bytes.extend_from_slice(data);
            if streaming {
                chunks.push((std::time::Instant::now(), data.to_vec()));
            }
        } else if let Some(trailers) = frame.trailers_ref() {
            stream_error = stream_trailer_error(trailers);
        }
    }
    // The exchange is recorded before the environment hears of it, so it belongs to this
    // invoke's record.
    let (answer, event) = if too_large {
        (
            json(
                StatusCode::PAYLOAD_TOO_LARGE,
                r#"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#,
            ),
            ApiEvent::ResponseTooLarge {
                request_id: id,
                bytes: MAX_SYNC_RESPONSE_BYTES + 1,
            },
        )
    } else {
        (
            accepted(),
            ApiEvent::Response {
                request_id: id,
                body: bytes,
                stream_error,
                streamed: streaming.then_some(StreamedBody {
                    content_type,
                    chunks,
                }),
            },
        )
    };
    record(&state, line, &headers, &answer);
    let _ = state.events.send(event);
    answer
}

/// A streamed response that failed part-way ends with these trailers.
fn stream_trailer_error(trailers: &HeaderMap) -> Option<FunctionError> {
    let error_type = trailers.get("lambda-runtime-function-error-type")?;
    let error_type = String::from_utf8_lossy(error_type.as_bytes()).into_owned();
    let body = trailers
        .get("lambda-runtime-function-error-body")
        .and_then(|body| {
            base64::engine::general_purpose::STANDARD
                .decode(body.as_bytes())
                .ok()
        })
        .unwrap_or_default();
    let mut error = parse_error_body(&body, Some(&error_type));
    error.error_type = error_type;
    Some(error)
}

async fn error(
    State(state): State<Shared>,
    Path(id): Path<String>,
    request: Request<Body>,
) -> Response {
    let headers = request.headers().clone();
    let line = format!("POST {PREFIX}/invocation/{id}/error");
    if !claim(&state, &id) {
        let answer = invalid_request_id();
        record(&state, line, &headers, &answer);
        return answer;
    }
    let body = read_all(request.into_body()).await;
    let header_type = header_text(&headers, "lambda-runtime-function-error-type");
    let error = parse_error_body(&body, header_type.as_deref());
    let answer = accepted();
    record(&state, line, &headers, &answer);
    let _ = state.events.send(ApiEvent::Error {
        request_id: id,
        error,
    });
    answer
}

async fn init_error(State(state): State<Shared>, request: Request<Body>) -> Response {
    let headers = request.headers().clone();
    let body = read_all(request.into_body()).await;
    let header_type = header_text(&headers, "lambda-runtime-function-error-type");
    // Some clients check for exactly 202 here.
    let answer = accepted();
    record(
        &state,
        format!("POST {PREFIX}/init/error"),
        &headers,
        &answer,
    );
    let _ = state.events.send(ApiEvent::InitError(parse_error_body(
        &body,
        header_type.as_deref(),
    )));
    answer
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .filter(|value| !value.is_empty())
}

async fn read_all(body: Body) -> Vec<u8> {
    match body.collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    }
}

/// Reads an error body in whichever shape the client sent: Python's
/// `{errorMessage, errorType, requestId, stackTrace}`, Node's `{errorType, errorMessage,
/// trace}`, or no JSON at all (then the header, else `Runtime.Unknown`, names the type).
pub(crate) fn parse_error_body(body: &[u8], header_type: Option<&str>) -> FunctionError {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let trace = ["stackTrace", "trace"]
        .iter()
        .find_map(|key| value.get(*key))
        .map(|trace| match trace {
            serde_json::Value::Array(lines) => lines
                .iter()
                .map(|line| match line {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect(),
            serde_json::Value::String(text) => text.lines().map(str::to_owned).collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let error_message = text("errorMessage").unwrap_or_else(|| {
        if value.is_null() {
            String::from_utf8_lossy(body).into_owned()
        } else {
            String::new()
        }
    });
    // The document goes back to the caller as the runtime wrote it (Lambda passes it on).
    let document = value
        .is_object()
        .then(|| Payload::from_json(String::from_utf8_lossy(body).into_owned()))
        .flatten();
    FunctionError {
        error_type: text("errorType")
            .or_else(|| header_type.map(str::to_owned))
            .unwrap_or_else(|| "Runtime.Unknown".to_owned()),
        error_message,
        trace,
        document,
    }
}
