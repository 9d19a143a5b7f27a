//! The one contract of DESIGN.md: every way of running a handler produces an
//! [`InvocationRecord`], and every page consumes only that. Also the CloudWatch log lines
//! (START / END / REPORT), formatted exactly as AWS prints them.

use serde::Serialize;

use crate::model::lambda::ColdReason;

/// How an invocation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Success,
    /// The handler threw or returned an error (X-Amz-Function-Error: Unhandled).
    Error,
    Timeout,
    OutOfMemory,
    Throttled,
}

/// A Lambda-shaped error: the Node runtime's `{errorType, errorMessage, trace}`, or the
/// document a runtime process posted to `/error` exactly as it posted it (Python's is
/// `{errorMessage, errorType, requestId, stackTrace}`), which is what Lambda returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionError {
    pub error_type: String,
    pub error_message: String,
    pub trace: Vec<String>,
    /// The error document as the runtime sent it, when a runtime process sent one.
    pub document: Option<Payload>,
}

impl Serialize for FunctionError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if let Some(document) = &self.document {
            return document.serialize(serializer);
        }
        let fields = if self.trace.is_empty() { 2 } else { 3 };
        let mut error = serializer.serialize_struct("FunctionError", fields)?;
        error.serialize_field("errorType", &self.error_type)?;
        error.serialize_field("errorMessage", &self.error_message)?;
        if !self.trace.is_empty() {
            error.serialize_field("trace", &self.trace)?;
        }
        error.end()
    }
}

/// Everything about one invocation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvocationRecord {
    pub request_id: String,
    pub function_name: String,
    pub function_version: String,
    /// Which execution environment served it (None when throttled).
    pub environment_id: Option<u64>,
    pub cold: bool,
    pub cold_reason: Option<ColdReason>,
    /// Measured here; only on cold starts.
    pub init_duration_ms: Option<f64>,
    pub duration_ms: f64,
    /// The part of `duration_ms` the handler spent waiting (on timers) rather than computing,
    /// measured by the event loop; the power-tuning model scales only the computing part.
    pub waiting_ms: f64,
    pub billed_duration_ms: u64,
    pub memory_size_mb: u32,
    pub max_memory_used_mb: u32,
    pub status: Status,
    /// The response exactly as the handler's value was stringified (key order kept), as
    /// Lambda returns it to the caller.
    pub response: Option<Payload>,
    /// A streamed response (awslambda.streamifyResponse): its chunks as written, with when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<StreamedResponse>,
    pub error: Option<FunctionError>,
    /// For a throttle (HTTP 429), the `Reason` field AWS sends beside "Rate Exceeded.".
    pub throttle_reason: Option<String>,
    /// The log lines exactly as CloudWatch shows them.
    pub logs: Vec<String>,
    /// Unix epoch milliseconds when the request arrived, for timelines.
    pub started_at_ms: u64,
    /// For a runtime process: the Runtime API requests it made for this invoke (`/next`,
    /// `/response` or `/error`), shown to the learner; not part of the printed record.
    #[serde(skip)]
    pub runtime_api: Vec<crate::runtime::api::Exchange>,
    /// What measured `duration_ms` and `init_duration_ms`, for every chart and price that
    /// uses them; not part of the printed record.
    #[serde(skip)]
    pub measured_by: MeasuredBy,
}

/// A response a handler streamed: bytes as they were written, each with its time since the
/// invoke began. Function URLs pass them on as they come.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StreamedResponse {
    pub content_type: String,
    pub chunks: Vec<StreamChunk>,
}

/// One write of a streamed response.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StreamChunk {
    /// When it was written, in ms after the invoke began.
    pub at_ms: f64,
    /// The bytes, as text where they are UTF-8 (lossy otherwise).
    #[serde(serialize_with = "lossy_text")]
    pub bytes: Vec<u8>,
}

fn lossy_text<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&String::from_utf8_lossy(bytes))
}

/// What HttpResponseStream.from puts before the body: JSON, then 8 NUL bytes.
pub const HTTP_INTEGRATION_CONTENT_TYPE: &str =
    "application/vnd.awslambda.http-integration-response";

