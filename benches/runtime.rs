//! The embedded runtime's speed: a warm invoke through the whole path (pool, environment
//! thread, context, console capture, record) and a cold start of a new environment; and the
//! same two for a Python handler run by python3 as a process through the Runtime API.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::pool::Pool;

/// The sample API handler (assets/handlers/api.mjs), as the issue's target names it.
fn config() -> FunctionConfig {
    FunctionConfig {
        function_name: "bench".into(),
        handler: "api.handler".into(),
        code_path: Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/api.mjs"),
        ..FunctionConfig::default()
    }
}

/// The sample HTTP API request padded to about 2 KB with headers, as browsers send them.
fn event() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-events/apigateway-http/get.json");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut event: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if let Some(headers) = event.get_mut("headers").and_then(|h| h.as_object_mut()) {
        let mut n = 0;
        while serde_json::to_string(headers).map_or(0, |t| t.len()) < 1_400 {
            headers.insert(format!("x-padding-{n}"), "a".repeat(40).into());
            n += 1;
        }
    }
    serde_json::to_string(&event).unwrap_or_default()
}

fn warm_invoke(c: &mut Criterion) {
    let mut pool = Pool::new(config());
    // Shared, as `--repeat` and power tuning send the same event again and again.
    let events: Vec<std::sync::Arc<str>> = vec![event().into()];
    pool.invoke_batch(&events); // the cold start happens outside the measurement
    assert!(
        (1_900..2_600).contains(&events[0].len()),
        "{} bytes",
        events[0].len()
    );
    c.bench_function("warm invoke, api.mjs, 2 KB HTTP API event", |b| {
        b.iter(|| pool.invoke_batch(&events))
    });
}

/// A burst: 100 invokes at the same moment on 100 warm environments, against the same 100
/// one after another on one environment. On 2 cores a burst should cost no more per invoke
/// than a sequence (issue 15): read each result divided by 100.
fn burst(c: &mut Criterion) {
    let event: std::sync::Arc<str> = event().into();
    let burst_events = vec![std::sync::Arc::clone(&event); 100];
    let mut wide = Pool::new(config());
    wide.invoke_batch(&burst_events); // 100 cold starts, outside the measurement
    let mut group = c.benchmark_group("burst");
    group.sample_size(20);
    group.bench_function("100 at once on 100 warm environments", |b| {
        b.iter(|| wide.invoke_batch(&burst_events))
    });
    let mut narrow = Pool::new(config());
    let one = vec![event];
    narrow.invoke_batch(&one);
    group.bench_function("100 in a row on one warm environment", |b| {
        b.iter(|| {
            for _ in 0..100 {
                narrow.invoke_batch(&one);
            }
        })
    });
    group.finish();
}

fn cold_start(c: &mut Criterion) {
    let events = vec![event()];
    c.bench_function(
        "cold start: new environment, module load, first invoke",
        |b| b.iter(|| Pool::new(config()).invoke_batch(&events)),
    );
}

fn spec() -> lambda_lab::runtime::engine::EnvironmentSpec {
    lambda_lab::runtime::engine::EnvironmentSpec {
        task_root: Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers"),
        layers: Vec::new(),
        handler: "api.handler".into(),
        memory_size_mb: 128,
        ephemeral_storage_mb: 512,
        environment: Default::default(),
        function_name: "bench".into(),
        function_version: "$LATEST".into(),
        invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:bench".into(),
        log_group_name: "/aws/lambda/bench".into(),
        log_stream_name: "stream".into(),
        process: None,
        tmp: None,
        watch: Default::default(),
    }
}

fn deadline() -> std::time::Instant {
    std::time::Instant::now() + std::time::Duration::from_secs(10)
}

/// The engine's share of a warm invoke: the same invoke on the calling thread, without the
/// pool, the environment thread or the record.
fn engine_only(c: &mut Criterion) {
    use lambda_lab::runtime::engine::JsEnvironment;
    let Ok(mut environment) = JsEnvironment::init(spec(), deadline()) else {
        panic!("init failed");
    };
    let event = event();
    c.bench_function("engine only: warm invoke, api.mjs, 2 KB event", |b| {
        b.iter(|| environment.invoke("bench", &event, deadline()))
    });
}

