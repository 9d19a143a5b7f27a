//! What the client of an HTTP front door receives when a Lambda handler answers.
//!
//! A handler behind API Gateway, a function URL or an Application Load Balancer does not write
//! an HTTP response; it returns a JSON object (or, for payload format 2.0, any JSON value) and
//! the front door turns it into one, or answers with its own error when the function fails,
//! times out or returns something it cannot use. [`client_response`] applies those rules, each
//! from the AWS page named in [`ClientResponse::source`], so the Playground can show "what the
//! client gets" beside the raw object and the local HTTP server can send it.
//!
//! Only what the front door decides is modelled: status, the handler's headers (one
//! `set-cookie` per cookie) and the body bytes. Headers every response carries anyway (`date`,
//! `content-length`, request ids) are the HTTP server's business. Where AWS documents no answer
//! the code says so in an `// Unconfirmed:` comment and the [`ClientResponse::rule`] text.

pub mod alb_request;
pub mod request;

use base64::Engine as _;
use serde_json::{Map, Value};

/// HTTP API Lambda integrations, "Lambda function response format" (payload 1.0 and 2.0,
/// including the 2.0 inference rules).
const HTTP_API_LAMBDA: &str = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html";
/// Function URLs, "Response payload format" and "Cookies".
const FUNCTION_URL: &str = "https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html";
/// REST API, "Output format of a Lambda function for proxy integration".
const REST_PROXY: &str = "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html";
/// REST API binary payloads: without `binaryMediaTypes` bodies are handled as UTF-8 text.
const REST_BINARY: &str = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html";
/// Lambda guide, "Handling Lambda errors with an API Gateway API": function error or wrong
/// format → 502 with `{"message": "Internal server error"}`.
const APIGW_ERRORS: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html";
/// REST gateway response types: INTEGRATION_TIMEOUT defaults to 504.
const REST_GATEWAY_RESPONSES: &str = "https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html";
/// HTTP API troubleshooting: a failing Lambda integration returns
/// `{"message":"Internal Server Error"}`.
const HTTP_API_ERRORS: &str = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html";
/// HTTP API quotas: maximum integration timeout 30 seconds.
const HTTP_API_QUOTAS: &str =
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html";
/// ALB, "Respond to the load balancer" and "Multi-value headers".
const ALB_LAMBDA: &str =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html";
/// ALB troubleshooting, "HTTP 502: Bad gateway".
const ALB_ERRORS: &str = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html";
/// Not AWS documentation: a report on AWS's own docs repository that a function URL answers a
/// response it cannot use with 502 "Internal Server Error". AWS documents no function URL error.
const FUNCTION_URL_ERROR_REPORT: &str =
    "https://github.com/awsdocs/aws-lambda-developer-guide/issues/430";
/// Not AWS documentation: users' reports of a throttled Lambda behind API Gateway (AWS
/// documents no answer for it).
const THROTTLE_REPORT: &str = "https://repost.aws/questions/QUfI6bsdd0SOiPeyimzxSkfQ/api-gateway-proxy-integration-does-not-forward-lambda-throttling-http-429-to-client-needs-product-support";
/// Reserved concurrency as the way to throttle a function URL.
const FUNCTION_URL_THROTTLING: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html";

/// REST API integration timeout: 29 s, the default and the documented maximum. Source:
/// API Gateway quotas, "Integration timeout: 50 milliseconds - 29 seconds"
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
pub const REST_INTEGRATION_TIMEOUT_MS: u64 = 29_000;
/// The shortest integration timeout API Gateway accepts, REST and HTTP APIs alike: "50
/// milliseconds - 29 seconds" ([`HTTP_API_QUOTAS`] gives 50 ms to 30 s for HTTP APIs).
pub const MIN_INTEGRATION_TIMEOUT_MS: u64 = 50;
/// HTTP API maximum (and default) integration timeout: 30 s. Source: [`HTTP_API_QUOTAS`].
pub const HTTP_API_INTEGRATION_TIMEOUT_MS: u64 = 30_000;

/// The kind of front door in front of the function; it decides how the answer is converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontDoor {
    /// API Gateway HTTP API with payload format 2.0.
    HttpApiV2,
    /// A Lambda function URL (always payload format 2.0).
    FunctionUrl,
    /// API Gateway REST API with Lambda proxy integration (payload format 1.0).
    RestApiV1,
    /// API Gateway HTTP API with payload format 1.0.
    HttpApiV1,
    /// Application Load Balancer; `multi_value_headers` is the target group setting
    /// `lambda.multi_value_headers.enabled`.
    Alb { multi_value_headers: bool },
}