impl StreamedResponse {
    /// Every byte written, in order.
    pub fn body(&self) -> Vec<u8> {
        self.chunks
            .iter()
            .flat_map(|c| c.bytes.iter().copied())
            .collect()
    }

    /// For an HTTP integration response: the status and headers prelude, and the body a
    /// client of the function URL receives after it.
    pub fn http_parts(&self) -> Option<(serde_json::Value, Vec<u8>)> {
        if self.content_type != HTTP_INTEGRATION_CONTENT_TYPE {
            return None;
        }
        let body = self.body();
        let split = body.windows(8).position(|w| w == [0u8; 8])?;
        let prelude = serde_json::from_slice(&body[..split]).ok()?;
        Some((prelude, body[split + 8..].to_vec()))
    }
}

/// What ran a handler and so produced its measured durations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum MeasuredBy {
    /// QuickJS inside the app: an interpreter, so CPU-bound code runs far slower than on
    /// Lambda's Node.js (a JIT).
    #[default]
    EmbeddedEngine,
    /// A runtime process on this machine: `python 3.11.7`, `node 20.20.2`, or the function's
    /// own `bootstrap`.
    Process(String),
}

impl MeasuredBy {
    /// "the embedded engine (QuickJS, an interpreter)", "python 3.11.7 on this machine".
    pub fn describe(&self) -> String {
        match self {
            Self::EmbeddedEngine => "the embedded engine (QuickJS, an interpreter)".to_owned(),
            Self::Process(what) => format!("{what} on this machine"),
        }
    }

    /// What a learner should know before reading these durations as Lambda's.
    pub fn caveat(&self) -> &'static str {
        match self {
            Self::EmbeddedEngine => {
                "CPU-bound code runs about 20–28× slower here than on Lambda's Node.js (primes: ~90 ms vs ~4 ms on node), so these are not the milliseconds Lambda would bill; pick a real runtime in the Playground to measure with one."
            }
            Self::Process(_) => {
                "a real runtime, but this machine's CPU at full speed at every memory size, not Lambda's share of one."
            }
        }
    }
}

/// A JSON payload kept as the text the runtime produced: Lambda hands the caller the bytes
/// `JSON.stringify` made, in their key order, so the app shows and prints those, not a
/// re-serialisation. Checked to be JSON when made.
#[derive(Clone, Debug)]
pub struct Payload(Box<serde_json::value::RawValue>);

impl Serialize for Payload {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.text().contains('\n') {
            // A runtime process may post indented JSON; a record is one line (JSON Lines),
            // so it goes out compact, keys still in the handler's order.
            self.value().serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

impl Payload {
    /// `None` when `json` is not valid JSON.
    pub fn from_json(json: String) -> Option<Self> {
        serde_json::value::RawValue::from_string(json)
            .ok()
            .map(Self)
    }

    /// The JSON text.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The payload parsed, for reading fields (key order is kept).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.text()).unwrap_or(serde_json::Value::Null)
    }
}

impl PartialEq for Payload {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Payload {}

impl std::fmt::Display for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

impl InvocationRecord {
    /// A successful invocation for tests: cold (first invoke) when `init_duration_ms` is given.
    #[cfg(test)]
    pub(crate) fn example(
        started_at_ms: u64,
        init_duration_ms: Option<f64>,
        duration_ms: f64,
    ) -> Self {
        Self {
            request_id: format!("request-{started_at_ms}"),
            function_name: "my-function".into(),
            function_version: "$LATEST".into(),
            environment_id: Some(1),
            cold: init_duration_ms.is_some(),
            cold_reason: init_duration_ms.map(|_| ColdReason::FirstInvoke),
            init_duration_ms,
            duration_ms,
            waiting_ms: 0.0,
            billed_duration_ms: crate::model::pricing::billed_duration_ms(
                duration_ms,
                init_duration_ms,
            ),
            memory_size_mb: 128,
            max_memory_used_mb: 1,
            status: Status::Success,
            response: None,
            stream: None,
            error: None,
            throttle_reason: None,
            logs: Vec::new(),
            started_at_ms,
            runtime_api: Vec::new(),
            measured_by: Default::default(),
        }
    }

