//! `lambda-lab invoke` runs every sample handler against its own event, with the settings
//! its index entry suggests, and each gives the answer its lesson promises: the JavaScript
//! ones in the embedded engine, the Python ones in python3 through the Runtime API.

use std::path::PathBuf;
use std::process::Command;

use lambda_lab::content::{handlers, layers};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The first JSON Lines record `lambda-lab invoke --json` prints, and the exit code.
fn invoke(file: &PathBuf, event: &PathBuf, extra: &[String]) -> (Value, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .arg("invoke")
        .arg("--code")
        .arg(file)
        .arg("--event")
        .arg(event)
        .arg("--json")
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let first = stdout.lines().next().unwrap_or_else(|| {
        panic!(
            "{}: no record; stderr: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        serde_json::from_str(first).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_sample_handler_runs_against_its_event_with_the_expected_outcome() {
    let samples = handlers::load(&root().join("assets/handlers")).unwrap();
    assert_eq!(samples.handlers.len(), 25);
    let layers = layers::load(&root().join("assets/layers"));
    for handler in &samples.handlers {
        let mut extra = Vec::new();
        if let Some(timeout) = handler.timeout_secs {
            extra.extend(["--timeout-secs".to_owned(), timeout.to_string()]);
        }
        if let Some(memory) = handler.memory_mb {
            extra.extend(["--memory-mb".to_owned(), memory.to_string()]);
        }
        for layer in layers.resolve(&handler.layers).unwrap() {
            extra.extend(["--layer".to_owned(), layer.display().to_string()]);
        }
        if handler.name == "memory-hungry" {
            // Out of memory comes first on Lambda, in milliseconds; a debug build on a busy
            // machine can take longer than the 3 s default to fill 128 MB, so give it room.
            extra.extend(["--timeout-secs".to_owned(), "30".to_owned()]);
        }
        let event = root().join("sample-events").join(&handler.event);
        let (record, code) = invoke(&samples.path_of(handler), &event, &extra);
        let response = &record["response"];
        let name = handler.name.as_str();
        let expected_status = match name {
            "slow" | "python-slow" => "timeout",
            "memory-hungry" => "out_of_memory",
            _ => "success",
        };
        assert_eq!(record["status"], expected_status, "{name}: {record}");
        assert_eq!(
            code,
            i32::from(expected_status != "success"),
            "{name}: exit code"
        );
        assert_eq!(record["cold"], true, "{name}: the first invoke is cold");
        match name {
            "api" | "python-api" | "python-hello" => assert_eq!(response["statusCode"], 200),
            "s3-thumbnail" | "python-s3-keys" => assert_eq!(
                response["planned"][0]["source"],
                "s3://lambda-lab-photos/holiday photos/my+photo 1.jpg",
                "the URL-encoded key is decoded"
            ),
            "sqs-batch" | "python-sqs-batch" => {
                assert_eq!(response["batchItemFailures"].as_array().unwrap().len(), 1)
            }
            "dynamodb-stream" | "python-dynamodb-stream" => {
                assert_eq!(response["changes"][0]["change"], "created")
            }
            "sns-fanout" => assert_eq!(response["planned"].as_array().unwrap().len(), 2),
            "eventbridge-scheduled" => assert_eq!(response["day"], "2026-03-14"),
            "kinesis-decoder" => assert_eq!(response["decoded"][0]["type"], "page_view"),
            "cloudwatch-logs-decoder" => {
                assert_eq!(response["logGroup"], "/aws/lambda/checkout-api");
                assert_eq!(response["errors"], 1);
            }
            "counter" | "python-counter" => {
                assert_eq!(response["count"], 1);
                assert_eq!(response["tmpCount"], 1);
            }
            "heavy-init" => {
                assert_eq!(response["isPrime"], true);
                assert!(record["init_duration_ms"].as_f64().unwrap() > 0.0);
            }
            // Lambda prints the elapsed time, so a busy machine may say 3.01.
            "slow" | "python-slow" => assert!(
                record["error"]["errorMessage"]
                    .as_str()
                    .unwrap()
                    .contains("Error: Task timed out after 3.0"),
                "{record}"
            ),
            "memory-hungry" => assert_eq!(record["error"]["errorType"], "Runtime.OutOfMemory"),
            "primes" => assert_eq!(response["count"], 25_997),
            "custom-runtime" => {
                assert_eq!(response["body"], "handled by a shell-script runtime");
                assert_eq!(
                    response["received"]["version"], "2.0",
                    "the event comes back"
                );
            }
            // The classic mistake: the answer was returned inside a callback.
            "forgot-await" => assert_eq!(*response, Value::Null, "{record}"),
            // Prelude, its 8 NUL bytes, eight steps and the last line, each written apart.
            "stream-report" => {
                let chunks = record["stream"]["chunks"].as_array().unwrap();
                assert_eq!(chunks.len(), 11, "{record}");
                assert_eq!(chunks[2]["bytes"], "step 1 of 8 done\n");
                let at = |i: usize| chunks[i]["at_ms"].as_f64().unwrap();
                assert!(at(3) > at(2), "written at different times: {record}");
            }
            "bakery-order" | "python-bakery-order" => {
                assert_eq!(response["total"], "$27.63", "{name}: version 2 rounds");
                assert_eq!(response["formatVersion"], "1.1.0");
            }
            other => panic!("{other}: add the answer its lesson promises to this test"),
        }
    }
}
