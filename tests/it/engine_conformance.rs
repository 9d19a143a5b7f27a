//! The embedded engine against the official Node.js runtime clients: every case recorded from
//! aws-lambda-ric 3.x (nodejs22.x) and 4.0.2 (nodejs24.x) in tests/fixtures/runtime_api/nodejs
//! (73 cases × 2, including the official repository's own test handlers) is run in the engine
//! set to that runtime, and each invoke's answer (the response, or the error's type and message)
//! is compared with what the official client posted to the Runtime API. Log lines and stack
//! traces are not compared here.

use std::path::PathBuf;

use lambda_lab::runtime::config::{Executor, FunctionConfig};
use lambda_lab::runtime::pool::Pool;
use lambda_lab::runtime::record::{InvocationRecord, Status};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/runtime_api/nodejs")
}

/// What Lambda answered for one invoke.
#[derive(Debug, PartialEq)]
enum Answer {
    Response(Value),
    Text(String),
    Error {
        error_type: String,
        message: String,
    },
    /// No answer before the time ran out.
    Timeout,
}

fn request_id(index: usize) -> String {
    format!("00000000-0000-4000-8000-{:012}", index + 1)
}

/// The answers the official client gave, event by event.
fn expected(case: &Value) -> Vec<Answer> {
    let requests = case["requests"].as_array().unwrap();
    let dir = case["dir"].as_str().unwrap();
    // The recordings name the client's own file <RUNTIME>; on Lambda it is /var/runtime/index.mjs.
    let to_lambda_paths = |text: &str| {
        text.replace(&format!("<HANDLERS>/{dir}"), "/var/task")
            .replace("<RUNTIME>", "/var/runtime/index.mjs")
    };
    let error_of = |body: &Value| Answer::Error {
        error_type: body["json"]["errorType"].as_str().unwrap_or("").to_owned(),
        message: to_lambda_paths(body["json"]["errorMessage"].as_str().unwrap_or("")),
    };
    let init_error = requests
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with("/init/error"));
    let events = case["events"].as_array().unwrap().len();
    (0..events)
        .map(|index| {
            let id = request_id(index);
            let posted = requests.iter().find(|r| {
                r["method"] == "POST" && r["path"].as_str().unwrap().contains(&id)
            });
            match posted {
                Some(r) if r["path"].as_str().unwrap().ends_with("/error") => error_of(&r["body"]),
                Some(r) => match &r["body"] {
                    body if body.get("json").is_some() => Answer::Response(body["json"].clone()),
                    body => Answer::Text(body["text"].as_str().unwrap_or("").to_owned()),
                },
                None => match (init_error, &case["exit"]) {
                    (Some(r), _) => error_of(&r["body"]),
                    (None, Value::Object(exit)) => Answer::Error {
                        error_type: "Runtime.ExitError".to_owned(),
                        message: match exit["code"].as_i64() {
                            Some(0) | None => format!(
                                "RequestId: {id} Error: Runtime exited without providing a reason"
                            ),
                            Some(code) => format!(
                                "RequestId: {id} Error: Runtime exited with error: exit status {code}"
                            ),
                        },
                    },
                    _ => Answer::Timeout,
                },
            }
        })
        .collect()
}

fn answer_of(record: &InvocationRecord, index: usize) -> Answer {
    // A streamed response is the bytes written, even when an error ended it.
    if let Some(stream) = &record.stream {
        return Answer::Text(String::from_utf8_lossy(&stream.body()).into_owned());
    }
    match record.status {
        Status::Success => Answer::Response(record.response_value().unwrap_or(Value::Null)),
        Status::Timeout => Answer::Timeout,
        _ => {
            let (error_type, message) = record
                .error
                .as_ref()
                .map(|e| (e.error_type.clone(), e.error_message.clone()))
                .unwrap_or_default();
            Answer::Error {
                error_type,
                // The engine's request ids are random: compare with the fixture's.
                message: message.replace(&record.request_id, &request_id(index)),
            }
        }
    }
}