    /// The response parsed, for reading its fields.
    pub fn response_value(&self) -> Option<serde_json::Value> {
        self.response.as_ref().map(Payload::value)
    }
}

/// `START RequestId: <id> Version: $LATEST`
pub fn start_line(request_id: &str, version: &str) -> String {
    format!("START RequestId: {request_id} Version: {version}")
}

/// `END RequestId: <id>`
pub fn end_line(request_id: &str) -> String {
    format!("END RequestId: {request_id}")
}

/// `<ISO time>\t<request id>\t<LEVEL>\t<message>`, the Node runtime's console line.
pub fn app_line(timestamp_ms: u64, request_id: &str, level: &str, message: &str) -> String {
    // One allocation: a warm invoke formats a line per console call.
    let mut line = String::with_capacity(27 + request_id.len() + level.len() + message.len());
    push_iso_time(&mut line, timestamp_ms);
    for part in ["\t", request_id, "\t", level, "\t", message] {
        line.push_str(part);
    }
    line
}

/// The Node.js runtime's "Invoke Error" line for a failed invoke: tab-separated text, or with
/// AWS_LAMBDA_LOG_FORMAT=JSON one JSON object whose message is the error (as recorded from the
/// official clients, tests/fixtures/runtime_api/nodejs).
pub fn invoke_error_line(json_logs: bool, request_id: &str, error: &FunctionError) -> String {
    if json_logs {
        serde_json::json!({
            "timestamp": iso_time(now_ms()),
            "level": "ERROR",
            "requestId": request_id,
            "message": {
                "errorType": error.error_type,
                "errorMessage": error.error_message,
                "stackTrace": error.trace,
            },
        })
        .to_string()
    } else {
        let text = serde_json::to_string(error).unwrap_or_default();
        app_line(
            now_ms(),
            request_id,
            "ERROR",
            &format!("Invoke Error \t{text}"),
        )
    }
}

/// The REPORT line: tab-separated; `Init Duration` only on cold starts; a failed invoke ends
/// with `Status: timeout` or `Status: error` and its `Error Type`.
pub fn report_line(record: &InvocationRecord) -> String {
    let mut line = format!(
        "REPORT RequestId: {}\tDuration: {:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\tMax Memory Used: {} MB",
        record.request_id,
        record.duration_ms,
        record.billed_duration_ms,
        record.memory_size_mb,
        record.max_memory_used_mb
    );
    if let Some(init) = record.init_duration_ms {
        line.push_str(&format!("\tInit Duration: {init:.2} ms"));
    }
    match record.status {
        Status::Timeout => line.push_str("\tStatus: timeout"),
        Status::OutOfMemory => line.push_str("\tStatus: error\tError Type: Runtime.OutOfMemory"),
        Status::Error => {
            // Lambda names the platform's own failures in the REPORT line.
            if let Some(error) = record
                .error
                .as_ref()
                .filter(|error| error.error_type == "Runtime.ExitError")
            {
                line.push_str("\tStatus: error\tError Type: ");
                line.push_str(&error.error_type);
            }
        }
        Status::Success | Status::Throttled => {}
    }
    line
}

/// `<ISO time> <request id> Task timed out after 3.00 seconds` (elapsed seconds, two decimals).
pub fn timeout_line(timestamp_ms: u64, request_id: &str, elapsed_secs: f64) -> String {
    format!(
        "{} {request_id} Task timed out after {elapsed_secs:.2} seconds",
        iso_time(timestamp_ms)
    )
}

/// The current Unix time in milliseconds, as log lines and records stamp it.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

/// `2026-11-26T10:00:00.123Z` for a Unix time in milliseconds.
pub fn iso_time(timestamp_ms: u64) -> String {
    let mut text = String::with_capacity(24);
    push_iso_time(&mut text, timestamp_ms);
    text
}

/// Appends `2026-11-26T10:00:00.123Z`. The date and time up to the second are formatted once
/// per second and thread (log lines of one invoke share them); the milliseconds every time.
fn push_iso_time(out: &mut String, timestamp_ms: u64) {
    use std::cell::RefCell;
    thread_local! {
        static SECOND: RefCell<Option<(u64, String)>> = const { RefCell::new(None) };
    }
    let (second, millis) = (timestamp_ms / 1_000, timestamp_ms % 1_000);
    SECOND.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.as_ref().is_none_or(|(at, _)| *at != second) {
            *cached = Some((second, format_second(second)));
        }
        if let Some((_, prefix)) = cached.as_ref() {
            out.push_str(prefix);
        }
    });
    let digits = [millis / 100, millis / 10 % 10, millis % 10];
    out.push('.');
    out.extend(digits.map(|d| char::from(b'0' + d as u8)));
    out.push('Z');
}

