//! `lambda-lab http`: a handler behind a real HTTP endpoint on 127.0.0.1, as an HTTP API, a
//! function URL, a REST API or an Application Load Balancer puts it. Each request becomes the
//! event that front door sends (`model::front_door::request`, `alb_request`), and the
//! handler's answer goes back as that front door converts it
//! (`model::front_door::client_response`), errors included. Requests run at the same time,
//! each on its own environment up to the concurrency limit (over it, the front door's answer
//! to a throttle), and API Gateway answers at its integration timeout while the function runs
//! on. One access-log line per request on stderr, with the function's log lines; each
//! invocation's record on stdout (JSON Lines with `--json`, a line for people without).

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::serve::{print_logs, read_limited_bytes, serve_and_stop};
use crate::cli::function::FunctionArgs;
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
use crate::runtime::config::describe;
use crate::runtime::pool::{ACCOUNT_ID, Pool, REGION};
use crate::runtime::record::{InvocationRecord, Status};

/// The front doors `http` can stand in for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
    /// The front door whose conversion rules apply.
    fn front_door(self, multi_value_headers: bool) -> FrontDoor {
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

#[derive(Debug, clap::Args)]
pub struct HttpArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Which front door the requests come through.
    #[arg(long, value_enum, default_value = "http-api")]
    pub integration: Integration,
    /// An HTTP API route, `METHOD /path/{param}` or `ANY /files/{proxy+}` (repeatable; the
    /// first that matches is used). Without any, every request goes to `$default`.
    #[arg(long = "route", value_name = "ROUTE")]
    pub routes: Vec<String>,
    /// With `--integration rest-api` or `http-api`: the integration timeout, shorter than the
    /// default (REST 29 s, HTTP API 30 s) as API Gateway allows from 50 ms.
    #[arg(long, value_name = "MS")]
    pub integration_timeout_ms: Option<u64>,
    /// With `--integration alb`: the target group's multi-value headers setting (headers and
    /// query parameters as lists, in the event and in the answer).
    #[arg(long)]
    pub multi_value_headers: bool,
    /// Print each invocation's record as JSON Lines (the record `invoke --json` prints).
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone)]
struct Shared {
    door: Integration,
    identity: DoorIdentity,
    target_group_arn: String,
    multi_value_headers: bool,
    /// How long the front door waits for the function (None: as long as the function runs).
    door_timeout_ms: Option<u64>,
    routes: Vec<Route>,
    json: bool,
    /// Requests run at the same time, each on its own environment (up to the concurrency
    /// limit); the lock is held only to hand an invoke out or take its environment back.
    pool: Arc<Mutex<Pool>>,
}