/// The yardstick the issue's target is set against: a bare QuickJS call of the same handler
/// with the same event (parse, call, settle the promise, stringify), with none of Lambda
/// Lab's runtime around it (no context fields, console capture, limits or record). The host's
/// speed moves between runs; compare the warm invoke with this one from the same run.
fn bare_quickjs(c: &mut Criterion) {
    let bare = BareQuickJs::new();
    c.bench_function(
        "reference: bare QuickJS warm invoke, api.mjs, 2 KB event",
        |b| b.iter(|| bare.invoke()),
    );
}

/// api.mjs loaded as a script into a plain QuickJS context, `console.log` a no-op.
struct BareQuickJs {
    context: rquickjs::Context,
    event: String,
    // Dropped after the context, which holds objects of its heap.
    _runtime: rquickjs::Runtime,
}

impl BareQuickJs {
    fn new() -> Self {
        use rquickjs::{Context, Runtime, Value};
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/api.mjs");
        let source = std::fs::read_to_string(path)
            .unwrap_or_default()
            .replace("export const handler", "globalThis.handler");
        let Ok(runtime) = Runtime::new() else {
            panic!("no QuickJS runtime");
        };
        let Ok(context) = Context::full(&runtime) else {
            panic!("no QuickJS context");
        };
        context.with(|ctx| {
            let setup: rquickjs::Result<Value> = ctx
                .eval("globalThis.console = { log() {} };")
                .and_then(|_: Value| ctx.eval(source.as_str()));
            assert!(setup.is_ok(), "the handler did not load");
        });
        let bare = Self {
            context,
            event: event(),
            _runtime: runtime,
        };
        assert!(
            bare.invoke()
                .is_ok_and(|response| response.contains("\"statusCode\":200"))
        );
        bare
    }

    /// Parse the event, call the handler, settle its promise, stringify the answer.
    fn invoke(&self) -> rquickjs::Result<String> {
        use rquickjs::{Function, Object, Promise, Value};
        self.context.with(|ctx| {
            let handler: Function = ctx.globals().get("handler")?;
            let context_object = Object::new(ctx.clone())?;
            context_object.set("awsRequestId", "8f2c1a3e-5b7d-4e9f-a1c3-0d2e4f6a8b9c")?;
            let promise: Promise =
                handler.call((ctx.json_parse(self.event.as_str())?, context_object))?;
            while ctx.execute_pending_job() {}
            let response: Value = promise.result().unwrap_or(Err(rquickjs::Error::Unknown))?;
            ctx.json_stringify(response)?
                .map_or(Ok(String::new()), |text| text.to_string())
        })
    }
}

/// The host's speed moves between runs (and within one) by more than the differences being
/// measured, so this runs the whole path, the engine alone and the bare reference in turn,
/// 20,000 rounds, and prints each one's per-invoke percentiles from the same stretch of time.
/// Only with `cargo bench --bench runtime -- interleaved`.
fn interleaved(_: &mut Criterion) {
    use lambda_lab::runtime::engine::JsEnvironment;
    use std::time::Instant;
    if !std::env::args().any(|arg| arg == "interleaved") {
        return;
    }
    let mut pool = Pool::new(config());
    let events: Vec<std::sync::Arc<str>> = vec![event().into()];
    pool.invoke_batch(&events);
    let Ok(mut environment) = JsEnvironment::init(spec(), deadline()) else {
        panic!("init failed");
    };
    let (event, bare) = (event(), BareQuickJs::new());
    let micros = |started: Instant| started.elapsed().as_secs_f64() * 1e6;
    let mut times: [Vec<f64>; 3] = Default::default();
    for _ in 0..20_000 {
        let started = Instant::now();
        let records = pool.invoke_batch(&events);
        times[0].push(micros(started));
        drop(records);
        let started = Instant::now();
        let result = environment.invoke("bench", &event, deadline());
        times[1].push(micros(started));
        drop(result);
        let started = Instant::now();
        let response = bare.invoke();
        times[2].push(micros(started));
        drop(response);
    }
    let names = ["whole path (pool)", "engine only", "bare QuickJS"];
    for (name, mut samples) in names.into_iter().zip(times) {
        samples.sort_by(f64::total_cmp);
        let at = |percent: usize| samples[samples.len() * percent / 100];
        println!(
            "interleaved, {name:<18} µs per invoke: p10 {:5.1}  p50 {:5.1}  p90 {:5.1}",
            at(10),
            at(50),
            at(90)
        );
    }
}