impl FrontDoor {
    /// Which front door sent `event`, from its shape; `None` for anything else (including
    /// API Gateway authorizer events, which are not requests to answer).
    pub fn detect(event: &Value) -> Option<FrontDoor> {
        let context = event.get("requestContext")?;
        if event.get("methodArn").is_some() || event.get("routeArn").is_some() {
            return None;
        }
        if context.get("elb").is_some() {
            // The event carries multiValueHeaders exactly when the target group has
            // multi-value headers enabled (ALB guide, "Multi-value headers").
            let multi_value_headers = event.get("multiValueHeaders").is_some();
            return Some(FrontDoor::Alb {
                multi_value_headers,
            });
        }
        let version = event.get("version").and_then(Value::as_str);
        if version == Some("2.0") && context.get("http").is_some() {
            // Function URL domains have the form <url-id>.lambda-url.<region>.on.aws
            // (FUNCTION_URL, "Request payload format").
            let domain = context.get("domainName").and_then(Value::as_str);
            return Some(if domain.is_some_and(|d| d.contains(".lambda-url.")) {
                FrontDoor::FunctionUrl
            } else {
                FrontDoor::HttpApiV2
            });
        }
        if event.get("httpMethod").is_some() {
            // HTTP API 1.0 events say "version": "1.0"; REST API proxy events have no version.
            return match version {
                Some("1.0") => Some(FrontDoor::HttpApiV1),
                None if event.get("resource").is_some() => Some(FrontDoor::RestApiV1),
                _ => None,
            };
        }
        None
    }

    /// A short name for the UI.
    pub fn label(self) -> &'static str {
        match self {
            FrontDoor::HttpApiV2 => "HTTP API (payload 2.0)",
            FrontDoor::FunctionUrl => "Function URL",
            FrontDoor::RestApiV1 => "REST API (proxy)",
            FrontDoor::HttpApiV1 => "HTTP API (payload 1.0)",
            FrontDoor::Alb { .. } => "Application Load Balancer",
        }
    }

    /// How long the front door waits for the function before answering with its own timeout
    /// error. `None`: it waits as long as the function's own timeout (function URLs have no
    /// integration timeout; the ALB "waits until your Lambda function responds or times out").
    pub fn integration_timeout_ms(self) -> Option<u64> {
        match self {
            FrontDoor::RestApiV1 => Some(REST_INTEGRATION_TIMEOUT_MS),
            FrontDoor::HttpApiV2 | FrontDoor::HttpApiV1 => Some(HTTP_API_INTEGRATION_TIMEOUT_MS),
            FrontDoor::FunctionUrl | FrontDoor::Alb { .. } => None,
        }
    }

    fn is_http_api(self) -> bool {
        matches!(self, FrontDoor::HttpApiV2 | FrontDoor::HttpApiV1)
    }
}

/// How the invocation ended, as the front door sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// The function returned; this is the response payload's JSON text exactly as the runtime
    /// sent it.
    Returned(&'a str),
    /// The invocation failed: an unhandled error, or the function reached its own timeout
    /// (Lambda reports that to the caller as an error too).
    FunctionError,
    /// The front door's integration timeout ([`FrontDoor::integration_timeout_ms`]) passed
    /// before the function answered (`after_ms`: the timeout the front door was set to); the
    /// function may still be running.
    DoorTimeout { after_ms: u64 },
    /// Lambda refused the invoke: the function was at its concurrency limit (a 429
    /// `TooManyRequestsException` to the front door, which the client never sees as such).
    Throttled,
}

/// The HTTP response the client of the front door receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientResponse {
    pub status: u16,
    /// The standard reason phrase for `status` ("" for codes without one).
    pub reason: &'static str,
    /// In order, as returned, with one `set-cookie` per payload 2.0 cookie.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// One sentence: which AWS rule produced this response.
    pub rule: String,
    /// Where the rule is written down (an AWS documentation page unless `rule` says otherwise).
    pub source: &'static str,
}

