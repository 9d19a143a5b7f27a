//! The shipped sample events are real-shaped and the manifests agree with the files: every event
//! deserialises into its `aws_lambda_events` type, carries the identifying fields AWS sends, is
//! internally consistent (one account, one region, 2026 timestamps), is listed exactly once, feeds
//! a handler that exists, and its parameters point at fields holding their documented defaults.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use lambda_lab::content::events::{
    self, SampleEvent, SampleEvents, apply_parameter, base64_decode, read_parameter,
};
use lambda_lab::content::handlers::{self, SampleHandlers};
use serde_json::Value;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";
/// Direct invokes carry whatever JSON the caller sends: no AWS shape to check against.
use lambda_lab::content::shape::{self, ANY_JSON};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn samples() -> SampleEvents {
    events::load(&root().join("sample-events")).expect("sample-events/index.toml loads")
}

fn read(samples: &SampleEvents, event: &SampleEvent) -> Value {
    samples
        .read(event)
        .unwrap_or_else(|error| panic!("{}: {error}", event.id))
}

/// Deserialises the file's text into `T`, naming the event and the type when it does not fit.
///
/// From text, not from a `serde_json::Value`: that is how a runtime receives an event, and
fn check_type(rust_type: &str, id: &str, json: &str) -> Result<(), String> {
    shape::check_shape(rust_type, json).map_err(|mismatch| match mismatch {
        Some(m) => format!("{id}: does not deserialise into {rust_type}: {}: {}", m.path, m.message),
        None => panic!(
            "{id}: unknown rust_type \"{rust_type}\": use a type from src/content/shape.rs, or add it there"
        ),
    })
}

#[test]
fn every_event_deserialises_into_its_aws_lambda_events_type() {
    let samples = samples();
    let failures: Vec<String> = samples
        .events
        .iter()
        .filter_map(|event| {
            let text = std::fs::read_to_string(samples.path_of(event)).unwrap();
            check_type(&event.rust_type, &event.id, &text).err()
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn there_are_at_least_30_typed_events_from_at_least_12_services() {
    let samples = samples();
    let typed: Vec<&SampleEvent> = samples
        .events
        .iter()
        .filter(|event| event.rust_type != ANY_JSON)
        .collect();
    let services: BTreeSet<&str> = typed.iter().map(|event| event.service.as_str()).collect();
    assert!(
        typed.len() >= 30,
        "only {} events with an AWS shape",
        typed.len()
    );
    assert!(
        services.len() >= 12,
        "only {} services: {services:?}",
        services.len()
    );
}

/// Every `.json` file under `dir`, relative to it, with `/` separators.
fn json_files(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, base, out);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            let relative = path.strip_prefix(base).unwrap();
            out.insert(relative.to_str().unwrap().replace('\\', "/"));
        }
    }
}

#[test]
fn every_file_is_listed_once_and_every_listed_file_exists() {
    let samples = samples();
    let mut on_disk = BTreeSet::new();
    json_files(&samples.dir, &samples.dir, &mut on_disk);
    let listed: BTreeSet<String> = samples
        .events
        .iter()
        .map(|event| event.file.clone())
        .collect();
    assert_eq!(listed.len(), samples.events.len(), "a file is listed twice");
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "add these to sample-events/index.toml: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "listed in sample-events/index.toml but missing: {missing:?}"
    );
    for event in &samples.events {
        // The id is the file's path without ".json", so ids and files can't drift apart.
        assert_eq!(
            format!("{}.json", event.id),
            event.file,
            "{}: id must be the file path without .json",
            event.id
        );
    }
}

fn handlers() -> SampleHandlers {
    handlers::load(&root().join("assets/handlers")).expect("assets/handlers/index.toml loads")
}

