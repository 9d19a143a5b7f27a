//! The other direction of a front door: an HTTP request turned into the event payload format
//! 2.0 that an HTTP API or a function URL sends the function (the shape of
//! `sample-events/apigateway-http/get.json` and `sample-events/lambda-url/get.json`), with
//! routes like `GET /orders/{id}` matched and their path parameters filled in.
//!
//! Source: API Gateway developer guide, "Create AWS Lambda proxy integrations for HTTP APIs",
//! payload format 2.0 (duplicate headers and query strings joined with commas, cookies in their
//! own field, header names lower-cased); Lambda developer guide, "Invoking Lambda function
//! URLs", request payload format.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::{Map, Value, json};

/// An HTTP request as the server received it.
#[derive(Clone, Debug, Default)]
pub struct HttpRequest {
    pub method: String,
    /// The path, still percent-encoded, without the query.
    pub path: String,
    /// The query string as sent, without the `?`.
    pub query: String,
    /// In order; names as sent (they are lower-cased in the event).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub source_ip: String,
}

/// A route of an HTTP API: `GET /orders/{id}`, `ANY /files/{proxy+}` or `$default`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// `None` for `ANY`.
    method: Option<String>,
    segments: Vec<Segment>,
    key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter(String),
    /// `{name+}`: the rest of the path, slashes included.
    Greedy(String),
}

/// A route that cannot be parsed, worded for the command line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "route {0:?}: {1} (write it as API Gateway does: \"GET /orders/{{id}}\", \"ANY /files/{{proxy+}}\")"
)]
pub struct RouteError(String, &'static str);

impl Route {
    pub fn parse(text: &str) -> Result<Self, RouteError> {
        let error = |why| RouteError(text.to_owned(), why);
        let (method, path) = text
            .trim()
            .split_once(' ')
            .ok_or_else(|| error("a method, a space and a path are needed"))?;
        let method = method.to_ascii_uppercase();
        if !path.starts_with('/') {
            return Err(error("the path must start with /"));
        }
        let parts: Vec<&str> = path.split('/').skip(1).filter(|s| !s.is_empty()).collect();
        let mut segments = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let segment = match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) if name.ends_with('+') => {
                    if index + 1 != parts.len() {
                        return Err(error("a greedy {name+} parameter must come last"));
                    }
                    Segment::Greedy(name.trim_end_matches('+').to_owned())
                }
                Some("") => return Err(error("a parameter needs a name")),
                Some(name) => Segment::Parameter(name.to_owned()),
                None => Segment::Literal((*part).to_owned()),
            };
            segments.push(segment);
        }
        Ok(Self {
            method: (method != "ANY").then_some(method.clone()),
            segments,
            key: format!("{method} {path}"),
        })
    }

    /// The route key as the event carries it (`GET /orders/{id}`).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The path parameters when `method` and `path` (percent-encoded) match this route.
    pub fn matches(&self, method: &str, path: &str) -> Option<BTreeMap<String, String>> {
        if self
            .method
            .as_deref()
            .is_some_and(|m| !m.eq_ignore_ascii_case(method))
        {
            return None;
        }
        let parts: Vec<&str> = path.split('/').skip(1).filter(|s| !s.is_empty()).collect();
        let mut parameters = BTreeMap::new();
        for (index, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Literal(literal) => {
                    if parts.get(index) != Some(&literal.as_str()) {
                        return None;
                    }
                }
                Segment::Parameter(name) => {
                    parameters.insert(name.clone(), decode(parts.get(index)?));
                }
                Segment::Greedy(name) => {
                    let rest = parts.get(index..).filter(|rest| !rest.is_empty())?;
                    parameters.insert(name.clone(), decode(&rest.join("/")));
                    return Some(parameters);
                }
            }
        }
        (parts.len() == self.segments.len()).then_some(parameters)
    }
}

fn decode(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// Which payload-2.0 front door the event is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    HttpApi,
    FunctionUrl,
}

