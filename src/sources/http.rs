//! A handler behind a real HTTP endpoint, as an HTTP API, a function URL, a REST API or an
//! Application Load Balancer puts it: an axum router whose every request becomes the event
//! that front door sends (`model::front_door::request`, `alb_request`) and whose answer is the
//! handler's, converted as that front door converts it (`model::front_door::client_response`),
//! errors included. Requests run at the same time, each on its own environment up to the
//! concurrency limit (over it, the front door's answer to a throttle), and API Gateway answers
//! at its integration timeout while the function runs on. Each request is reported as an
//! [`HttpDelivery`]; `lambda-lab http` prints them, the window adds them to the session.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::model::front_door::alb_request::{
    ALB_MAX_REQUEST_BODY_BYTES, event_alb, target_group_arn,
};
use crate::model::front_door::request::{
    Door, DoorIdentity, HttpRequest, Route, event_v1, event_v2,
};
use crate::model::front_door::{
    ClientResponse, FrontDoor, MIN_INTEGRATION_TIMEOUT_MS, Outcome, client_response,
};
use crate::model::limits::MAX_SYNC_REQUEST_BYTES;
use crate::runtime::pool::{ACCOUNT_ID, Pool, REGION};
use crate::runtime::record::{InvocationRecord, Status};

/// The front doors `http` can stand in for.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Integration {
    /// API Gateway HTTP API, payload format 2.0 (routes with `--route`).
    HttpApi,
    /// A Lambda function URL (payload format 2.0, every path goes to the function).
    FunctionUrl,
    /// API Gateway REST API with Lambda proxy integration (payload format 1.0, stage `prod`;
    /// routes with `--route`, else the catch-all `/{proxy+}`).
    RestApi,
    /// An Application Load Balancer forwarding to a Lambda target group (its own event;
    /// `--multi-value-headers` turns on the target group's multi-value headers).
    Alb,
}

impl Integration {
    /// What the front door is called in sentences.
    pub fn describe(self, multi_value_headers: bool) -> &'static str {
        match self {
            Self::HttpApi => "an HTTP API (payload 2.0)",
            Self::FunctionUrl => "a function URL",
            Self::RestApi => "a REST API (proxy integration, payload 1.0)",
            Self::Alb if multi_value_headers => {
                "an Application Load Balancer (multi-value headers on)"
            }
            Self::Alb => "an Application Load Balancer",
        }
    }

    /// The front door whose conversion rules apply.
    pub fn front_door(self, multi_value_headers: bool) -> FrontDoor {
        match self {
            Self::HttpApi => FrontDoor::HttpApiV2,
            Self::FunctionUrl => FrontDoor::FunctionUrl,
            Self::RestApi => FrontDoor::RestApiV1,
            Self::Alb => FrontDoor::Alb {
                multi_value_headers,
            },
        }
    }

    /// The largest request body this front door passes on: Lambda's 6 MB invoke payload,
    /// or the ALB's own 1 MB.
    fn max_body_bytes(self) -> usize {
        match self {
            Self::Alb => ALB_MAX_REQUEST_BODY_BYTES,
            _ => MAX_SYNC_REQUEST_BYTES,
        }
    }

    /// The event a request becomes at this front door.
    fn event(
        self,
        shared: &Shared,
        request: &HttpRequest,
        route: Option<(&Route, std::collections::BTreeMap<String, String>)>,
        request_id: &str,
    ) -> serde_json::Value {
        let identity = &shared.identity;
        match self {
            Self::HttpApi => event_v2(
                Door::HttpApi,
                identity,
                request,
                route,
                request_id,
                now_ms(),
            ),
            Self::FunctionUrl => event_v2(
                Door::FunctionUrl,
                identity,
                request,
                route,
                request_id,
                now_ms(),
            ),
            Self::RestApi => event_v1(identity, request, route, request_id, now_ms()),
            Self::Alb => event_alb(
                &shared.target_group_arn,
                request,
                shared.multi_value_headers,
            ),
        }
    }
}

/// How the front door is set up: checked with [`HttpOptions::new`].
#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub integration: Integration,
    pub routes: Vec<Route>,
    pub multi_value_headers: bool,
    /// How long the front door waits for the function (None: as long as the function runs).
    pub door_timeout_ms: Option<u64>,
}