#[test]
fn handlers_and_events_point_at_each_other() {
    let samples = samples();
    let handlers = handlers();
    let dir = root().join("assets/handlers");
    let names: BTreeSet<&str> = handlers.handlers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names.len(), handlers.handlers.len(), "handler names repeat");

    for handler in &handlers.handlers {
        let source = std::fs::read_to_string(dir.join(&handler.file))
            .unwrap_or_else(|error| panic!("{}: {}: {error}", handler.name, handler.file));
        // Python samples are modules, so their files use underscores: python-s3-keys is
        // s3_keys.py, and they share their JavaScript twin's event.
        let python = handler.file.ends_with(".py");
        let bootstrap = handler.file.ends_with("/bootstrap");
        if bootstrap {
            // A custom runtime: its folder, named after it, holds an executable bootstrap.
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(handler.file, format!("{}/bootstrap", handler.name));
            let mode = std::fs::metadata(dir.join(&handler.file))
                .unwrap()
                .permissions()
                .mode();
            assert!(
                mode & 0o111 != 0,
                "{}: bootstrap must be executable",
                handler.file
            );
            assert!(
                source.contains("invocation/next"),
                "{}: runs the loop",
                handler.file
            );
        } else if python {
            assert_eq!(
                format!(
                    "python-{}",
                    handler.file.trim_end_matches(".py").replace('_', "-")
                ),
                handler.name,
                "one Python module per handler, named after it"
            );
            assert!(
                source.contains("def lambda_handler(event, context):"),
                "{}: must define `lambda_handler`",
                handler.file
            );
        } else {
            assert_eq!(
                handler.file,
                format!("{}.mjs", handler.name),
                "one ES module per handler, named after it"
            );
            assert!(
                source.contains("export const handler"),
                "{}: must export `handler`",
                handler.file
            );
        }
        let event = samples
            .events
            .iter()
            .find(|event| event.file == handler.event)
            .unwrap_or_else(|| {
                panic!(
                    "{}: event {} is not in sample-events/index.toml",
                    handler.name, handler.event
                )
            });
        if !python && !bootstrap {
            assert_eq!(
                event.handler(),
                Some(handler.name.as_str()),
                "{} names {} as its handler",
                event.id,
                handler.name
            );
        }
        // Suggested settings must be ones Lambda accepts.
        if let Some(timeout) = handler.timeout_secs {
            assert!((1..=900).contains(&timeout), "{}: timeout", handler.name);
        }
        if let Some(memory) = handler.memory_mb {
            assert!((128..=10_240).contains(&memory), "{}: memory", handler.name);
        }
    }

    for event in &samples.events {
        if let Some(handler) = event.handler() {
            assert!(
                names.contains(handler),
                "{}: handler \"{handler}\" is not in assets/handlers/index.toml",
                event.id
            );
        }
    }
}

#[test]
fn every_parameter_resolves_to_its_default_in_the_event_encoding() {
    let samples = samples();
    for event in &samples.events {
        let json = read(&samples, event);
        for parameter in &event.parameters {
            let context = format!("{} parameter {}", event.id, parameter.name);
            let current = read_parameter(&json, parameter)
                .unwrap_or_else(|error| panic!("{context}: {error}"));
            assert_eq!(current, parameter.default, "{context}: default");
            // Writing the default back must reproduce the file: the encoding is AWS's.
            let mut rewritten = json.clone();
            apply_parameter(&mut rewritten, parameter, &parameter.default)
                .unwrap_or_else(|error| panic!("{context}: {error}"));
            assert_eq!(rewritten, json, "{context}: re-encoding the default");
        }
    }
}

#[test]
fn cloudwatch_logs_data_really_is_base64_gzip_json() {
    let samples = samples();
    let logs: Vec<&SampleEvent> = samples
        .events
        .iter()
        .filter(|event| event.rust_type == "cloudwatch_logs::LogsEvent")
        .collect();
    assert!(!logs.is_empty(), "no CloudWatch Logs sample");
    for event in logs {
        let json = read(&samples, event);
        let data = json["awslogs"]["data"]
            .as_str()
            .expect("awslogs.data is a string");
        let gzipped = base64_decode(data).expect("awslogs.data is base64");
        assert_eq!(
            &gzipped[..2],
            &[0x1f, 0x8b],
            "{}: gzip magic bytes",
            event.id
        );
        let mut text = String::new();
        flate2::read::GzDecoder::new(gzipped.as_slice())
            .read_to_string(&mut text)
            .expect("gunzips to UTF-8");
        let payload: Value = serde_json::from_str(&text).expect("the gunzipped data is JSON");
        assert_eq!(payload["messageType"], "DATA_MESSAGE");
        assert_eq!(payload["owner"], ACCOUNT);
        assert!(
            payload["logGroup"]
                .as_str()
                .unwrap()
                .starts_with("/aws/lambda/")
        );
        let log_events = payload["logEvents"].as_array().expect("logEvents");
        assert!(!log_events.is_empty());
        for log_event in log_events {
            assert!(log_event["id"].is_string(), "{log_event}");
            assert!(log_event["timestamp"].is_i64(), "{log_event}");
            assert!(log_event["message"].is_string(), "{log_event}");
        }
    }
}

/// The `Records` array, or the event itself for single-record shapes.
fn records(json: &Value) -> Vec<&Value> {
    match json.get("Records") {
        Some(Value::Array(records)) => records.iter().collect(),
        _ => vec![json],
    }
}

