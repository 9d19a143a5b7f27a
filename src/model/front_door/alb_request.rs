//! The event an Application Load Balancer sends a Lambda target for an HTTP request, with
//! multi-value headers off (the default) or on. Source: Elastic Load Balancing guide, "Lambda
//! functions as targets" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html);
//! shape as `sample-events/alb/get.json` and `multi-value.json`.

use base64::Engine as _;
use serde_json::{Map, Value, json};

use super::request::{HttpRequest, is_text};

/// The largest request body an ALB passes to a Lambda target: "The maximum size of the
/// request body that you can send to a Lambda function is 1 MB" (the page above, Limits).
pub const ALB_MAX_REQUEST_BODY_BYTES: usize = 1024 * 1024;

/// The target group ARN the event names, for a target group called `name`.
pub fn target_group_arn(region: &str, account_id: &str, name: &str, id: &str) -> String {
    format!("arn:aws:elasticloadbalancing:{region}:{account_id}:targetgroup/{name}/{id}")
}

/// The ALB event for `request`. Query parameters are passed as they were sent, still
/// URL-encoded ("If the query parameters are URL-encoded, the load balancer does not decode
/// them"); without multi-value headers a repeated header or parameter keeps its last value.
/// The load balancer adds the `x-forwarded-*` headers.
pub fn event_alb(target_group_arn: &str, request: &HttpRequest, multi_value: bool) -> Value {
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
        .filter(|(name, _)| !name.starts_with("x-forwarded-"))
        .collect();
    headers.push(("x-forwarded-for".to_owned(), request.source_ip.clone()));
    // The server behind `lambda-lab http` is plain HTTP on a local port.
    headers.push(("x-forwarded-port".to_owned(), "80".to_owned()));
    headers.push(("x-forwarded-proto".to_owned(), "http".to_owned()));
    let query: Vec<(String, String)> = request
        .query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect();
    let content_type = request
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, value)| value.as_str());
    let encoded_content = request
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-encoding"));
    // Unconfirmed: the page says the body is base64-encoded when "isBase64Encoded" is true,
    // without listing which content types stay text; the same text types as the other front
    // doors are used, and a compressed body (content-encoding) is binary.
    let (body, is_base64) =
        if request.body.is_empty() || (is_text(content_type) && !encoded_content) {
            (String::from_utf8_lossy(&request.body).into_owned(), false)
        } else {
            (
                base64::engine::general_purpose::STANDARD.encode(&request.body),
                true,
            )
        };
    let mut event = Map::new();
    event.insert(
        "requestContext".to_owned(),
        json!({"elb": {"targetGroupArn": target_group_arn}}),
    );
    event.insert("httpMethod".to_owned(), json!(request.method));
    event.insert("path".to_owned(), json!(request.path));
    if multi_value {
        event.insert(
            "multiValueQueryStringParameters".to_owned(),
            Value::Object(multi(query)),
        );
        event.insert(
            "multiValueHeaders".to_owned(),
            Value::Object(multi(headers)),
        );
    } else {
        event.insert(
            "queryStringParameters".to_owned(),
            Value::Object(last(query)),
        );
        event.insert("headers".to_owned(), Value::Object(last(headers)));
    }
    event.insert("body".to_owned(), json!(body));
    event.insert("isBase64Encoded".to_owned(), json!(is_base64));
    Value::Object(event)
}

fn last(pairs: Vec<(String, String)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .map(|(name, value)| (name, Value::String(value)))
        .collect()
}

fn multi(pairs: Vec<(String, String)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, value) in pairs {
        match map.get_mut(&name) {
            Some(Value::Array(values)) => values.push(json!(value)),
            _ => {
                map.insert(name, json!([value]));
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpRequest {
        HttpRequest {
            method: "GET".to_owned(),
            path: "/search".to_owned(),
            query: query.to_owned(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_vec(),
            source_ip: "127.0.0.1".to_owned(),
        }
    }

    fn sample(name: &str) -> Value {
        let path = format!("{}/sample-events/alb/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn keys(value: &Value) -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn single_value_event_has_the_samples_keys_and_keeps_the_query_encoded() {
        let event = event_alb(
            "arn:tg",
            &request(
                "q=coffee%20beans&page=1&page=2",
                &[("Accept", "text/html")],
                b"",
            ),
            false,
        );
        assert_eq!(keys(&event), keys(&sample("get.json")));
        assert_eq!(event["queryStringParameters"]["q"], "coffee%20beans");
        assert_eq!(event["queryStringParameters"]["page"], "2");
        assert_eq!(event["headers"]["accept"], "text/html");
        assert_eq!(event["headers"]["x-forwarded-for"], "127.0.0.1");
        assert_eq!(event["requestContext"]["elb"]["targetGroupArn"], "arn:tg");
        assert_eq!(event["isBase64Encoded"], false);
    }

    #[test]
    fn multi_value_event_has_the_samples_keys_and_every_value() {
        let event = event_alb(
            "arn:tg",
            &request(
                "tag=decaf&tag=organic",
                &[("accept", "text/html"), ("accept", "application/json")],
                b"",
            ),
            true,
        );
        assert_eq!(keys(&event), keys(&sample("multi-value.json")));
        assert_eq!(
            event["multiValueQueryStringParameters"]["tag"],
            json!(["decaf", "organic"])
        );
        assert_eq!(
            event["multiValueHeaders"]["accept"],
            json!(["text/html", "application/json"])
        );
    }

    #[test]
    fn a_binary_body_is_base64_encoded_and_flagged() {
        let event = event_alb(
            "arn:tg",
            &request(
                "",
                &[("content-type", "image/png")],
                &[0x89, b'P', b'N', b'G'],
            ),
            false,
        );
        assert_eq!(event["isBase64Encoded"], true);
        assert_eq!(event["body"], "iVBORw==");
    }
}
