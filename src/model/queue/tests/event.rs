use std::collections::BTreeSet;

use serde_json::Value;

use super::*;

fn sample(name: &str) -> Value {
    let path = format!("{}/sample-events/sqs/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the shipped sample");
    serde_json::from_str(&text).expect("the sample is JSON")
}

/// Every key path in `value`, list items written `[]`: `Records[].attributes.SenderId`.
fn key_paths(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                for (key, child) in fields {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.insert(path.clone());
                    walk(child, &path, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    walk(item, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, "", &mut out);
    out
}

fn event(queue: &Queue, batch: &Batch) -> Value {
    serde_json::from_str(&queue.event_json(batch)).expect("the event is JSON")
}

#[test]
fn a_standard_event_has_the_sample_keys() {
    let mut q = queue(standard(10, 0));
    for body in ["{\"orderId\": 1043}", "{\"orderId\": 1044"] {
        let message = OutgoingMessage::new(body).with_string_attribute("source", "checkout-api");
        q.send(message, 1_773_483_335_118).expect("sent");
    }
    let batch = q.poll(1_773_483_335_174).expect("two messages");
    assert_eq!(
        key_paths(&event(&q, &batch)),
        key_paths(&sample("standard.json"))
    );
}

#[test]
fn a_fifo_event_has_the_sample_keys() {
    let mut q = queue(QueueConfig::fifo("orders.fifo"));
    for body in ["{\"orderId\": 1046}", "{\"orderId\": 1047}"] {
        send_in_group(&mut q, body, "customer-501", 1_773_483_335_118);
    }
    let batch = q.poll(1_773_483_335_151).expect("two messages");
    let event = event(&q, &batch);
    assert_eq!(key_paths(&event), key_paths(&sample("fifo.json")));
    let records = event["Records"].as_array().expect("list");
    let sequence: Vec<u128> = records
        .iter()
        .map(|r| {
            r["attributes"]["SequenceNumber"]
                .as_str()
                .expect("string")
                .parse()
                .expect("number")
        })
        .collect();
    assert!(
        sequence[0] < sequence[1],
        "sequence numbers increase within a group"
    );
    assert_eq!(
        records[0]["eventSourceARN"],
        "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
    );
}

#[test]
fn record_fields_match_lambdas_sqs_event() {
    let mut q = queue(standard(10, 0));
    let sent = q
        .send(
            OutgoingMessage::new("test").with_string_attribute("source", "checkout-api"),
            1_000,
        )
        .expect("sent");
    let batch = q.poll(1_500).expect("received");
    let event = event(&q, &batch);
    let record = &event["Records"][0];
    assert_eq!(record["messageId"], sent.message_id.as_str());
    assert_eq!(record["body"], "test");
    assert_eq!(record["md5OfBody"], "098f6bcd4621d373cade4e832627b4f6");
    assert_eq!(
        record["md5OfMessageAttributes"],
        "69fd84fd548c4895cd58e3221a3a6201"
    );
    assert_eq!(record["eventSource"], "aws:sqs");
    assert_eq!(record["awsRegion"], "us-east-1");
    assert_eq!(record["attributes"]["SentTimestamp"], "1000");
    assert_eq!(
        record["attributes"]["ApproximateFirstReceiveTimestamp"],
        "1500"
    );
    assert_eq!(
        record["messageAttributes"]["source"],
        serde_json::json!({
            "stringValue": "checkout-api", "stringListValues": [], "binaryListValues": [], "dataType": "String"
        })
    );
    let handle = record["receiptHandle"].as_str().expect("string");
    assert!(
        handle.starts_with("AQEB") && handle.len() == 244,
        "{handle}"
    );
    assert_eq!(handle, batch.records[0].receipt_handle);
    uuid::Uuid::parse_str(&sent.message_id).expect("a UUID message id");

    // The typed event the Playground checks against accepts it too.
    let typed: aws_lambda_events::event::sqs::SqsEvent =
        serde_json::from_value(event.clone()).expect("aws_lambda_events reads the event");
    assert_eq!(typed.records.len(), 1);
}

#[test]
fn a_message_without_attributes_has_no_attribute_digest() {
    let mut q = queue(standard(10, 0));
    send(&mut q, "plain", 0);
    let batch = q.poll(0).expect("received");
    let event = event(&q, &batch);
    assert_eq!(
        event["Records"][0]["messageAttributes"],
        serde_json::json!({})
    );
    assert!(event["Records"][0].get("md5OfMessageAttributes").is_none());
}

#[test]
fn md5_of_body_matches_the_samples() {
    assert_eq!(md5_of_body("test"), "098f6bcd4621d373cade4e832627b4f6");
    for record in sample("standard.json")["Records"].as_array().expect("list") {
        let body = record["body"].as_str().expect("body");
        assert_eq!(
            md5_of_body(body),
            record["md5OfBody"].as_str().expect("digest"),
            "{body}"
        );
    }
}

#[test]
fn md5_of_message_attributes_matches_the_samples() {
    for record in sample("standard.json")["Records"].as_array().expect("list") {
        let source = record["messageAttributes"]["source"]["stringValue"]
            .as_str()
            .expect("source");
        let attributes = [("source".to_owned(), MessageAttribute::string(source))].into();
        assert_eq!(
            md5_of_message_attributes(&attributes).as_deref(),
            record["md5OfMessageAttributes"].as_str(),
            "{source}"
        );
    }
    assert_eq!(md5_of_message_attributes(&BTreeMap::new()), None);
}

#[test]
fn md5_of_message_attributes_covers_numbers_binary_and_sorting() {
    // Reference values published with the npm package aws-md5-of-message-attributes; the
    // String cases also match the shipped samples above.
    let number = MessageAttribute {
        data_type: "Number.float".into(),
        value: AttributeValue::String("4563442423554324324264524243.32543234".into()),
    };
    let binary = MessageAttribute {
        data_type: "Binary".into(),
        value: AttributeValue::Binary(b"Hello binary world!".to_vec()),
    };
    let one = |name: &str, attribute: &MessageAttribute| {
        md5_of_message_attributes(&[(name.to_owned(), attribute.clone())].into())
    };
    assert_eq!(
        one("customNumberTypeAttrib", &number).as_deref(),
        Some("9fe1b90bbd9965bdf77bac517c7d2495")
    );
    assert_eq!(
        one("binaryAttribute", &binary).as_deref(),
        Some("31a92b15d92f8db860eda32aceb656c3")
    );
    let all: BTreeMap<String, MessageAttribute> = [
        (
            "attribName1".to_owned(),
            MessageAttribute::string("attribValue 1"),
        ),
        ("customNumberTypeAttrib".to_owned(), number),
        ("binaryAttribute".to_owned(), binary),
    ]
    .into();
    assert_eq!(
        md5_of_message_attributes(&all).as_deref(),
        Some("c932db14a896c663f83c260297d594ff")
    );
}