/// Runs until Ctrl+C; returns the exit code (0 after a clean stop, 2 for bad input).
pub fn run(args: &HttpArgs, err: &mut dyn Write) -> u8 {
    let fail = |err: &mut dyn Write, message: &dyn std::fmt::Display| {
        let _ = writeln!(err, "lambda-lab http: {message}");
        2
    };
    if args.integration == Integration::FunctionUrl && !args.routes.is_empty() {
        return fail(
            err,
            &"a function URL has no routes: every path reaches the function (drop --route)",
        );
    }
    if args.integration == Integration::Alb && !args.routes.is_empty() {
        return fail(
            err,
            &"here the load balancer's listener sends every path to the function's target group (drop --route)",
        );
    }
    if args.multi_value_headers && args.integration != Integration::Alb {
        return fail(
            err,
            &"--multi-value-headers is a setting of an ALB target group (add --integration alb)",
        );
    }
    let front_door = args.integration.front_door(args.multi_value_headers);
    let door_timeout_ms = match (
        args.integration_timeout_ms,
        front_door.integration_timeout_ms(),
    ) {
        (None, default_ms) => default_ms,
        (Some(_), None) => {
            return fail(
                err,
                &"--integration-timeout-ms is an API Gateway setting (a function URL or an ALB waits for the function's own timeout)",
            );
        }
        (Some(ms), Some(max_ms)) if (MIN_INTEGRATION_TIMEOUT_MS..=max_ms).contains(&ms) => Some(ms),
        (Some(ms), Some(max_ms)) => {
            return fail(
                err,
                &format!(
                    "--integration-timeout-ms {ms} is outside {MIN_INTEGRATION_TIMEOUT_MS}-{max_ms} ms, the range this API type allows"
                ),
            );
        }
    };
    let routes = match args
        .routes
        .iter()
        .map(|text| Route::parse(text))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(routes) => routes,
        Err(error) => return fail(err, &error),
    };
    let config = match args.function.config() {
        Ok(config) => config,
        Err(message) => return fail(err, &message),
    };
    let problems = config.validate();
    if !problems.is_empty() {
        return fail(err, &describe(&problems));
    }
    let pool = Pool::new(config.clone());
    if let Some(refusal) = pool.refused() {
        return fail(err, &refusal);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(err, &error),
    };
    let listener = match std::net::TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(listener) => listener,
        Err(error) => {
            return fail(
                err,
                &format!("cannot listen on 127.0.0.1:{}: {error}", args.port),
            );
        }
    };
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let door_name = match args.integration {
        Integration::HttpApi => "an HTTP API (payload 2.0)",
        Integration::FunctionUrl => "a function URL",
        Integration::RestApi => "a REST API (proxy integration, payload 1.0)",
        Integration::Alb if args.multi_value_headers => {
            "an Application Load Balancer (multi-value headers on)"
        }
        Integration::Alb => "an Application Load Balancer",
    };
    let _ = writeln!(
        err,
        "Serving {} behind {door_name} on http://{address}/ (Ctrl+C stops)\n  try: curl -i http://{address}/",
        config.function_name
    );
    for route in &routes {
        let _ = writeln!(err, "  route: {}", route.key());
    }
    let random = uuid::Uuid::new_v4().simple().to_string();
    let shared = Shared {
        door: args.integration,
        identity: DoorIdentity {
            // An id like the ones API Gateway and function URLs put in their domain names.
            api_id: random[..10].to_owned(),
            account_id: ACCOUNT_ID.to_owned(),
            region: REGION.to_owned(),
        },
        target_group_arn: target_group_arn(
            REGION,
            ACCOUNT_ID,
            &format!("{}-tg", config.function_name),
            &random[16..],
        ),
        multi_value_headers: args.multi_value_headers,
        door_timeout_ms,
        routes,
        json: args.json,
        pool: Arc::new(Mutex::new(pool)),
    };
    let app = Router::new().fallback(handle).with_state(shared);
    serve_and_stop(runtime, listener, app, None, "http", err)
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
    let (response, record) = answer(&shared, &method, path, query, &headers, body).await;
    access_log(started_ms, &line, &response, record.as_ref());
    if let Some(record) = &record {
        report(shared.json, &line, &response, record);
    }
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
    method: &Method,
    path: String,
    query: String,
    headers: &HeaderMap,
    body: Body,
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
    let dispatched = lock(&shared.pool).dispatch(Arc::from(event.to_string()));
    let dispatched = match dispatched {
        Ok(dispatched) => dispatched,
        Err(refused) => {
            print_logs(&refused);
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
        print_logs(&record);
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
                    let json = shared.json;
                    tokio::spawn(async move {
                        if let Ok(record) = record.await {
                            report_late(json, &record);
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

/// One access-log line on stderr, in the common log format with the request id.
fn access_log(
    started_ms: u64,
    line: &str,
    response: &ClientResponse,
    record: Option<&InvocationRecord>,
) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "{LOOPBACK} - - [{}] \"{line}\" {} {} {}",
        crate::model::front_door::request::clf_time(started_ms),
        response.status,
        response.body.len(),
        record.map_or("-", |r| r.request_id.as_str())
    );
}

/// The pool, even when a thread panicked holding it: its environments are still usable, and
/// a server that stopped answering would be worse.
fn lock(pool: &Mutex<Pool>) -> std::sync::MutexGuard<'_, Pool> {
    pool.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The record of an invoke whose client already had the front door's timeout answer.
fn report_late(json: bool, record: &InvocationRecord) {
    let text = if json {
        serde_json::to_string(record).unwrap_or_default()
    } else {
        format!(
            "(after the front door's timeout answer) {} · {:.2} ms (billed {} ms) · {:?}",
            record.request_id, record.duration_ms, record.billed_duration_ms, record.status
        )
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// The invocation on stdout: its record as JSON, or one line for people.
fn report(json: bool, line: &str, response: &ClientResponse, record: &InvocationRecord) {
    let text = if json {
        serde_json::to_string(record).unwrap_or_default()
    } else {
        format!(
            "{line} → {} · {} · {:.2} ms (billed {} ms) · {}",
            response.status,
            if record.cold { "cold" } else { "warm" },
            record.duration_ms,
            record.billed_duration_ms,
            response.rule
        )
    };
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}
