//! Turning an environment's reply into the invocation record Lambda would log and report:
//! the START/END/REPORT lines, the error a failed init or invoke gives, and the record of an
//! invoke Lambda refused before it ran (too large, throttled).

use super::{Environment, Pool, RUNTIME_EXIT_ERROR};
use crate::model::lambda::ColdReason;
use crate::model::pricing::billed_duration_ms;
use crate::runtime::config::Executor;
use crate::runtime::engine::{ConsoleLine, Outcome};
use crate::runtime::environment::Reply;
use crate::runtime::record::{
    self, FunctionError, InvocationRecord, Status, app_line, end_line, now_ms, report_line,
    start_line, timeout_line,
};

impl Pool {
    pub(super) fn rejected(
        &self,
        request_id: &str,
        started_at_ms: u64,
        error_type: &str,
        message: &str,
    ) -> InvocationRecord {
        InvocationRecord {
            request_id: request_id.to_owned(),
            function_name: self.config.function_name.clone(),
            function_version: "$LATEST".to_owned(),
            environment_id: None,
            cold: false,
            cold_reason: None,
            init_duration_ms: None,
            duration_ms: 0.0,
            waiting_ms: 0.0,
            billed_duration_ms: 0,
            memory_size_mb: self.config.memory_size_mb,
            max_memory_used_mb: 0,
            status: if error_type == "TooManyRequestsException" {
                Status::Throttled
            } else {
                Status::Error
            },
            response: None,
            stream: None,
            error: Some(FunctionError {
                error_type: error_type.to_owned(),
                error_message: message.to_owned(),
                trace: Vec::new(),
                document: None,
            }),
            throttle_reason: None,
            logs: Vec::new(),
            started_at_ms,
            runtime_api: Vec::new(),
            measured_by: self.measured_by.clone(),
        }
    }