/// Turns what the handler did into what the client of `door` receives.
pub fn client_response(door: FrontDoor, outcome: Outcome<'_>) -> ClientResponse {
    match outcome {
        Outcome::Returned(text) => match door {
            FrontDoor::HttpApiV2 | FrontDoor::FunctionUrl => payload_v2(door, text),
            FrontDoor::RestApiV1 | FrontDoor::HttpApiV1 => payload_v1(door, text),
            FrontDoor::Alb {
                multi_value_headers,
            } => alb(multi_value_headers, text),
        },
        Outcome::FunctionError => door_error(door, Failure::FunctionError),
        Outcome::DoorTimeout { after_ms } => door_error(door, Failure::DoorTimeout { after_ms }),
        Outcome::Throttled => door_error(door, Failure::Throttled),
    }
}

/// Why a returned payload cannot be converted. The client never sees this text (the front
/// door answers with its generic error), but the `rule` sentence does, to teach the cause.
#[derive(Debug, thiserror::Error)]
enum Malformed {
    #[error("the response is not valid JSON")]
    NotJson,
    #[error("the response is not a JSON object")]
    NotObject,
    #[error("statusCode is missing")]
    NoStatusCode,
    #[error("statusCode is not an integer from 100 to 599")]
    BadStatusCode,
    #[error("body is not a string")]
    BodyNotString,
    #[error("{0} is not an object of string values")]
    BadHeaders(&'static str),
    #[error("multiValueHeaders is not an object of string arrays")]
    BadMultiValueHeaders,
    #[error("cookies is not an array of strings")]
    BadCookies,
    #[error("isBase64Encoded is not a boolean")]
    BadBase64Flag,
    #[error("isBase64Encoded is true but body is not valid base64")]
    BadBase64,
}

enum Failure {
    Malformed(Malformed),
    FunctionError,
    DoorTimeout { after_ms: u64 },
    Throttled,
}

/// A converted answer: what the front door sends when the payload is usable.
struct Parts {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Parts {
    fn into_response(self, rule: String, source: &'static str) -> ClientResponse {
        ClientResponse {
            status: self.status,
            reason: reason_phrase(self.status),
            headers: self.headers,
            body: self.body,
            rule,
            source,
        }
    }
}

/// Payload format 2.0: HTTP API and function URLs (FUNCTION_URL: "the same schema as the
/// Amazon API Gateway payload format version 2.0").
fn payload_v2(door: FrontDoor, text: &str) -> ClientResponse {
    let (who, source) = match door {
        FrontDoor::FunctionUrl => ("Lambda", FUNCTION_URL),
        _ => ("API Gateway", HTTP_API_LAMBDA),
    };
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return door_error(door, Failure::Malformed(Malformed::NotJson));
    };
    let object = match value {
        Value::Object(object) if object.contains_key("statusCode") => object,
        _ => {
            // "If your function returns valid JSON and doesn't return a statusCode": 200,
            // content-type application/json, body = the function's response, not base64. The
            // function URL page shows the client receiving a returned string with its quotes
            // ("Hello, world!" arrives as 15 bytes), so the body is the JSON text unchanged.
            let parts = Parts {
                status: 200,
                headers: vec![("content-type".to_owned(), "application/json".to_owned())],
                body: text.as_bytes().to_vec(),
            };
            let rule = format!(
                "No statusCode: {who} infers 200, content-type application/json and the \
                 returned JSON, unchanged, as the body (payload format 2.0)"
            );
            return parts.into_response(rule, source);
        }
    };
    match parse_v2(&object) {
        Ok(parts) => parts.into_response(
            format!(
                "{who} sends statusCode, headers and body as returned, one set-cookie header \
                 per cookie, and decodes the body when isBase64Encoded is true (payload format \
                 2.0)"
            ),
            source,
        ),
        Err(why) => door_error(door, Failure::Malformed(why)),
    }
}

fn parse_v2(object: &Map<String, Value>) -> Result<Parts, Malformed> {
    let status = status_code(object)?;
    // Format 2.0 has no multiValueHeaders; only `headers` and `cookies` become headers.
    let mut headers = single_headers(object, "headers")?;
    for cookie in cookies(object)? {
        headers.push(("set-cookie".to_owned(), cookie));
    }
    let body = body_bytes(object, base64_flag(object)?)?;
    Ok(Parts {
        status,
        headers,
        body,
    })
}

/// Payload format 1.0: REST API proxy integrations and HTTP APIs set to 1.0.
fn payload_v1(door: FrontDoor, text: &str) -> ClientResponse {
    let parsed = json_object(text).and_then(|object| {
        let base64 = base64_flag(&object)?;
        // REST APIs decode base64 only when binaryMediaTypes match; with none configured "the
        // payloads are handled as UTF-8 encoded JSON strings", so the client gets the base64
        // text (REST_BINARY). HTTP APIs have no binary media types and decode (HTTP_API_LAMBDA).
        let decode = base64 && door.is_http_api();
        let parts = Parts {
            status: status_code(&object)?,
            headers: merged_headers(&object)?,
            body: body_bytes(&object, decode)?,
        };
        Ok((parts, base64 && !decode))
    });
    let (parts, base64_kept) = match parsed {
        Ok(parsed) => parsed,
        Err(why) => return door_error(door, Failure::Malformed(why)),
    };
    if base64_kept {
        let rule = "REST API with no binaryMediaTypes: the body is passed as text, so the \
                    client receives the base64 string itself, not the decoded bytes";
        return parts.into_response(rule.to_owned(), REST_BINARY);
    }
    let (who, source) = if door.is_http_api() {
        ("HTTP API", HTTP_API_LAMBDA)
    } else {
        ("REST API", REST_PROXY)
    };
    let rule = format!(
        "{who} sends statusCode and body as returned, with headers and multiValueHeaders \
         merged (multiValueHeaders wins for a name in both) (payload format 1.0)"
    );
    parts.into_response(rule, source)
}

/// ALB "Respond to the load balancer": statusCode, statusDescription, headers or
/// multiValueHeaders (per the target group setting), isBase64Encoded and an optional body.
fn alb(multi_value_headers: bool, text: &str) -> ClientResponse {
    let door = FrontDoor::Alb {
        multi_value_headers,
    };
    let parts = match json_object(text).and_then(|object| parse_alb(&object, multi_value_headers)) {
        Ok(parts) => parts,
        Err(why) => return door_error(door, Failure::Malformed(why)),
    };
    let fields = if multi_value_headers {
        "multiValueHeaders (multi-value headers are enabled)"
    } else {
        "headers (multi-value headers are off)"
    };
    let rule = format!(
        "The load balancer sends statusCode, {fields} and the body (decoded when \
         isBase64Encoded is true), dropping hop-by-hop headers"
    );
    parts.into_response(rule, ALB_LAMBDA)
}

fn parse_alb(object: &Map<String, Value>, multi_value_headers: bool) -> Result<Parts, Malformed> {
    let status = status_code(object)?;
    // "You must use multiValueHeaders if you have enabled multi-value headers and headers
    // otherwise." Unconfirmed: that the other field is ignored rather than rejected.
    // Unconfirmed: the guide says the response "must include" statusDescription, headers and
    // isBase64Encoded, but not that the ALB rejects a response without them; only statusCode
    // is required here. Whether statusDescription reaches the status line is not documented
    // either, so `reason` stays the standard phrase.
    let mut headers = if multi_value_headers {
        multi_headers(object)?
    } else {
        single_headers(object, "headers")?
    };
    // "The load balancer does not honor hop-by-hop headers, such as Connection or
    // Transfer-Encoding."
    headers.retain(|(name, _)| {
        !name.eq_ignore_ascii_case("connection") && !name.eq_ignore_ascii_case("transfer-encoding")
    });
    // "The load balancer decodes the content to retrieve the binary content."
    let body = body_bytes(object, base64_flag(object)?)?;
    Ok(Parts {
        status,
        headers,
        body,
    })
}

/// The front door's own answer when there is no usable response.
fn door_error(door: FrontDoor, failure: Failure) -> ClientResponse {
    let cause = match &failure {
        Failure::Malformed(why) => format!("The response is malformed ({why})"),
        Failure::FunctionError => "The function failed".to_owned(),
        Failure::Throttled => {
            "Lambda throttled the invoke (429 TooManyRequestsException)".to_owned()
        }
        // Function URLs and the ALB have no integration timeout: only the function's own.
        Failure::DoorTimeout { .. } if door.integration_timeout_ms().is_none() => {
            "The function timed out".to_owned()
        }
        Failure::DoorTimeout { after_ms } => format!(
            "The integration timed out after {}",
            crate::model::format::duration_words(*after_ms as f64 / 1_000.0)
        ),
    };
    let (status, body, rule, source): (u16, &str, String, &'static str) = match door {
        // Unconfirmed: AWS documents no answer for a throttled Lambda integration. API Gateway
        // does not pass Lambda's 429 on: REST API clients report 500 with the generic body
        // (repost.aws "API Gateway proxy integration does not forward Lambda throttling (HTTP
        // 429) to client"), and an AWS engineer on the old forum: "There is no way to map
        // Lambda's 429 to any status code. It will always be considered as 500."
        FrontDoor::RestApiV1 if matches!(failure, Failure::Throttled) => (
            500,
            r#"{"message": "Internal server error"}"#,
            format!("{cause}: REST API answers 500 (as users report it; AWS does not document it)"),
            THROTTLE_REPORT,
        ),
        FrontDoor::HttpApiV2 | FrontDoor::HttpApiV1 if matches!(failure, Failure::Throttled) => (
            500,
            r#"{"message":"Internal Server Error"}"#,
            format!(
                "{cause}: HTTP API answers 500 Internal Server Error (assumed like REST API's; \
                 AWS does not document it)"
            ),
            THROTTLE_REPORT,
        ),
        // Unconfirmed: a function URL invokes Lambda directly, whose answer to a throttled
        // invoke is 429; AWS documents reserved concurrency as the way to throttle a function
        // URL but not the client's status. No body is invented.
        FrontDoor::FunctionUrl if matches!(failure, Failure::Throttled) => (
            429,
            "",
            format!(
                "{cause}: the function URL answers 429 Too Many Requests (assumed; AWS does not \
                 document it)"
            ),
            FUNCTION_URL_THROTTLING,
        ),
        FrontDoor::RestApiV1 => match failure {
            // INTEGRATION_TIMEOUT's default status is 504 (REST_GATEWAY_RESPONSES). The body is
            // not in AWS's documentation; it is what clients report receiving, e.g.
            // github.com/CodeGenieApp/serverless-express/issues/111 and
            // github.com/zappa/Zappa/issues/1294.
            Failure::DoorTimeout { .. } => (
                504,
                r#"{"message": "Endpoint request timed out"}"#,
                format!("{cause}: REST API answers 504 (body as clients report it)"),
                REST_GATEWAY_RESPONSES,
            ),
            // "If the function runs but returns an error, or returns a response in the wrong
            // format, API Gateway returns a 502 ... {"message": "Internal server error"}".
            // Unconfirmed: the x-amzn-ErrorType and content-type headers real responses carry
            // are not documented for this case, so none are added.
            _ => (
                502,
                r#"{"message": "Internal server error"}"#,
                format!("{cause}: REST API answers 502 Internal server error"),
                APIGW_ERRORS,
            ),
        },
        FrontDoor::HttpApiV2 | FrontDoor::HttpApiV1 => match failure {
            // Unconfirmed: AWS documents the 30 s limit but not the answer. 503 with this body
            // is what clients report (a curl transcript with content-length 33 in
            // github.com/cortexlabs/cortex/issues/1225; github.com/serverless/serverless/issues/11222).
            Failure::DoorTimeout { .. } => (
                503,
                r#"{"message":"Service Unavailable"}"#,
                format!(
                    "{cause}: HTTP API answers 503 Service Unavailable (status and body as \
                     clients report them; AWS documents only the limit)"
                ),
                HTTP_API_QUOTAS,
            ),
            // The body is documented (HTTP_API_ERRORS), for function errors and responses not
            // in the required format alike. Unconfirmed: the 500 status, which the page implies
            // ("Internal Server Error") and clients report
            // (github.com/awslabs/aws-lambda-cpp/issues/117).
            _ => (
                500,
                r#"{"message":"Internal Server Error"}"#,
                format!("{cause}: HTTP API answers 500 Internal Server Error"),
                HTTP_API_ERRORS,
            ),
        },
        // Unconfirmed: AWS documents no function URL error response. 502 is what a report on
        // AWS's docs repository describes; no body is documented, so none is invented. A
        // function URL has no timeout of its own, so a DoorTimeout is the function's error.
        FrontDoor::FunctionUrl => (
            502,
            "",
            format!(
                "{cause}: the function URL answers 502 (reported, not documented by AWS; AWS \
                 documents no body)"
            ),
            FUNCTION_URL_ERROR_REPORT,
        ),
        // ALB_ERRORS lists for 502 "The target response is malformed" and "a Lambda function
        // that did not respond before its configured timeout". Unconfirmed: a function that
        // fails with an error; the page names no case for it. The ALB's error body is not
        // documented, so none is invented. The ALB has no integration timeout of its own.
        FrontDoor::Alb { .. } => (
            502,
            "",
            format!("{cause}: the load balancer answers 502 Bad Gateway (AWS documents no body)"),
            ALB_ERRORS,
        ),
    };
    ClientResponse {
        status,
        reason: reason_phrase(status),
        headers: Vec::new(),
        body: body.as_bytes().to_vec(),
        rule,
        source,
    }
}

fn json_object(text: &str) -> Result<Map<String, Value>, Malformed> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Malformed::NotObject),
        Err(_) => Err(Malformed::NotJson),
    }
}