/// Memory of one idle environment: the QuickJS heap after init and one invoke (the thread's
/// stack is reserved address space, mostly untouched). Printed, not timed.
fn idle_environment_memory(_: &mut Criterion) {
    use lambda_lab::runtime::engine::JsEnvironment;
    match JsEnvironment::init(spec(), deadline()) {
        Ok(mut environment) => {
            environment.invoke("bench", &event(), deadline());
            environment.release_invoke();
            println!(
                "idle environment (api.mjs, after one invoke): QuickJS heap {} KB",
                environment.memory_used_bytes() / 1024
            );
        }
        Err(failure) => println!("idle environment: init failed: {:?}", failure.error),
    }
}

/// The Python sample API handler (assets/handlers/api.py) run by python3 as a process,
/// through the Runtime API: the same path `--runtime python3.13` takes.
fn python_config() -> FunctionConfig {
    FunctionConfig {
        function_name: "bench-python".into(),
        runtime: "python3.13".into(),
        executor: lambda_lab::runtime::config::Executor::Process,
        handler: "api.lambda_handler".into(),
        code_path: Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/api.py"),
        ..FunctionConfig::default()
    }
}

fn python_warm_invoke(c: &mut Criterion) {
    // The runtime's own path: a handler that only returns a small dict.
    let mut minimal = Pool::new(FunctionConfig {
        handler: "ok_dict.lambda_handler".into(),
        code_path: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/runtime_api/python/handlers/ok_dict.py"),
        ..python_config()
    });
    let small: Vec<std::sync::Arc<str>> = vec![r#"{"hello":"world"}"#.into()];
    let first = minimal.invoke_batch(&small);
    assert!(
        first.iter().all(|r| r.response.is_some()),
        "{:?}",
        first.first().map(|r| &r.logs)
    );
    c.bench_function(
        "python3 process via Runtime API: warm invoke, minimal handler",
        |b| b.iter(|| minimal.invoke_batch(&small)),
    );
    drop(minimal);
    let mut pool = Pool::new(python_config());
    let events: Vec<std::sync::Arc<str>> = vec![event().into()];
    let first = pool.invoke_batch(&events);
    assert!(
        first.iter().all(|r| r.response.is_some()),
        "the Python runtime answered: {:?}",
        first.first().map(|r| &r.logs)
    );
    c.bench_function(
        "python3 process via Runtime API: warm invoke, api.py, 2 KB event",
        |b| b.iter(|| pool.invoke_batch(&events)),
    );
}

fn python_cold_start(c: &mut Criterion) {
    let events = vec![event()];
    let mut group = c.benchmark_group("python3 process");
    group.sample_size(20);
    group.bench_function(
        "cold start: process, bootstrap, import api.py, first invoke",
        |b| b.iter(|| Pool::new(python_config()).invoke_batch(&events)),
    );
    // What the interpreter alone costs to start, beside the cold start above.
    let python = lambda_lab::runtime::external::launch::find_interpreter(
        lambda_lab::runtime::external::launch::Family::Python,
        None,
    );
    if let Ok(python) = python {
        group.bench_function("bare `python3 -c pass`", |b| {
            b.iter(|| {
                std::process::Command::new(&python.executable)
                    .args(["-c", "pass"])
                    .env_clear()
                    .status()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    python_warm_invoke,
    python_cold_start,
    warm_invoke,
    burst,
    engine_only,
    bare_quickjs,
    interleaved,
    cold_start,
    idle_environment_memory
);
criterion_main!(benches);