    pub(super) fn build_record(
        &self,
        request_id: &str,
        started_at_ms: u64,
        environment: &Environment,
        cold_reason: Option<ColdReason>,
        mut reply: Reply,
    ) -> InvocationRecord {
        let mut logs = Vec::new();
        // A runtime process prints its own error lines; the embedded engine's are added here.
        let engine_prints = self.config.executor == Executor::Embedded;
        let push_console = |logs: &mut Vec<String>, lines: &[ConsoleLine], id: &str| {
            for line in lines {
                if line.is_printed() {
                    logs.push(line.message.clone());
                    continue;
                }
                for (n, text) in line.message.split('\n').enumerate() {
                    if n == 0 {
                        logs.push(app_line(line.timestamp_ms, id, &line.level, text));
                    } else {
                        // CloudWatch shows a multi-line message as one event; keep it whole.
                        if let Some(last) = logs.last_mut() {
                            last.push('\n');
                            last.push_str(text);
                        }
                    }
                }
            }
        };
        let mut init_duration_ms = None;
        let mut status = Status::Success;
        let mut response = None;
        let mut stream = None;
        let mut error = None;
        let mut duration_ms = 0.0;
        let mut waiting_ms = 0.0;
        let mut max_memory_used_mb = 0;
        let mut init_platform_lines: Vec<String> = Vec::new();
        // The INIT phase has no request id: Node prints "undefined" in its place.
        push_console(&mut logs, &reply.init_console, "undefined");
        match &reply.init {
            Some(Ok(init_ms)) => init_duration_ms = Some(*init_ms),
            Some(Err(failure)) => {
                // INIT logs come before START, with no request id (the INIT phase has none).
                push_console(&mut logs, &failure.console, "undefined");
                if engine_prints && failure.error.error_type != RUNTIME_EXIT_ERROR {
                    let text = serde_json::to_string(&failure.error).unwrap_or_default();
                    logs.push(format!(
                        "{}\tundefined\tERROR\tUncaught Exception \t{text}",
                        record::iso_time(now_ms())
                    ));
                }
                status = if failure.timed_out {
                    Status::Timeout
                } else if failure.out_of_memory {
                    Status::OutOfMemory
                } else {
                    Status::Error
                };
                let mut failed = failure.error.clone();
                // A runtime process that died during INIT is reported in the invoke it was
                // meant to serve, with the request id and Lambda's two lines.
                if failed.error_type == RUNTIME_EXIT_ERROR
                    || !engine_prints && failed.error_type == "Runtime.OutOfMemory"
                {
                    failed.error_message =
                        format!("RequestId: {request_id} Error: {}", failed.error_message);
                    init_platform_lines =
                        vec![failed.error_message.clone(), failed.error_type.clone()];
                }
                error = Some(failed);
                init_duration_ms = None;
            }
            None => {}
        }
        logs.push(start_line(request_id, "$LATEST"));
        logs.append(&mut init_platform_lines);
        let mut runtime_api = Vec::new();
        if let Some(result) = &mut reply.result {
            runtime_api = std::mem::take(&mut result.exchanges);
            push_console(&mut logs, &result.console, request_id);
            duration_ms = result.duration_ms;
            waiting_ms = result.waiting_ms;
            max_memory_used_mb = result.max_memory_used_mb;
            match &mut result.outcome {
                Outcome::Response(json) => {
                    response = record::Payload::from_json(std::mem::take(json));
                }
                Outcome::Streamed {
                    response: streamed,
                    error: failed,
                } => {
                    stream = Some(std::mem::take(streamed));
                    if let Some(function_error) = failed {
                        status = Status::Error;
                        if engine_prints {
                            logs.push(self.invoke_error_line(request_id, function_error));
                        }
                        error = Some(function_error.clone());
                    }
                }
                Outcome::FunctionError(function_error) => {
                    status = Status::Error;
                    if engine_prints {
                        logs.push(self.invoke_error_line(request_id, function_error));
                    }
                    error = Some(function_error.clone());
                }
                Outcome::Timeout => {
                    status = Status::Timeout;
                    let elapsed_secs = result.duration_ms / 1000.0;
                    logs.push(timeout_line(now_ms(), request_id, elapsed_secs));
                    error = Some(FunctionError {
                        error_type: "Sandbox.Timedout".to_owned(),
                        error_message: format!(
                            "RequestId: {request_id} Error: Task timed out after {elapsed_secs:.2} seconds"
                        ),
                        trace: Vec::new(),
                        document: None,
                    });
                }
                Outcome::RuntimeExit(how) => {
                    status = Status::Error;
                    // "exit status 2" is an error; an exit with code 0 gives no reason at all.
                    let message = if how.starts_with("Runtime exited") {
                        format!("RequestId: {request_id} Error: {how}")
                    } else {
                        format!("RequestId: {request_id} Error: Runtime exited with error: {how}")
                    };
                    // Lambda's own two lines for a runtime that died mid-invoke.
                    logs.push(message.clone());
                    logs.push(RUNTIME_EXIT_ERROR.to_owned());
                    error = Some(FunctionError {
                        error_type: RUNTIME_EXIT_ERROR.to_owned(),
                        error_message: message,
                        trace: Vec::new(),
                        document: None,
                    });
                }
                Outcome::OutOfMemory => {
                    status = Status::OutOfMemory;
                    max_memory_used_mb = self.config.memory_size_mb;
                    error = Some(FunctionError {
                        error_type: "Runtime.OutOfMemory".to_owned(),
                        error_message: format!(
                            "RequestId: {request_id} Error: Runtime exited with error: signal: killed"
                        ),
                        trace: Vec::new(),
                        document: None,
                    });
                }
            }
        }
        logs.push(end_line(request_id));
        let mut record = InvocationRecord {
            request_id: request_id.to_owned(),
            function_name: self.config.function_name.clone(),
            function_version: "$LATEST".to_owned(),
            environment_id: Some(environment.id),
            cold: cold_reason.is_some(),
            cold_reason,
            init_duration_ms,
            duration_ms,
            waiting_ms,
            billed_duration_ms: billed_duration_ms(duration_ms, init_duration_ms),
            memory_size_mb: self.config.memory_size_mb,
            max_memory_used_mb,
            status,
            response,
            stream,
            error,
            throttle_reason: None,
            logs: Vec::new(),
            started_at_ms,
            runtime_api: Vec::new(),
            measured_by: self.measured_by.clone(),
        };
        logs.push(report_line(&record));
        record.logs = logs;
        record.runtime_api = runtime_api;
        record
    }
}