/// Identifies the front door in the event (API id, domain), as a deployed one would.
#[derive(Clone, Debug)]
pub struct DoorIdentity {
    pub api_id: String,
    pub account_id: String,
    pub region: String,
}

impl DoorIdentity {
    fn domain_name(&self, door: Door) -> String {
        match door {
            Door::HttpApi => format!("{}.execute-api.{}.amazonaws.com", self.api_id, self.region),
            Door::FunctionUrl => format!("{}.lambda-url.{}.on.aws", self.api_id, self.region),
        }
    }
}

/// Whether a body of this content type is passed as text; anything else is base64-encoded
/// with `isBase64Encoded: true`. Unconfirmed: AWS documents that non-text bodies are
/// base64-encoded without listing the text types; these are the ones the shipped samples and
/// the function URL guide treat as text (form posts arrive base64-encoded).
pub fn is_text(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || matches!(
            essence.as_str(),
            "application/json" | "application/javascript" | "application/xml"
        )
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
}

/// The payload format 2.0 event for `request`, through `route` (`None`: `$default`).
pub fn event_v2(
    door: Door,
    identity: &DoorIdentity,
    request: &HttpRequest,
    route: Option<(&Route, BTreeMap<String, String>)>,
    request_id: &str,
    time_epoch_ms: u64,
) -> Value {
    let cookies: Vec<String> = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("cookie"))
        .flat_map(|(_, value)| value.split(';'))
        .map(|cookie| cookie.trim().to_owned())
        .filter(|cookie| !cookie.is_empty())
        .collect();
    let headers = joined(
        request
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("cookie"))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.clone())),
    );
    let query = joined(
        url::form_urlencoded::parse(request.query.as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned())),
    );
    let route_key = route
        .as_ref()
        .map_or("$default".to_owned(), |(route, _)| route.key().to_owned());
    let user_agent = headers
        .get("user-agent")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut object = Map::new();
    object.insert("version".into(), json!("2.0"));
    object.insert("routeKey".into(), json!(route_key));
    object.insert("rawPath".into(), json!(request.path));
    object.insert("rawQueryString".into(), json!(request.query));
    if !cookies.is_empty() {
        object.insert("cookies".into(), json!(cookies));
    }
    object.insert("headers".into(), Value::Object(headers));
    if !query.is_empty() {
        object.insert("queryStringParameters".into(), Value::Object(query));
    }
    object.insert(
        "requestContext".into(),
        json!({
            "accountId": match door {
                // A function URL with auth type NONE says "anonymous" (lambda-url/get.json).
                Door::FunctionUrl => "anonymous".to_owned(),
                Door::HttpApi => identity.account_id.clone(),
            },
            "apiId": identity.api_id,
            "domainName": identity.domain_name(door),
            "domainPrefix": identity.api_id,
            "http": {
                "method": request.method,
                "path": request.path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": user_agent,
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": "$default",
            "time": clf_time(time_epoch_ms),
            "timeEpoch": time_epoch_ms,
        }),
    );
    if let Some((_, parameters)) = route.filter(|(_, p)| !p.is_empty()) {
        object.insert("pathParameters".into(), json!(parameters));
    }
    if !request.body.is_empty() {
        let content_type = request
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map_or("", |(_, value)| value.as_str());
        let text = is_text(content_type)
            .then(|| std::str::from_utf8(&request.body).ok())
            .flatten();
        match text {
            Some(text) => {
                object.insert("body".into(), json!(text));
                object.insert("isBase64Encoded".into(), json!(false));
            }
            None => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(&request.body);
                object.insert("body".into(), json!(encoded));
                object.insert("isBase64Encoded".into(), json!(true));
            }
        }
    } else {
        object.insert("isBase64Encoded".into(), json!(false));
    }
    Value::Object(object)
}