fn run_case(case: &Value) -> Vec<Answer> {
    let dir = fixtures()
        .join("handlers")
        .join(case["dir"].as_str().unwrap());
    let environment = case["env"]
        .as_object()
        .map(|env| {
            env.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let mut pool = Pool::new(FunctionConfig {
        function_name: "conformance".into(),
        runtime: case["runtime"].as_str().unwrap().into(),
        executor: Executor::Embedded,
        handler: case["handler"].as_str().unwrap().into(),
        code_path: dir,
        timeout_secs: 2,
        environment,
        ..FunctionConfig::default()
    });
    case["events"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(index, event)| {
            let record = pool.invoke_batch(&[event.to_string()]).remove(0);
            answer_of(&record, index)
        })
        .collect()
}

/// Cases the engine does not answer as Lambda does, each with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

#[test]
fn the_embedded_engine_answers_as_the_official_node_runtime_clients_did() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("expected"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut matched, mut differ) = (Vec::new(), Vec::new());
    for file in &files {
        let mut case: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let id = case["id"].as_str().unwrap().to_owned();
        let base = id.split_once('-').unwrap().1.to_owned();
        // The recordings list the case's settings; `env` lives in cases.mjs only.
        case["env"] = env_of(&base);
        let mut want = expected(&case);
        let mut got = run_case(&case);
        if base == "context" {
            // The case's /next carried a client context and a Cognito identity, which an
            // invoke here cannot send, and names its own function: compare the context's
            // shape (its keys), which is what differs between the two clients.
            let keys = |answers: &[Answer]| match answers.first() {
                Some(Answer::Response(value)) => Answer::Response(value["keys"].clone()),
                other => panic!("{other:?}"),
            };
            want = vec![keys(&want)];
            got = vec![keys(&got)];
        }
        if want == got {
            matched.push(id);
        } else {
            differ.push((id, want, got));
        }
    }
    for (id, want, got) in &differ {
        eprintln!("DIFFERS {id}\n  Lambda: {want:?}\n  engine: {got:?}");
    }
    eprintln!(
        "{} of {} cases answer as on Lambda",
        matched.len(),
        files.len()
    );
    let unexpected: Vec<&str> = differ
        .iter()
        .map(|(id, _, _)| id.as_str())
        .filter(|id| !KNOWN_DIFFERENCES.iter().any(|(known, _)| known == id))
        .collect();
    assert!(unexpected.is_empty(), "differ: {unexpected:?}");
    // A known difference that now matches should leave the list.
    let stale: Vec<&str> = KNOWN_DIFFERENCES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| matched.iter().any(|m| m == id))
        .collect();
    assert!(
        stale.is_empty(),
        "now matching, remove from KNOWN_DIFFERENCES: {stale:?}"
    );
}

/// The extra environment a case sets (from cases.mjs).
fn env_of(base: &str) -> Value {
    match base {
        "log-format-json" | "json-invoke-error" | "json-init-error" => {
            serde_json::json!({"AWS_LAMBDA_LOG_FORMAT": "JSON"})
        }
        "log-level-warn" => serde_json::json!({"AWS_LAMBDA_LOG_LEVEL": "WARN"}),
        "json-tenant" => {
            serde_json::json!({"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "ERROR"})
        }
        _ => Value::Null,
    }
}

/// The app's log lines of a case as the official client wrote them, and as the engine did
/// (times and request ids made comparable; START/END/REPORT are Lambda's, not the client's).
#[test]
fn log_format_json_and_log_level_filtering_write_the_clients_lines() {
    for id in [
        "22-log-format-json",
        "24-log-format-json",
        "22-log-level-warn",
        "24-log-level-warn",
        "22-json-invoke-error",
        "24-json-invoke-error",
    ] {
        let file = fixtures().join("expected").join(format!("{id}.json"));
        let mut case: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        case["env"] = env_of(id.split_once('-').unwrap().1);
        let dir = case["dir"].as_str().unwrap().to_owned();
        let want: Vec<String> = case["stdout"]
            .as_array()
            .unwrap()
            .iter()
            .map(|line| {
                line.as_str()
                    .unwrap()
                    .replace(&format!("<HANDLERS>/{dir}"), "/var/task")
            })
            .collect();
        let mut pool = Pool::new(FunctionConfig {
            function_name: "conformance".into(),
            runtime: case["runtime"].as_str().unwrap().into(),
            executor: Executor::Embedded,
            handler: case["handler"].as_str().unwrap().into(),
            code_path: fixtures().join("handlers").join(&dir),
            environment: case["env"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            ..FunctionConfig::default()
        });
        let record = pool.invoke_batch(&["{}".to_owned()]).remove(0);
        let time = regex_like_time();
        let got: Vec<String> = record
            .logs
            .iter()
            .filter(|l| {
                !["START ", "END ", "REPORT "]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .map(|l| time(&l.replace(&record.request_id, &request_id(0))))
            .collect();
        // The stack frames' names differ (the client's own functions); compare up to them.
        let shorten = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.split("\"stackTrace\"").next().unwrap_or(l).to_owned())
                .collect()
        };
        assert_eq!(shorten(&got), shorten(&want), "{id}");
    }
}

/// Replaces ISO timestamps (`2026-12-04T08:00:00.000Z`) with `<TIME>`, as the recordings do.
fn regex_like_time() -> impl Fn(&str) -> String {
    |line: &str| {
        let mut out = String::new();
        let mut rest = line;
        while let Some(start) = rest.find("20") {
            let candidate = &rest[start..];
            let is_time = candidate.len() >= 24
                && candidate.as_bytes()[4] == b'-'
                && candidate.as_bytes()[10] == b'T'
                && candidate.as_bytes()[23] == b'Z';
            if is_time {
                out.push_str(&rest[..start]);
                out.push_str("<TIME>");
                rest = &candidate[24..];
            } else {
                out.push_str(&rest[..start + 2]);
                rest = &candidate[2..];
            }
        }
        out.push_str(rest);
        out
    }
}