impl HttpOptions {
    /// The options, or why AWS would not accept them (the flag names are the command line's).
    pub fn new(
        integration: Integration,
        routes: &[String],
        multi_value_headers: bool,
        integration_timeout_ms: Option<u64>,
    ) -> Result<Self, String> {
        if integration == Integration::FunctionUrl && !routes.is_empty() {
            return Err(
                "a function URL has no routes: every path reaches the function (drop --route)"
                    .to_owned(),
            );
        }
        if integration == Integration::Alb && !routes.is_empty() {
            return Err(
            "here the load balancer's listener sends every path to the function's target group (drop --route)"
            .to_owned(),
        );
        }
        if multi_value_headers && integration != Integration::Alb {
            return Err(
                "--multi-value-headers is a setting of an ALB target group (add --integration alb)"
                    .to_owned(),
            );
        }
        let front_door = integration.front_door(multi_value_headers);
        let door_timeout_ms = match (integration_timeout_ms, front_door.integration_timeout_ms()) {
            (None, default_ms) => default_ms,
            (Some(_), None) => {
                return Err(
                "--integration-timeout-ms is an API Gateway setting (a function URL or an ALB waits for the function's own timeout)"
                .to_owned(),
            );
            }
            (Some(ms), Some(max_ms)) if (MIN_INTEGRATION_TIMEOUT_MS..=max_ms).contains(&ms) => {
                Some(ms)
            }
            (Some(ms), Some(max_ms)) => {
                return Err(format!(
                    "--integration-timeout-ms {ms} is outside {MIN_INTEGRATION_TIMEOUT_MS}-{max_ms} ms, the range this API type allows"
                ));
            }
        };
        let routes = match routes
            .iter()
            .map(|text| Route::parse(text))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(routes) => routes,
            Err(error) => return Err(error.to_string()),
        };
        Ok(Self {
            integration,
            routes,
            multi_value_headers,
            door_timeout_ms,
        })
    }
}

/// One request as the front door saw it, for the access log and the session.
#[derive(Clone, Debug)]
pub struct HttpDelivery {
    /// `GET /orders/1?x=1 HTTP/1.1`.
    pub request_line: String,
    pub started_ms: u64,
    /// The status the client got (0 for a late record).
    pub status: u16,
    pub body_bytes: usize,
    /// Why the client got that answer (the front door's rule).
    pub rule: String,
    /// The invocation behind the answer; none when the front door answered on its own or
    /// gave up waiting (then the record comes later, `late`).
    pub record: Option<InvocationRecord>,
    /// The event the function got (none when it did not run).
    pub event_json: Option<Arc<str>>,
    /// The record of an invoke whose client had already had the front door's timeout answer.
    pub late: bool,
}

/// Where each request's [`HttpDelivery`] goes, from whichever thread finished it.
pub type OnDelivery = Arc<dyn Fn(HttpDelivery) + Send + Sync>;

#[derive(Clone)]
struct Shared {
    door: Integration,
    identity: DoorIdentity,
    target_group_arn: String,
    multi_value_headers: bool,
    door_timeout_ms: Option<u64>,
    routes: Vec<Route>,
    on_delivery: OnDelivery,
    /// Requests run at the same time, each on its own environment (up to the concurrency
    /// limit); the lock is held only to hand an invoke out or take its environment back.
    pool: Arc<Mutex<Pool>>,
}

/// The front door as an axum router serving `pool`'s function.
pub fn router(options: HttpOptions, pool: Pool, on_delivery: OnDelivery) -> Router {
    let random = uuid::Uuid::new_v4().simple().to_string();
    let function_name = pool.config().function_name.clone();
    let shared = Shared {
        door: options.integration,
        identity: DoorIdentity {
            // An id like the ones API Gateway and function URLs put in their domain names.
            api_id: random[..10].to_owned(),
            account_id: ACCOUNT_ID.to_owned(),
            region: REGION.to_owned(),
        },
        target_group_arn: target_group_arn(
            REGION,
            ACCOUNT_ID,
            &format!("{function_name}-tg"),
            &random[16..],
        ),
        multi_value_headers: options.multi_value_headers,
        door_timeout_ms: options.door_timeout_ms,
        routes: options.routes,
        on_delivery,
        pool: Arc::new(Mutex::new(pool)),
    };
    Router::new().fallback(handle).with_state(shared)
}