impl Route {
    /// The path part of the route (`/orders/{orderId}`), a REST API's `resource`.
    pub fn resource(&self) -> &str {
        self.key.split_once(' ').map_or("/", |(_, path)| path)
    }
}

/// The REST API (payload format 1.0) event for `request`, through `route` (`None`: the
/// catch-all `/{proxy+}` resource). Headers and query strings keep their last value in the
/// single-value maps and every value in the multi-value ones; absent maps are `null`. Without
/// binary media types configured a REST API passes the body as text (`isBase64Encoded` false).
/// Source: API Gateway developer guide, "Input format of a Lambda function for proxy
/// integration"; shape as `sample-events/apigateway-rest/get.json`.
pub fn event_v1(
    identity: &DoorIdentity,
    request: &HttpRequest,
    route: Option<(&Route, BTreeMap<String, String>)>,
    request_id: &str,
    time_epoch_ms: u64,
) -> Value {
    const STAGE: &str = "prod";
    let (headers, multi_headers) = single_and_multi(
        request
            .headers
            .iter()
            .map(|(name, value)| (name.clone(), value.clone())),
    );
    let (query, multi_query) = single_and_multi(
        url::form_urlencoded::parse(request.query.as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned())),
    );
    let (resource, parameters) = match route {
        Some((route, parameters)) => (route.resource().to_owned(), parameters),
        None => (
            "/{proxy+}".to_owned(),
            BTreeMap::from([(
                "proxy".to_owned(),
                decode(request.path.trim_start_matches('/')),
            )]),
        ),
    };
    let or_null = |map: Map<String, Value>| {
        if map.is_empty() {
            Value::Null
        } else {
            Value::Object(map)
        }
    };
    let user_agent = request
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("user-agent"))
        .map_or("", |(_, value)| value.as_str());
    let body = if request.body.is_empty() {
        Value::Null
    } else {
        json!(String::from_utf8_lossy(&request.body))
    };
    json!({
        "resource": resource,
        "path": request.path,
        "httpMethod": request.method,
        "headers": or_null(headers),
        "multiValueHeaders": or_null(multi_headers),
        "queryStringParameters": or_null(query),
        "multiValueQueryStringParameters": or_null(multi_query),
        "pathParameters": if parameters.is_empty() { Value::Null } else { json!(parameters) },
        "stageVariables": null,
        "requestContext": {
            "resourceId": identity.api_id.get(..6).unwrap_or(&identity.api_id),
            "resourcePath": resource,
            "httpMethod": request.method,
            "extendedRequestId": request_id,
            "requestTime": clf_time(time_epoch_ms),
            "path": format!("/{STAGE}{}", request.path),
            "accountId": identity.account_id,
            "protocol": "HTTP/1.1",
            "stage": STAGE,
            "domainPrefix": identity.api_id,
            "requestTimeEpoch": time_epoch_ms,
            "requestId": request_id,
            "identity": {
                "cognitoIdentityPoolId": null,
                "accountId": null,
                "cognitoIdentityId": null,
                "caller": null,
                "sourceIp": request.source_ip,
                "principalOrgId": null,
                "accessKey": null,
                "cognitoAuthenticationType": null,
                "cognitoAuthenticationProvider": null,
                "userArn": null,
                "userAgent": user_agent,
                "user": null,
            },
            "domainName": identity.domain_name(Door::HttpApi),
            "deploymentId": identity.api_id.get(..6).unwrap_or(&identity.api_id),
            "apiId": identity.api_id,
        },
        "body": body,
        "isBase64Encoded": false,
    })
}

/// Payload 2.0's map: each name once, its values joined with commas in order.
fn joined(pairs: impl Iterator<Item = (String, String)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in pairs {
        match map.get_mut(&name) {
            Some(Value::String(joined)) => {
                joined.push(',');
                joined.push_str(&value);
            }
            _ => {
                map.insert(name, Value::String(value));
            }
        }
    }
    map
}

