use super::*;
use serde_json::json;

fn returned(door: FrontDoor, value: Value) -> ClientResponse {
    client_response(door, Outcome::Returned(&value.to_string()))
}

fn header_pairs(response: &ClientResponse) -> Vec<(&str, &str)> {
    let pairs = response.headers.iter();
    pairs.map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

fn sample(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn detects_each_front_door_from_the_sample_events() {
    let cases = [
        (
            include_str!("../../../sample-events/apigateway-http/get.json"),
            Some(FrontDoor::HttpApiV2),
        ),
        (
            include_str!("../../../sample-events/lambda-url/get.json"),
            Some(FrontDoor::FunctionUrl),
        ),
        (
            include_str!("../../../sample-events/apigateway-rest/get.json"),
            Some(FrontDoor::RestApiV1),
        ),
        (
            include_str!("../../../sample-events/alb/get.json"),
            Some(FrontDoor::Alb {
                multi_value_headers: false,
            }),
        ),
        (
            include_str!("../../../sample-events/alb/multi-value.json"),
            Some(FrontDoor::Alb {
                multi_value_headers: true,
            }),
        ),
        // Authorizer events are not requests to answer.
        (
            include_str!("../../../sample-events/apigateway-rest/authorizer-request.json"),
            None,
        ),
        (
            include_str!("../../../sample-events/apigateway-http/authorizer-request.json"),
            None,
        ),
        (
            include_str!("../../../sample-events/sqs/standard.json"),
            None,
        ),
    ];
    for (text, door) in cases {
        assert_eq!(FrontDoor::detect(&sample(text)), door, "{text}");
    }
    let http_api_v1 = json!({
        "version": "1.0", "resource": "/my/path", "httpMethod": "GET",
        "requestContext": {"apiId": "id", "stage": "$default"}
    });
    assert_eq!(FrontDoor::detect(&http_api_v1), Some(FrontDoor::HttpApiV1));
}

#[test]
fn integration_timeouts_are_29_s_rest_30_s_http_api_none_otherwise() {
    assert_eq!(FrontDoor::RestApiV1.integration_timeout_ms(), Some(29_000));
    assert_eq!(FrontDoor::HttpApiV2.integration_timeout_ms(), Some(30_000));
    assert_eq!(FrontDoor::HttpApiV1.integration_timeout_ms(), Some(30_000));
    assert_eq!(FrontDoor::FunctionUrl.integration_timeout_ms(), None);
    let alb = FrontDoor::Alb {
        multi_value_headers: false,
    };
    assert_eq!(alb.integration_timeout_ms(), None);
}

#[test]
fn v2_without_status_code_infers_200_json_and_keeps_a_string_quoted() {
    // The function URL page's example: "Hello, world!" reaches the client as 15 bytes.
    for door in [FrontDoor::FunctionUrl, FrontDoor::HttpApiV2] {
        let response = client_response(door, Outcome::Returned(r#""Hello, world!""#));
        assert_eq!((response.status, response.reason), (200, "OK"));
        assert_eq!(
            header_pairs(&response),
            [("content-type", "application/json")]
        );
        assert_eq!(response.body, br#""Hello, world!""#);
        assert_eq!(response.body.len(), 15);
    }
}

#[test]
fn v2_without_status_code_sends_an_object_as_returned_even_with_body_fields() {
    let text = r#"{"message":"hi","body":"ignored","headers":{"x":"y"}}"#;
    let response = client_response(FrontDoor::HttpApiV2, Outcome::Returned(text));
    assert_eq!(response.status, 200);
    assert_eq!(
        header_pairs(&response),
        [("content-type", "application/json")]
    );
    assert_eq!(response.body, text.as_bytes());
    assert!(
        response
            .rule
            .starts_with("No statusCode: API Gateway infers 200")
    );
    assert_eq!(response.source, HTTP_API_LAMBDA);
}

#[test]
fn v2_with_status_code_sends_headers_then_one_set_cookie_per_cookie() {
    let response = returned(
        FrontDoor::FunctionUrl,
        json!({
            "statusCode": 201,
            "headers": {"Content-Type": "application/json", "My-Custom-Header": "Custom Value"},
            "body": "{\"message\":\"Hello, world!\"}",
            "cookies": ["Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT", "Cookie_2=Value2; Max-Age=78000"],
            "multiValueHeaders": {"X-Ignored": ["format 2.0 has no multiValueHeaders"]},
            "isBase64Encoded": false
        }),
    );
    assert_eq!((response.status, response.reason), (201, "Created"));
    assert_eq!(
        header_pairs(&response),
        [
            ("Content-Type", "application/json"),
            ("My-Custom-Header", "Custom Value"),
            (
                "set-cookie",
                "Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT"
            ),
            ("set-cookie", "Cookie_2=Value2; Max-Age=78000"),
        ]
    );
    assert_eq!(response.body, br#"{"message":"Hello, world!"}"#);
    assert_eq!(response.source, FUNCTION_URL);
}

#[test]
fn v2_decodes_a_base64_body() {
    let response = returned(
        FrontDoor::HttpApiV2,
        json!({"statusCode": 200, "isBase64Encoded": true, "body": "AAH/"}),
    );
    assert_eq!(response.body, [0x00, 0x01, 0xff]);
    assert!(response.headers.is_empty());
}

#[test]
fn v2_answer_that_is_not_json_is_the_door_error() {
    let http_api = client_response(FrontDoor::HttpApiV2, Outcome::Returned("Hello"));
    assert_eq!(
        (http_api.status, http_api.reason),
        (500, "Internal Server Error")
    );
    assert_eq!(http_api.body, br#"{"message":"Internal Server Error"}"#);
    assert!(
        http_api.rule.contains("not valid JSON"),
        "{}",
        http_api.rule
    );
    let url = client_response(FrontDoor::FunctionUrl, Outcome::Returned("Hello"));
    assert_eq!(
        (url.status, url.reason, url.body.len()),
        (502, "Bad Gateway", 0)
    );
    assert_eq!(url.source, FUNCTION_URL_ERROR_REPORT);
}

#[test]
fn v2_with_status_code_and_an_object_body_is_malformed() {
    let response = returned(
        FrontDoor::HttpApiV2,
        json!({"statusCode": 200, "body": {"a": 1}}),
    );
    assert_eq!(response.status, 500);
    assert!(
        response.rule.contains("body is not a string"),
        "{}",
        response.rule
    );
}

#[test]
fn rest_merges_headers_and_multi_value_headers() {
    let response = returned(
        FrontDoor::RestApiV1,
        json!({
            "statusCode": 404,
            "headers": {"Content-Type": "text/plain", "X-Both": "single"},
            "multiValueHeaders": {"x-both": ["one", "two"], "Set-Cookie": ["a=1", "b=2"]},
            "body": "not here"
        }),
    );
    assert_eq!((response.status, response.reason), (404, "Not Found"));
    assert_eq!(
        header_pairs(&response),
        [
            ("Content-Type", "text/plain"),
            ("x-both", "one"),
            ("x-both", "two"),
            ("Set-Cookie", "a=1"),
            ("Set-Cookie", "b=2"),
        ]
    );
    assert_eq!(response.body, b"not here");
    assert_eq!(response.source, REST_PROXY);
}

#[test]
fn rest_malformed_answers_502_internal_server_error() {
    let cases = [
        json!({"message": "no statusCode"}).to_string(),
        json!({"statusCode": 200, "body": {"not": "a string"}}).to_string(),
        json!({"statusCode": "200", "body": "string status"}).to_string(),
        json!("a plain string").to_string(),
        "not json at all".to_owned(),
    ];
    for text in cases {
        let response = client_response(FrontDoor::RestApiV1, Outcome::Returned(&text));
        assert_eq!(
            (response.status, response.reason),
            (502, "Bad Gateway"),
            "{text}"
        );
        assert_eq!(response.body, br#"{"message": "Internal server error"}"#);
        assert!(response.headers.is_empty());
        assert_eq!(response.source, APIGW_ERRORS);
    }
}

#[test]
fn rest_without_binary_media_types_sends_the_base64_text() {
    let response = returned(
        FrontDoor::RestApiV1,
        json!({"statusCode": 200, "isBase64Encoded": true, "body": "AAH/"}),
    );
    assert_eq!(response.body, b"AAH/");
    assert_eq!(response.source, REST_BINARY);
}

#[test]
fn rest_function_error_is_502_and_timeout_is_504() {
    let failed = client_response(FrontDoor::RestApiV1, Outcome::FunctionError);
    assert_eq!(failed.status, 502);
    assert_eq!(failed.body, br#"{"message": "Internal server error"}"#);
    let timed_out = client_response(
        FrontDoor::RestApiV1,
        Outcome::DoorTimeout {
            after_ms: REST_INTEGRATION_TIMEOUT_MS,
        },
    );
    assert_eq!(
        (timed_out.status, timed_out.reason),
        (504, "Gateway Timeout")
    );
    assert_eq!(
        timed_out.body,
        br#"{"message": "Endpoint request timed out"}"#
    );
    assert!(timed_out.rule.contains("29 s"), "{}", timed_out.rule);
}

#[test]
fn http_api_v1_uses_the_1_0_shape_decodes_base64_and_has_http_api_errors() {
    let ok = returned(
        FrontDoor::HttpApiV1,
        json!({"statusCode": 200, "multiValueHeaders": {"a": ["1", "2"]}, "isBase64Encoded": true, "body": "aGk="}),
    );
    assert_eq!(header_pairs(&ok), [("a", "1"), ("a", "2")]);
    assert_eq!(ok.body, b"hi");
    assert_eq!(ok.source, HTTP_API_LAMBDA);
    // 1.0 has no inference: a missing statusCode is malformed.
    let malformed = returned(FrontDoor::HttpApiV1, json!({"message": "hi"}));
    assert_eq!(malformed.status, 500);
    let failed = client_response(FrontDoor::HttpApiV1, Outcome::FunctionError);
    assert_eq!(failed.status, 500);
    assert_eq!(failed.body, br#"{"message":"Internal Server Error"}"#);
    let timed_out = client_response(
        FrontDoor::HttpApiV2,
        Outcome::DoorTimeout {
            after_ms: HTTP_API_INTEGRATION_TIMEOUT_MS,
        },
    );
    assert_eq!(
        (timed_out.status, timed_out.reason),
        (503, "Service Unavailable")
    );
    assert_eq!(timed_out.body, br#"{"message":"Service Unavailable"}"#);
    assert_eq!(timed_out.body.len(), 33);
}

#[test]
fn function_url_function_error_is_502_with_no_invented_body() {
    for outcome in [
        Outcome::FunctionError,
        Outcome::DoorTimeout { after_ms: 900_000 },
    ] {
        let response = client_response(FrontDoor::FunctionUrl, outcome);
        assert_eq!((response.status, response.body.len()), (502, 0));
        assert!(
            response.rule.contains("documents no body"),
            "{}",
            response.rule
        );
    }
}

#[test]
fn alb_uses_headers_or_multi_value_headers_per_target_group() {
    let answer = json!({
        "statusCode": 200, "statusDescription": "200 OK", "isBase64Encoded": false,
        "headers": {"Set-cookie": "single", "Content-Type": "text/html"},
        "multiValueHeaders": {"Set-cookie": ["c1", "c2"]},
        "body": "<h1>Hello</h1>"
    });
    let single = returned(
        FrontDoor::Alb {
            multi_value_headers: false,
        },
        answer.clone(),
    );
    assert_eq!(
        header_pairs(&single),
        [("Set-cookie", "single"), ("Content-Type", "text/html")]
    );
    assert_eq!(single.body, b"<h1>Hello</h1>");
    let multi = returned(
        FrontDoor::Alb {
            multi_value_headers: true,
        },
        answer,
    );
    assert_eq!(
        header_pairs(&multi),
        [("Set-cookie", "c1"), ("Set-cookie", "c2")]
    );
    assert_eq!(multi.source, ALB_LAMBDA);
}

#[test]
fn alb_decodes_base64_and_drops_hop_by_hop_headers() {
    let response = returned(
        FrontDoor::Alb {
            multi_value_headers: false,
        },
        json!({
            "statusCode": 200, "statusDescription": "200 OK", "isBase64Encoded": true,
            "headers": {"Connection": "close", "Transfer-Encoding": "chunked", "Content-Type": "image/png"},
            "body": "iVBO"
        }),
    );
    assert_eq!(header_pairs(&response), [("Content-Type", "image/png")]);
    assert_eq!(response.body, [0x89, 0x50, 0x4e]);
}

#[test]
fn alb_malformed_or_failed_is_502_bad_gateway() {
    let door = FrontDoor::Alb {
        multi_value_headers: false,
    };
    let outcomes = [
        client_response(door, Outcome::Returned(r#"{"body": "no status"}"#)),
        client_response(door, Outcome::FunctionError),
    ];
    for response in outcomes {
        assert_eq!((response.status, response.reason), (502, "Bad Gateway"));
        assert!(response.body.is_empty() && response.headers.is_empty());
        assert_eq!(response.source, ALB_ERRORS);
    }
}

#[test]
fn a_throttled_invoke_is_api_gateways_500_and_a_function_urls_429() {
    let rest = client_response(FrontDoor::RestApiV1, Outcome::Throttled);
    assert_eq!(rest.status, 500);
    assert_eq!(rest.body, br#"{"message": "Internal server error"}"#);
    let http_api = client_response(FrontDoor::HttpApiV2, Outcome::Throttled);
    assert_eq!(http_api.status, 500);
    assert!(
        http_api.rule.contains("does not document"),
        "{}",
        http_api.rule
    );
    let url = client_response(FrontDoor::FunctionUrl, Outcome::Throttled);
    assert_eq!((url.status, url.body.len()), (429, 0));
}

#[test]
fn a_shorter_integration_timeout_is_named_in_the_rule() {
    let timed_out = client_response(FrontDoor::RestApiV1, Outcome::DoorTimeout { after_ms: 500 });
    assert_eq!(timed_out.status, 504);
    assert!(timed_out.rule.contains("0.5 s"), "{}", timed_out.rule);
}
