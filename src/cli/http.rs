//! `lambda-lab http`: a handler behind a real HTTP endpoint on 127.0.0.1 (the front door in
//! `sources::http`). One access-log line per request on stderr, with the function's log
//! lines; each invocation's record on stdout (JSON Lines with `--json`, a line for people
//! without). Ctrl+C stops the server and ends every runtime process.

use std::io::Write;
use std::sync::Arc;

use super::serve::serve_and_stop;
use crate::cli::function::FunctionArgs;
use crate::cli::sources::pool_for;
use crate::runtime::record::InvocationRecord;
pub use crate::sources::http::Integration;
use crate::sources::http::{HttpDelivery, HttpOptions, router};

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

/// Runs until Ctrl+C; returns the exit code (0 after a clean stop, 2 for bad input).
pub fn run(args: &HttpArgs, err: &mut dyn Write) -> u8 {
    let fail = |err: &mut dyn Write, message: &dyn std::fmt::Display| {
        let _ = writeln!(err, "lambda-lab http: {message}");
        2
    };
    let options = match HttpOptions::new(
        args.integration,
        &args.routes,
        args.multi_value_headers,
        args.integration_timeout_ms,
    ) {
        Ok(options) => options,
        Err(message) => return fail(err, &message),
    };
    let pool = match pool_for(&args.function, "http", err) {
        Ok(pool) => pool,
        Err(code) => return code,
    };
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
    let _ = writeln!(
        err,
        "Serving {} behind {} on http://{address}/ (Ctrl+C stops)\n  try: curl -i http://{address}/",
        pool.config().function_name,
        args.integration.describe(args.multi_value_headers),
    );
    for route in &options.routes {
        let _ = writeln!(err, "  route: {}", route.key());
    }
    let json = args.json;
    let app = router(
        options,
        pool,
        Arc::new(move |delivery| print(json, &delivery)),
    );
    serve_and_stop(runtime, listener, app, None, "http", err)
}

/// The request's access-log line and the function's log lines on stderr, its record on
/// stdout.
fn print(json: bool, delivery: &HttpDelivery) {
    let mut err = std::io::stderr().lock();
    if let Some(record) = &delivery.record {
        for line in &record.logs {
            let _ = writeln!(err, "{line}");
        }
    }
    if !delivery.late {
        // The common log format, with the request id.
        let _ = writeln!(
            err,
            "127.0.0.1 - - [{}] \"{}\" {} {} {}",
            crate::model::front_door::request::clf_time(delivery.started_ms),
            delivery.request_line,
            delivery.status,
            delivery.body_bytes,
            delivery
                .record
                .as_ref()
                .map_or("-", |record| record.request_id.as_str())
        );
    }
    drop(err);
    if let Some(record) = &delivery.record {
        let _ = writeln!(std::io::stdout().lock(), "{}", line(json, delivery, record));
    }
}

fn line(json: bool, delivery: &HttpDelivery, record: &InvocationRecord) -> String {
    if json {
        return serde_json::to_string(record).unwrap_or_default();
    }
    if delivery.late {
        return format!(
            "(after the front door's timeout answer) {} · {:.2} ms (billed {} ms) · {:?}",
            record.request_id, record.duration_ms, record.billed_duration_ms, record.status
        );
    }
    format!(
        "{} → {} · {} · {:.2} ms (billed {} ms) · {}",
        delivery.request_line,
        delivery.status,
        if record.cold { "cold" } else { "warm" },
        record.duration_ms,
        record.billed_duration_ms,
        delivery.rule
    )
}