/// `statusCode` must be an integer HTTP status. Unconfirmed: whether any front door accepts a
/// numeric string such as "200"; it is treated as malformed here.
fn status_code(object: &Map<String, Value>) -> Result<u16, Malformed> {
    let code = object.get("statusCode").ok_or(Malformed::NoStatusCode)?;
    code.as_u64()
        .filter(|code| (100..=599).contains(code))
        .and_then(|code| u16::try_from(code).ok())
        .ok_or(Malformed::BadStatusCode)
}

/// `{ "headerName": "headerValue", ... }`, absent or null meaning none. Unconfirmed: whether
/// numbers or booleans as values are accepted; the documented shape has strings only.
fn single_headers(
    object: &Map<String, Value>,
    field: &'static str,
) -> Result<Vec<(String, String)>, Malformed> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| match value {
                Value::String(value) => Ok((name.clone(), value.clone())),
                _ => Err(Malformed::BadHeaders(field)),
            })
            .collect(),
        Some(_) => Err(Malformed::BadHeaders(field)),
    }
}

/// `{ "headerName": ["value1", "value2"], ... }`, each value its own header line.
fn multi_headers(object: &Map<String, Value>) -> Result<Vec<(String, String)>, Malformed> {
    let map = match object.get("multiValueHeaders") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(Malformed::BadMultiValueHeaders),
    };
    let mut headers = Vec::new();
    for (name, values) in map {
        let Value::Array(values) = values else {
            return Err(Malformed::BadMultiValueHeaders);
        };
        for value in values {
            let Value::String(value) = value else {
                return Err(Malformed::BadMultiValueHeaders);
            };
            headers.push((name.clone(), value.clone()));
        }
    }
    Ok(headers)
}