/// Payload 1.0's pair of maps: each name's last value, and all its values in order.
fn single_and_multi(
    pairs: impl Iterator<Item = (String, String)>,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut single = Map::new();
    let mut multi: Map<String, Value> = Map::new();
    for (name, value) in pairs {
        match multi.get_mut(&name) {
            Some(Value::Array(values)) => values.push(json!(value)),
            _ => {
                multi.insert(name.clone(), json!([value]));
            }
        }
        single.insert(name, json!(value));
    }
    (single, multi)
}

/// `14/Mar/2026:10:15:30 +0000`, the time format of `requestContext.time` (and of access
/// logs).
pub fn clf_time(epoch_ms: u64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let at = time::OffsetDateTime::from_unix_timestamp((epoch_ms / 1000) as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
        at.day(),
        MONTHS[usize::from(u8::from(at.month())) - 1],
        at.year(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity() -> DoorIdentity {
        DoorIdentity {
            api_id: "r3pmxmplak".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
        }
    }

    fn request(method: &str, path: &str, query: &str) -> HttpRequest {
        HttpRequest {
            method: method.into(),
            path: path.into(),
            query: query.into(),
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Cookie".into(), "session=5f2a9c1e; theme=dark".into()),
                ("User-Agent".into(), "curl/8.5.0".into()),
            ],
            body: Vec::new(),
            source_ip: "127.0.0.1".into(),
        }
    }

    /// A shipped sample event.
    fn sample(file: &str) -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-events")
            .join(file);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The keys, at every level, of a JSON value.
    fn shape(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
            }
            _ => Value::Null,
        }
    }

    #[test]
    fn an_http_api_get_has_the_shape_of_the_shipped_sample() {
        let route = Route::parse("GET /orders/{orderId}").unwrap();
        let parameters = route.matches("GET", "/orders/1042").unwrap();
        let mut get = request("GET", "/orders/1042", "include=items");
        get.headers
            .push(("X-Forwarded-For".into(), "203.0.113.24".into()));
        let event = event_v2(
            Door::HttpApi,
            &identity(),
            &get,
            Some((&route, parameters)),
            "nZoZCFmQKxMp3y0=",
            1_773_483_330_512,
        );
        let sample = sample("apigateway-http/get.json");
        // Same fields everywhere but the headers, which are the request's own.
        let mut ours = shape(&event);
        let mut theirs = shape(&sample);
        ours["headers"] = Value::Null;
        theirs["headers"] = Value::Null;
        assert_eq!(ours, theirs);
        assert_eq!(event["routeKey"], "GET /orders/{orderId}");
        assert_eq!(event["pathParameters"]["orderId"], "1042");
        assert_eq!(event["cookies"], json!(["session=5f2a9c1e", "theme=dark"]));
        assert_eq!(
            event["requestContext"]["time"],
            "14/Mar/2026:10:15:30 +0000"
        );
        assert_eq!(event["headers"]["user-agent"], "curl/8.5.0");
        assert!(event["headers"].get("cookie").is_none());
    }

    #[test]
    fn a_function_url_get_has_the_shape_of_the_shipped_sample() {
        let mut get = request("GET", "/", "");
        get.headers.retain(|(name, _)| name != "Cookie");
        let event = event_v2(
            Door::FunctionUrl,
            &identity(),
            &get,
            None,
            "a3b95525-8549-44a5-855d-4c325ecb4d0f",
            1_773_483_330_512,
        );
        let sample = sample("lambda-url/get.json");
        let mut ours = shape(&event);
        let mut theirs = shape(&sample);
        ours["headers"] = Value::Null;
        theirs["headers"] = Value::Null;
        assert_eq!(ours, theirs);
        assert_eq!(event["requestContext"]["accountId"], "anonymous");
        assert!(
            event["requestContext"]["domainName"]
                .as_str()
                .unwrap()
                .contains(".lambda-url.")
        );
    }

    #[test]
    fn a_rest_api_get_has_the_shape_of_the_shipped_sample() {
        let route = Route::parse("GET /orders/{orderId}").unwrap();
        let parameters = route.matches("GET", "/orders/1042").unwrap();
        let mut get = request("GET", "/orders/1042", "include=items");
        get.headers.retain(|(name, _)| name != "Cookie");
        let event = event_v1(&identity(), &get, Some((&route, parameters)), "id", 0);
        let sample = sample("apigateway-rest/get.json");
        let mut ours = shape(&event);
        let mut theirs = shape(&sample);
        for field in ["headers", "multiValueHeaders"] {
            ours[field] = Value::Null;
            theirs[field] = Value::Null;
        }
        assert_eq!(ours, theirs);
        assert_eq!(event["resource"], "/orders/{orderId}");
        assert_eq!(event["requestContext"]["path"], "/prod/orders/1042");
        assert_eq!(
            event["multiValueQueryStringParameters"]["include"],
            json!(["items"])
        );
        assert_eq!(event["headers"]["User-Agent"], "curl/8.5.0");
        // Without a route: the catch-all resource, the path as its parameter.
        let event = event_v1(&identity(), &request("GET", "/a/b", ""), None, "id", 0);
        assert_eq!(event["resource"], "/{proxy+}");
        assert_eq!(event["pathParameters"]["proxy"], "a/b");
        assert_eq!(event["queryStringParameters"], Value::Null);
    }

    #[test]
    fn duplicate_query_strings_and_headers_are_joined_with_commas() {
        let mut get = request("GET", "/", "tag=a&tag=b%20c&q=x%2By");
        get.headers.push(("accept".into(), "text/html".into()));
        let event = event_v2(Door::HttpApi, &identity(), &get, None, "id", 0);
        assert_eq!(event["queryStringParameters"]["tag"], "a,b c");
        assert_eq!(event["queryStringParameters"]["q"], "x+y");
        assert_eq!(event["headers"]["accept"], "application/json,text/html");
        assert_eq!(event["rawQueryString"], "tag=a&tag=b%20c&q=x%2By");
    }

    #[test]
    fn a_json_body_is_text_and_a_form_post_is_base64() {
        let mut post = request("POST", "/orders", "");
        post.headers
            .push(("Content-Type".into(), "application/json".into()));
        post.body = br#"{"sku":"COF-250"}"#.to_vec();
        let event = event_v2(Door::HttpApi, &identity(), &post, None, "id", 0);
        assert_eq!(event["body"], r#"{"sku":"COF-250"}"#);
        assert_eq!(event["isBase64Encoded"], false);
        post.headers.pop();
        post.headers.push((
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        post.body = b"a=1&b=2".to_vec();
        let event = event_v2(Door::HttpApi, &identity(), &post, None, "id", 0);
        assert_eq!(event["body"], "YT0xJmI9Mg==");
        assert_eq!(event["isBase64Encoded"], true);
    }

    #[test]
    fn routes_match_methods_parameters_and_greedy_paths() {
        let route = Route::parse("GET /orders/{id}").unwrap();
        assert_eq!(
            route.matches("GET", "/orders/a%20b"),
            Some(BTreeMap::from([("id".to_owned(), "a b".to_owned())]))
        );
        assert_eq!(route.matches("POST", "/orders/1"), None);
        assert_eq!(route.matches("GET", "/orders/1/items"), None);
        let files = Route::parse("ANY /files/{proxy+}").unwrap();
        assert_eq!(
            files.matches("DELETE", "/files/a/b.txt"),
            Some(BTreeMap::from([("proxy".to_owned(), "a/b.txt".to_owned())]))
        );
        assert_eq!(files.matches("GET", "/files"), None);
        assert!(Route::parse("/orders").is_err());
        assert!(Route::parse("GET orders").is_err());
        assert!(Route::parse("GET /{all+}/x").is_err());
    }
}
