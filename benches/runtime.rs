//! The embedded runtime's speed: a warm invoke through the whole path (pool, environment
//! thread, context, console capture, record) and a cold start of a new environment.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::pool::Pool;

fn config() -> FunctionConfig {
    FunctionConfig {
        function_name: "bench".into(),
        handler: "errors.logs".into(),
        code_path: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handlers/errors.mjs"),
        ..FunctionConfig::default()
    }
}

/// About 2 KB of event, like a small API Gateway request.
fn event() -> String {
    let items: Vec<String> = (0..40)
        .map(|n| format!(r#"{{"id":{n},"name":"item-{n}","price":{}}}"#, n * 3))
        .collect();
    format!(r#"{{"path":"/orders","items":[{}]}}"#, items.join(","))
}

fn warm_invoke(c: &mut Criterion) {
    let mut pool = Pool::new(config());
    let events = vec![event()];
    pool.invoke_batch(&events); // the cold start happens outside the measurement
    c.bench_function("warm invoke, 2 KB event, 3 console lines", |b| {
        b.iter(|| pool.invoke_batch(&events))
    });
}

fn cold_start(c: &mut Criterion) {
    let events = vec![event()];
    c.bench_function(
        "cold start: new environment, module load, first invoke",
        |b| b.iter(|| Pool::new(config()).invoke_batch(&events)),
    );
}

criterion_group!(benches, warm_invoke, cold_start);
criterion_main!(benches);