/// Payload 1.0: "If you specify values for both headers and multiValueHeaders, API Gateway
/// merges them into a single list. If the same key-value pair is specified in both, only the
/// values from multiValueHeaders will appear in the merged list." (REST_PROXY)
/// Unconfirmed: the docs say "key-value pair"; a name in both is taken here to mean the
/// multiValueHeaders values replace the single value (names compared case-insensitively, as
/// HTTP does), and the merged order (headers first) is not documented.
fn merged_headers(object: &Map<String, Value>) -> Result<Vec<(String, String)>, Malformed> {
    let multi = multi_headers(object)?;
    let mut merged: Vec<(String, String)> = single_headers(object, "headers")?
        .into_iter()
        .filter(|(name, _)| !multi.iter().any(|(m, _)| m.eq_ignore_ascii_case(name)))
        .collect();
    merged.extend(multi);
    Ok(merged)
}

/// Payload 2.0 `cookies`: "each cookie becomes a set-cookie header" (HTTP_API_LAMBDA).
fn cookies(object: &Map<String, Value>) -> Result<Vec<String>, Malformed> {
    match object.get("cookies") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or(Malformed::BadCookies)
            })
            .collect(),
        Some(_) => Err(Malformed::BadCookies),
    }
}

fn base64_flag(object: &Map<String, Value>) -> Result<bool, Malformed> {
    match object.get("isBase64Encoded") {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(_) => Err(Malformed::BadBase64Flag),
    }
}

/// The body must be a string ("The output body is marshalled to the frontend as the method
/// response payload"); absent or null is an empty body. Unconfirmed: for payload 2.0 with a
/// statusCode, whether a non-string body is rejected; it is treated as malformed here, as for
/// 1.0. Unconfirmed: invalid base64 under isBase64Encoded is treated as malformed.
fn body_bytes(object: &Map<String, Value>, decode_base64: bool) -> Result<Vec<u8>, Malformed> {
    let text = match object.get("body") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(text)) => text,
        Some(_) => return Err(Malformed::BodyNotString),
    };
    if decode_base64 {
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| Malformed::BadBase64)
    } else {
        Ok(text.as_bytes().to_vec())
    }
}

/// RFC 9110 reason phrases (plus 429 from RFC 6585), "" for codes without one.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        426 => "Upgrade Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests;
