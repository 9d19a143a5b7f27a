//! A custom-runtime function built with AWS's `lambda_runtime` crate, exercising each path a
//! runtime client takes through the Runtime API: success, a handled error, a panic, and an
//! init error (when LAMBDA_LAB_INIT_FAIL is set).

use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

async fn handler(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let (payload, context) = event.into_parts();
    match payload.get("path").and_then(Value::as_str) {
        Some("error") => Err("the handler returned an error".into()),
        Some("panic") => panic!("the handler panicked"),
        _ => Ok(json!({
            "echo": payload,
            "request_id": context.request_id,
            "function_arn": context.invoked_function_arn,
        })),
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    if std::env::var_os("LAMBDA_LAB_INIT_FAIL").is_some() {
        // lambda_runtime has no init-error API of its own; a failed start is an exit before
        // the first /next, which Lambda reports as Runtime.ExitError.
        return Err("configuration missing".into());
    }
    lambda_runtime::run(service_fn(handler)).await
}