/// `2026-11-26T10:00:00` for a Unix time in seconds.
fn format_second(second: u64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(second as i64) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
        ),
        // Only for times past the year 9999.
        Err(_) => format!("@{second}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indented_payload_prints_on_one_line_in_the_handlers_order() {
        let payload =
            Payload::from_json("{\n  \"b\": 1,\n  \"a\": [1, 2]\n}".to_owned()).expect("JSON");
        assert_eq!(
            serde_json::to_string(&payload).expect("serialises"),
            r#"{"b":1,"a":[1,2]}"#
        );
        let compact = Payload::from_json(r#"{"b": 1}"#.to_owned()).expect("JSON");
        assert_eq!(
            serde_json::to_string(&compact).expect("serialises"),
            r#"{"b": 1}"#
        );
    }

    /// AWS's example REPORT line's numbers.
    fn record() -> InvocationRecord {
        InvocationRecord {
            request_id: "6bc28136-xmpl-4365-b021-0ce6b2e64ab0".into(),
            max_memory_used_mb: 67,
            ..InvocationRecord::example(0, Some(154.34), 2.61)
        }
    }

    #[test]
    fn log_lines_match_cloudwatch() {
        let id = "6bc28136-xmpl-4365-b021-0ce6b2e64ab0";
        assert_eq!(
            start_line(id, "$LATEST"),
            "START RequestId: 6bc28136-xmpl-4365-b021-0ce6b2e64ab0 Version: $LATEST"
        );
        // 2026-11-26T10:00:00.123Z
        let at = 1_795_687_200_123;
        assert_eq!(
            app_line(at, id, "INFO", "hello"),
            "2026-11-26T10:00:00.123Z\t6bc28136-xmpl-4365-b021-0ce6b2e64ab0\tINFO\thello"
        );
        // A line in the next second, then one back in the first: each gets its own date.
        assert_eq!(iso_time(at + 1_000), "2026-11-26T10:00:01.123Z");
        assert_eq!(iso_time(at - 123), "2026-11-26T10:00:00.000Z");
        assert_eq!(
            iso_time(at - 3_600_000 * 10 - 124),
            "2026-11-25T23:59:59.999Z"
        );
        assert_eq!(
            end_line(id),
            "END RequestId: 6bc28136-xmpl-4365-b021-0ce6b2e64ab0"
        );
        assert_eq!(
            report_line(&record()),
            "REPORT RequestId: 6bc28136-xmpl-4365-b021-0ce6b2e64ab0\tDuration: 2.61 ms\tBilled Duration: 157 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\tInit Duration: 154.34 ms"
        );
        assert_eq!(
            timeout_line(at, id, 3.0),
            "2026-11-26T10:00:00.123Z 6bc28136-xmpl-4365-b021-0ce6b2e64ab0 Task timed out after 3.00 seconds"
        );
    }

    #[test]
    fn failed_invokes_end_the_report_with_their_status() {
        let mut timed_out = record();
        timed_out.init_duration_ms = None;
        timed_out.status = Status::Timeout;
        assert!(report_line(&timed_out).ends_with("Max Memory Used: 67 MB\tStatus: timeout"));
        timed_out.status = Status::OutOfMemory;
        assert!(
            report_line(&timed_out).ends_with("\tStatus: error\tError Type: Runtime.OutOfMemory")
        );
    }

    #[test]
    fn billing_rounds_up_to_the_next_ms_and_includes_init() {
        use crate::model::pricing::billed_duration_ms;
        assert_eq!(billed_duration_ms(1.2, None), 2);
        assert_eq!(billed_duration_ms(2.0, None), 2);
        assert_eq!(billed_duration_ms(0.1 + 0.2 + 1.7, None), 2);
        assert_eq!(billed_duration_ms(2.61, Some(154.34)), 157);
    }
}