/// Where every client of the server is.
const LOOPBACK: &str = "127.0.0.1";

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

async fn handle(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started_ms = now_ms();
    let path = uri.path().to_owned();
    let query = uri.query().unwrap_or_default().to_owned();
    let line = format!(
        "{} {}{} HTTP/1.1",
        method,
        path,
        if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        }
    );
    let mut event_json = None;
    let (response, record) = answer(
        &shared,
        &line,
        (&method, path, query, &headers, body),
        &mut event_json,
    )
    .await;
    (shared.on_delivery)(HttpDelivery {
        request_line: line,
        started_ms,
        status: response.status,
        body_bytes: response.body.len(),
        rule: response.rule.clone(),
        record,
        event_json,
        late: false,
    });
    let mut answer = Response::builder().status(response.status);
    for (name, value) in &response.headers {
        answer = answer.header(name, value);
    }
    answer
        .body(Body::from(response.body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// What the client gets, and the invocation that made it (none when the front door answered
/// on its own).
async fn answer(
    shared: &Shared,
    request_line: &str,
    (method, path, query, headers, body): (&Method, String, String, &HeaderMap, Body),
    event_out: &mut Option<Arc<str>>,
) -> (ClientResponse, Option<InvocationRecord>) {
    let front_door = shared.door.front_door(shared.multi_value_headers);
    let Some(body) = read_limited_bytes(body, shared.door.max_body_bytes()).await else {
        // Unconfirmed: the front door's exact text for a body over the limit (Lambda's 6 MB,
        // an ALB's 1 MB: "HTTP 413: Payload too large", ALB troubleshooting); API Gateway's
        // own answers are `{"message": …}`.
        return (
            own_answer(413, "Payload Too Large", "Request Entity Too Large"),
            None,
        );
    };
    let route = if shared.routes.is_empty() {
        None
    } else {
        match shared
            .routes
            .iter()
            .find_map(|route| route.matches(method.as_str(), &path).map(|p| (route, p)))
        {
            Some(found) => Some(found),
            // A REST API answers a path or method it has no resource for with 403
            // "Missing Authentication Token" (API Gateway troubleshooting, "Missing
            // Authentication Token" errors). Unconfirmed: HTTP API's answer when no route
            // matches (observed as 404 {"message":"Not Found"}).
            None if shared.door == Integration::RestApi => {
                return (
                    own_answer(403, "Forbidden", "Missing Authentication Token"),
                    None,
                );
            }
            None => return (own_answer(404, "Not Found", "Not Found"), None),
        }
    };
    let request = HttpRequest {
        method: method.to_string(),
        path,
        query,
        headers: headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        // The server listens on loopback only: every client is this machine.
        source_ip: LOOPBACK.to_owned(),
    };
    let request_id = uuid::Uuid::new_v4().to_string();
    let event = shared.door.event(shared, &request, route, &request_id);
    let event: Arc<str> = Arc::from(event.to_string());
    *event_out = Some(Arc::clone(&event));
    let dispatched = lock(&shared.pool).dispatch(Arc::clone(&event));
    let dispatched = match dispatched {
        Ok(dispatched) => dispatched,
        Err(refused) => {
            let outcome = if refused.status == Status::Throttled {
                Outcome::Throttled
            } else {
                Outcome::FunctionError
            };
            return (client_response(front_door, outcome), Some(*refused));
        }
    };
    // The invoke waits on a blocking thread, so this server goes on answering other
    // requests while a handler runs (or hangs until its timeout).
    let (finished, record) = tokio::sync::oneshot::channel();
    let pool = Arc::clone(&shared.pool);
    tokio::task::spawn_blocking(move || {
        let finished_invoke = dispatched.wait();
        let record = lock(&pool).complete(finished_invoke);
        let _ = finished.send(record);
    });
    let record = match shared.door_timeout_ms {
        Some(limit_ms) => {
            let mut record = record;
            match tokio::time::timeout(Duration::from_millis(limit_ms), &mut record).await {
                Ok(record) => record,
                Err(_) => {
                    // API Gateway answers at its integration timeout; the function runs on
                    // to its own, and its record is reported when it ends.
                    let on_delivery = Arc::clone(&shared.on_delivery);
                    let request_line = request_line.to_owned();
                    tokio::spawn(async move {
                        if let Ok(record) = record.await {
                            on_delivery(HttpDelivery {
                                request_line,
                                started_ms: record.started_at_ms,
                                status: 0,
                                body_bytes: 0,
                                rule: "The function ended after the front door's timeout answer."
                                    .to_owned(),
                                record: Some(record),
                                event_json: Some(event),
                                late: true,
                            });
                        }
                    });
                    return (
                        client_response(front_door, Outcome::DoorTimeout { after_ms: limit_ms }),
                        None,
                    );
                }
            }
        }
        None => record.await,
    };
    let Ok(record) = record else {
        return (
            own_answer(503, "Service Unavailable", "Service Unavailable"),
            None,
        );
    };
    let response = match (&record.stream, record.status) {
        (Some(stream), Status::Success) => streamed(stream),
        _ => {
            let text = record.response.as_ref().map(|payload| payload.text());
            let outcome = match (text, record.status) {
                (Some(text), Status::Success) => Outcome::Returned(text),
                (None, Status::Success) => Outcome::Returned("null"),
                _ => Outcome::FunctionError,
            };
            client_response(front_door, outcome)
        }
    };
    (response, Some(record))
}

/// A streamed answer as a function URL client gets it: an HTTP integration response's status
/// and headers from its prelude, else 200 with the stream's content type.
fn streamed(stream: &crate::runtime::record::StreamedResponse) -> ClientResponse {
    let (status, headers, body) = match stream.http_parts() {
        Some((prelude, body)) => {
            let status = prelude
                .get("statusCode")
                .and_then(serde_json::Value::as_u64)
                .and_then(|code| u16::try_from(code).ok())
                .unwrap_or(200);
            let headers = prelude
                .get("headers")
                .and_then(serde_json::Value::as_object)
                .map(|headers| {
                    headers
                        .iter()
                        .filter_map(|(name, value)| {
                            Some((name.clone(), value.as_str()?.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            (status, headers, body)
        }
        None => (
            200,
            vec![("content-type".to_owned(), stream.content_type.clone())],
            stream.body(),
        ),
    };
    ClientResponse {
        status,
        reason: "",
        headers,
        body,
        rule: "A streamed response goes to the client as the handler writes it.".to_owned(),
        source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html",
    }
}

/// An answer the front door gives itself, without running the function.
fn own_answer(status: u16, reason: &'static str, message: &str) -> ClientResponse {
    ClientResponse {
        status,
        reason,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: serde_json::json!({ "message": message })
            .to_string()
            .into_bytes(),
        rule: format!("The front door answered {status} itself; the function did not run."),
        source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html",
    }
}

/// The pool, even when a thread panicked holding it: its environments are still usable, and
/// a server that stopped answering would be worse.
fn lock(pool: &Mutex<Pool>) -> std::sync::MutexGuard<'_, Pool> {
    pool.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The body's bytes, or None when it is larger than `limit`.
pub(crate) async fn read_limited_bytes(mut body: Body, limit: usize) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.ok()?;
        if let Some(data) = frame.data_ref() {
            bytes.extend_from_slice(data);
            if bytes.len() > limit {
                return None;
            }
        }
    }
    Some(bytes)
}

/// Serves `app` on `listener` until `stop` completes; requests still open a second later
/// (an embedded handler running towards its timeout) are not waited for.
pub async fn serve_until(
    listener: std::net::TcpListener,
    app: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let (stopping, stop_asked) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                stop.await;
                let _ = stopping.send(());
            })
            .into_future(),
    );
    // Err: the server ended on its own (the shutdown future, holding the sender, is gone).
    let _ = stop_asked.await;
    match tokio::time::timeout(STOP_GRACE, server).await {
        Ok(Ok(served)) => served,
        Ok(Err(join_error)) => Err(std::io::Error::other(join_error)),
        // Still draining: the open requests are dropped with the runtime.
        Err(_) => Ok(()),
    }
}

/// How long a stopping server waits for requests still open.
const STOP_GRACE: Duration = Duration::from_secs(1);
