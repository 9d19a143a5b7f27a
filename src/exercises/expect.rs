//! Compares invocation records with an exercise check's expectations and says, for the first
//! one that does not hold, what was expected and what came back.

use serde_json::Value;

use crate::content::exercise::Expectations;
use crate::runtime::pool::AsyncInvocation;
use crate::runtime::record::{InvocationRecord, Status};

/// What one check's invokes produced: the records in order (every attempt of an asynchronous
/// invoke) and, for asynchronous invokes, how each event ended.
#[derive(Debug, Default)]
pub struct Observed<'a> {
    pub records: Vec<&'a InvocationRecord>,
    pub asynchronous: &'a [AsyncInvocation],
}

/// `Ok(summary)` when every expectation holds, else the first that does not, as
/// "expected …, got …".
pub fn evaluate(expect: &Expectations, observed: &Observed<'_>) -> Result<String, String> {
    let Some(last) = observed.records.last() else {
        return Err("no invocation ran".to_owned());
    };
    if let Some(status) = &expect.status {
        for (number, record) in observed.records.iter().enumerate() {
            let got = status_name(record.status);
            if got != status {
                return Err(format!(
                    "expected every invoke to end with status {status}, got {got} on invoke {}{}",
                    number + 1,
                    error_words(record)
                ));
            }
        }
    } else if expect.error_type.is_none() && expect.async_failure.is_none() {
        // A check about the response or the logs expects the function to work.
        if let Some((number, record)) = observed
            .records
            .iter()
            .enumerate()
            .find(|(_, record)| record.status != Status::Success)
            && observed.asynchronous.is_empty()
        {
            return Err(format!(
                "expected the function to succeed, got {} on invoke {}{}",
                status_name(record.status),
                number + 1,
                error_words(record)
            ));
        }
    }
    if let Some(error_type) = &expect.error_type {
        let got = last.error.as_ref().map(|e| e.error_type.as_str());
        if got != Some(error_type.as_str()) {
            return Err(format!(
                "expected errorType {error_type}, got {}",
                got.map_or_else(|| "no error".to_owned(), str::to_owned)
            ));
        }
    }
    let response = last.response_value();
    if let Some(expected) = &expect.response
        && response.as_ref() != Some(expected)
    {
        return Err(format!(
            "expected the response {}, got {}",
            compact(expected),
            response.as_ref().map_or_else(|| "none".to_owned(), compact)
        ));
    }
    if let Some(expected) = &expect.response_includes {
        let got = response.as_ref().unwrap_or(&Value::Null);
        if let Err(path) = includes(got, expected, "response") {
            return Err(format!(
                "expected the response to include {}, but {path} (the response was {})",
                compact(expected),
                compact(got)
            ));
        }
    }
    if let Some(expected) = &expect.body_includes {
        let body = response.as_ref().and_then(|r| r.get("body"));
        let parsed = match body {
            Some(Value::String(text)) => serde_json::from_str::<Value>(text).map_err(|error| {
                format!("expected body to be a string of JSON, but it does not parse: {error}")
            })?,
            Some(other) => {
                return Err(format!(
                    "expected body to be a string (API Gateway needs JSON turned into text with \
                     JSON.stringify), got {}",
                    compact(other)
                ));
            }
            None => return Err("expected the response to have a body, got none".to_owned()),
        };
        if let Err(path) = includes(&parsed, expected, "body") {
            return Err(format!(
                "expected the body to include {}, but {path} (the body was {})",
                compact(expected),
                compact(&parsed)
            ));
        }
    }
    let lines: Vec<&str> = observed
        .records
        .iter()
        .flat_map(|record| record.logs.iter().map(String::as_str))
        .collect();
    for pattern in &expect.logs {
        let regex = compile(pattern)?;
        if !lines.iter().any(|line| regex.is_match(line)) {
            return Err(format!(
                "expected a log line matching /{pattern}/, got none among {} lines",
                lines.len()
            ));
        }
    }
    for pattern in &expect.no_logs {
        let regex = compile(pattern)?;
        if let Some(line) = lines.iter().find(|line| regex.is_match(line)) {
            return Err(format!(
                "expected no log line matching /{pattern}/, got: {}",
                line.trim_end()
            ));
        }
    }
    if let Some((pattern, count)) = &expect.log_count {
        let regex = compile(pattern)?;
        let got = lines.iter().filter(|line| regex.is_match(line)).count();
        if got != *count {
            return Err(format!(
                "expected {count} log line(s) matching /{pattern}/, got {got}"
            ));
        }
    }
    if let Some(max) = expect.max_billed_duration_ms
        && let Some(worst) = observed.records.iter().map(|r| r.billed_duration_ms).max()
        && worst > max
    {
        return Err(format!(
            "expected a billed duration of at most {max} ms, got {worst} ms"
        ));
    }
    if let Some(max) = expect.max_warm_billed_duration_ms {
        let warm = observed
            .records
            .iter()
            .skip(1)
            .map(|r| r.billed_duration_ms)
            .max();
        match warm {
            None => return Err("expected warm invokes to measure, but only one ran".to_owned()),
            Some(worst) if worst > max => {
                return Err(format!(
                    "expected warm invokes to bill at most {max} ms, got {worst} ms"
                ));
            }
            Some(_) => {}
        }
    }
    if let Some(max) = expect.max_memory_used_mb
        && let Some(worst) = observed.records.iter().map(|r| r.max_memory_used_mb).max()
        && worst > max
    {
        return Err(format!(
            "expected Max Memory Used of at most {max} MB, got {worst} MB"
        ));
    }
    if let Some(expected) = &expect.cold {
        let got: Vec<bool> = observed.records.iter().map(|r| r.cold).collect();
        if &got != expected {
            return Err(format!(
                "expected {}, got {}",
                cold_words(expected),
                cold_words(&got)
            ));
        }
    }
    if let Some(expected) = expect.async_failure {
        let failed = observed.asynchronous.iter().any(|a| a.failure.is_some());
        if failed != expected {
            return Err(if expected {
                "expected the event to fail every attempt and go to the on-failure destination, \
                 but an attempt succeeded"
                    .to_owned()
            } else {
                let attempts = observed.asynchronous.iter().map(|a| a.attempts.len()).max();
                format!(
                    "expected the event to succeed, but all {} attempts failed and it went to the \
                     on-failure destination",
                    attempts.unwrap_or_default()
                )
            });
        }
    }
    Ok(summary(observed))
}