#[test]
fn events_carry_the_identifying_fields_aws_sends() {
    let samples = samples();
    // rust_type -> (field, value) every record must have (FACTS.md "Event shapes").
    let record_fields: BTreeMap<&str, (&str, &str)> = [
        ("s3::S3Event", ("eventSource", "aws:s3")),
        ("sqs::SqsEvent", ("eventSource", "aws:sqs")),
        ("sns::SnsEvent", ("EventSource", "aws:sns")),
        ("dynamodb::Event", ("eventSource", "aws:dynamodb")),
        ("kinesis::KinesisEvent", ("eventSource", "aws:kinesis")),
        ("ses::SimpleEmailEvent", ("eventSource", "aws:ses")),
        (
            "code_commit::CodeCommitEvent",
            ("eventSource", "aws:codecommit"),
        ),
        ("kafka::KafkaEvent", ("eventSource", "aws:kafka")),
        (
            "cloudwatch_alarms::CloudWatchMetricAlarm",
            ("source", "aws.cloudwatch"),
        ),
        ("apigw::ApiGatewayV2httpRequest", ("version", "2.0")),
        (
            "lambda_function_urls::LambdaFunctionUrlRequest",
            ("version", "2.0"),
        ),
    ]
    .into_iter()
    .collect();

    for event in &samples.events {
        let json = read(&samples, event);
        let id = &event.id;
        if let Some((field, value)) = record_fields.get(event.rust_type.as_str()) {
            for record in records(&json) {
                assert_eq!(record[*field], *value, "{id}: {field}");
            }
        }
        match event.rust_type.as_str() {
            "sqs::SqsEvent" => {
                for record in records(&json) {
                    assert!(record["body"].is_string(), "{id}: the SQS body is a string");
                }
            }
            "sns::SnsEvent" => {
                for record in records(&json) {
                    assert!(
                        record.get("eventSource").is_none(),
                        "{id}: SNS spells it EventSource"
                    );
                    assert!(record["Sns"]["Message"].is_string(), "{id}: Sns.Message");
                }
            }
            "apigw::ApiGatewayProxyRequest" => {
                for field in ["httpMethod", "resource", "requestContext"] {
                    assert!(json.get(field).is_some(), "{id}: REST events have {field}");
                }
            }
            "apigw::ApiGatewayV2httpRequest" => {
                for field in ["routeKey", "rawPath"] {
                    assert!(
                        json.get(field).is_some(),
                        "{id}: HTTP API events have {field}"
                    );
                }
                if json["isBase64Encoded"] == true {
                    base64_decode(json["body"].as_str().unwrap()).expect("base64 body");
                }
            }
            "alb::AlbTargetGroupRequest" => {
                assert!(
                    json["requestContext"]["elb"]["targetGroupArn"].is_string(),
                    "{id}"
                );
            }
            "kinesis::KinesisEvent" => {
                for record in records(&json) {
                    let data = record["kinesis"]["data"].as_str().unwrap();
                    let bytes = base64_decode(data).expect("Kinesis data is base64");
                    serde_json::from_slice::<Value>(&bytes).expect("the samples carry JSON");
                }
            }
            _ => {}
        }
    }

    let scheduled = samples
        .get("eventbridge/scheduled")
        .expect("a scheduled event");
    let json = read(&samples, scheduled);
    assert_eq!(json["detail-type"], "Scheduled Event");
    assert_eq!(json["source"], "aws.events");
}

/// Calls `visit` with every (key, string value) pair in the document.
fn strings<'a>(json: &'a Value, key: &'a str, visit: &mut dyn FnMut(&'a str, &'a str)) {
    match json {
        Value::String(text) => visit(key, text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, key, visit)),
        Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, k, visit)),
        _ => {}
    }
}

#[test]
fn events_are_internally_consistent() {
    let samples = samples();
    let mut problems = Vec::new();
    for event in &samples.events {
        let json = read(&samples, event);
        strings(&json, "", &mut |key, text| {
            // ARNs: one account and one region (global services leave region or account empty).
            if let Some(rest) = text.strip_prefix("arn:aws:") {
                let parts: Vec<&str> = rest.split(':').collect();
                let region = parts.get(1).copied().unwrap_or_default();
                let account = parts.get(2).copied().unwrap_or_default();
                if !(region.is_empty() || region == REGION)
                    || !(account.is_empty() || account == ACCOUNT)
                {
                    problems.push(format!("{}: {key} = {text}", event.id));
                }
            }
            if (key == "awsRegion" || key == "region") && text != REGION {
                problems.push(format!("{}: {key} = {text}", event.id));
            }
            // ISO timestamps are in 2026, like the rest of the story.
            let bytes = text.as_bytes();
            let iso = bytes.len() >= 11
                && bytes[..4].iter().all(u8::is_ascii_digit)
                && bytes[4] == b'-'
                && bytes[7] == b'-'
                && bytes[10] == b'T';
            if iso && !text.starts_with("2026-") {
                problems.push(format!("{}: {key} = {text}", event.id));
            }
        });
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_event_has_notes_whose_pointers_resolve() {
    let samples = samples();
    for event in &samples.events {
        let json = read(&samples, event);
        assert!(
            !event.notes.is_empty(),
            "{}: add at least one [[event.note]]",
            event.id
        );
        for note in &event.notes {
            assert!(
                json.pointer(&note.pointer).is_some(),
                "{}: note pointer {} is not in the event",
                event.id,
                note.pointer
            );
            assert!(!note.text.trim().is_empty(), "{}: empty note", event.id);
        }
    }
}

#[test]
fn the_playground_badge_recognises_every_typed_sample_event() {
    let samples = samples();
    for event in samples.events.iter().filter(|e| e.rust_type != ANY_JSON) {
        let detected = shape::detect(&read(&samples, event))
            .unwrap_or_else(|| panic!("{}: not recognised", event.id));
        assert_eq!(
            detected.rust_type, event.rust_type,
            "{}: {}",
            event.id, detected.label
        );
    }
}