/// One line on what ran, shown beside a passed check.
fn summary(observed: &Observed<'_>) -> String {
    let count = observed.records.len();
    let billed: u64 = observed
        .records
        .iter()
        .map(|r| r.billed_duration_ms)
        .max()
        .unwrap_or_default();
    format!(
        "{count} invoke{} · longest billed {billed} ms",
        if count == 1 { "" } else { "s" }
    )
}

fn compile(pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(pattern).map_err(|error| format!("the pattern /{pattern}/: {error}"))
}

/// The status as a check names it.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Success => "success",
        Status::Error => "error",
        Status::Timeout => "timeout",
        Status::OutOfMemory => "out_of_memory",
        Status::Throttled => "throttled",
    }
}

fn error_words(record: &InvocationRecord) -> String {
    record
        .error
        .as_ref()
        .map(|error| format!(" ({}: {})", error.error_type, error.error_message))
        .unwrap_or_default()
}

fn cold_words(pattern: &[bool]) -> String {
    pattern
        .iter()
        .map(|&cold| if cold { "cold" } else { "warm" })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON on one line, cut at 200 characters.
fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text
    }
}

/// Does `got` contain `expected`: objects hold its keys (recursively), arrays have its length
/// with each element included, numbers are equal as numbers, the rest equal. The error names
/// the first place that differs.
pub fn includes(got: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (got, expected) {
        (Value::Object(got), Value::Object(expected)) => {
            for (key, want) in expected {
                let here = format!("{path}.{key}");
                match got.get(key) {
                    Some(value) => includes(value, want, &here)?,
                    None => return Err(format!("{here} is missing")),
                }
            }
            Ok(())
        }
        (Value::Array(got), Value::Array(expected)) => {
            if got.len() != expected.len() {
                return Err(format!(
                    "{path} has {} items, not {}",
                    got.len(),
                    expected.len()
                ));
            }
            for (index, (value, want)) in got.iter().zip(expected).enumerate() {
                includes(value, want, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (got, expected) if got == expected => Ok(()),
        (got, _) => Err(format!("{path} is {}", compact(got))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn includes_names_the_first_difference() {
        let got =
            json!({"statusCode": 200, "headers": {"content-type": "text/plain"}, "items": [1, 2]});
        assert!(includes(&got, &json!({"statusCode": 200.0}), "response").is_ok());
        assert_eq!(
            includes(
                &got,
                &json!({"headers": {"content-type": "application/json"}}),
                "response"
            ),
            Err("response.headers.content-type is \"text/plain\"".to_owned())
        );
        assert_eq!(
            includes(&got, &json!({"body": "x"}), "response"),
            Err("response.body is missing".to_owned())
        );
        assert_eq!(
            includes(&got, &json!({"items": [1]}), "response"),
            Err("response.items has 2 items, not 1".to_owned())
        );
    }
}
