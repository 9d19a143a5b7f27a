//! One execution environment of the embedded JavaScript engine: a QuickJS runtime with
//! Node-compatible globals, the function's module loaded at init, and an event loop that
//! drives an invocation until its promise or callback settles, the deadline passes, or the
//! memory limit is hit. Single-threaded: the pool gives each environment its own thread.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::context::EvalOptions;
use rquickjs::function::Opt;
use rquickjs::promise::PromiseState;
use rquickjs::{
    CatchResultExt, CaughtError, Ctx, Function, Module, Object, Persistent, Promise, Value,
};

use super::heap::{CountingAllocator, HeapCounters};
use super::node;
use super::record::{FunctionError, now_ms};
use crate::model::lambda::EMBEDDED_ENGINE_RUNTIME;
use crate::model::limits::MAX_SYNC_RESPONSE_BYTES;

mod flavour;
mod modules;

use flavour::*;
use modules::*;
pub use modules::{
    BUILTIN_MODULES, builtin_module, is_es_module, missing_module_message, parse_handler,
    resolve_module,
};

/// JavaScript stack for handler code; deeper recursion is a RangeError, as in Node.
const MAX_STACK_BYTES: usize = 1024 * 1024;

const PRELUDE: &str = include_str!("prelude.js");
const NODE_BUILTINS_JS: &str = include_str!("../node/node.js");

/// What an environment needs to start.
#[derive(Clone, Debug)]
pub struct EnvironmentSpec {
    /// The folder that is /var/task: handler code lives here.
    pub task_root: PathBuf,
    /// Layer folders; `nodejs/node_modules` inside each is searched like /opt/nodejs/node_modules.
    pub layers: Vec<PathBuf>,
    pub handler: String,
    pub memory_size_mb: u32,
    /// Everything `process.env` shows: Lambda's variables and the function's own.
    pub environment: BTreeMap<String, String>,
    /// Ephemeral storage size: how much the private /tmp may hold.
    pub ephemeral_storage_mb: u32,
    pub function_name: String,
    pub function_version: String,
    pub invoked_function_arn: String,
    pub log_group_name: String,
    pub log_stream_name: String,
    /// Set when a runtime process runs the handler instead of this engine.
    pub process: Option<crate::runtime::external::ProcessLaunch>,
    /// The folder behind /tmp, given by the pool so it outlives a reset (Lambda keeps /tmp
    /// when it re-initialises a failed environment); None makes a private one.
    pub tmp: Option<std::sync::Arc<tempfile::TempDir>>,
    /// Shared with the pool: the running invoke's deadline, and the pool's word to stop.
    pub watch: std::sync::Arc<InvokeWatch>,
}

/// What the pool and an environment's thread share about the invoke in progress, so the pool
/// can answer "Task timed out" at the deadline even when the engine is stuck in a long native
/// call, and tell the abandoned engine to stop (its interrupt handler and allocator listen).
#[derive(Debug, Default)]
pub struct InvokeWatch {
    /// When the running invoke's time is up, in ms since the epoch; 0 between invokes.
    pub deadline_ms: std::sync::atomic::AtomicU64,
    /// The pool gave up on the environment.
    pub stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// How long its init took, in µs (for the record the pool writes when it gives up).
    pub init_micros: std::sync::atomic::AtomicU64,
    /// What a streaming handler has written so far in the running invoke, for showing it
    /// while it arrives.
    pub streamed: std::sync::Mutex<Vec<super::record::StreamChunk>>,
}

/// One console line, before it is formatted for CloudWatch.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    pub timestamp_ms: u64,
    /// `INFO`, `ERROR`…; empty for a line a runtime process printed itself (see
    /// [`ConsoleLine::printed`]), which CloudWatch shows as it was written.
    pub level: String,
    pub message: String,
}

impl ConsoleLine {
    /// A line a runtime process wrote to stdout or stderr, already in its final form.
    pub fn printed(timestamp_ms: u64, text: String) -> Self {
        Self {
            timestamp_ms,
            level: String::new(),
            message: text,
        }
    }

    /// True for a line the runtime formatted itself.
    pub fn is_printed(&self) -> bool {
        self.level.is_empty()
    }
}

/// How an invocation ended inside the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The JSON text of the response (`null` for undefined).
    Response(String),
    /// The handler threw, rejected, or called back with an error.
    FunctionError(FunctionError),
    Timeout,
    OutOfMemory,
    /// A runtime process ended mid-invoke: `exit status 3`, `signal: killed`.
    RuntimeExit(String),
    /// A streamed response, and the error that ended it early, if one did (Lambda sends it
    /// in the stream's trailers after the bytes already written).
    Streamed {
        response: super::record::StreamedResponse,
        error: Option<FunctionError>,
    },
}

/// Everything one invocation produced.
#[derive(Clone, Debug)]
pub struct InvokeResult {
    pub outcome: Outcome,
    pub duration_ms: f64,
    /// Time the event loop slept waiting for a timer: waiting, not computing.
    pub waiting_ms: f64,
    pub console: Vec<ConsoleLine>,
    pub max_memory_used_mb: u32,
    /// The Runtime API requests a runtime process made for this invoke (none for the engine).
    pub exchanges: Vec<crate::runtime::api::Exchange>,
    /// The runtime process ended after answering: the environment cannot serve again.
    pub ended: bool,
}

/// Why init failed, shaped as the Node runtime reports it.
#[derive(Clone, Debug)]
pub struct InitFailure {
    pub error: FunctionError,
    pub console: Vec<ConsoleLine>,
    pub out_of_memory: bool,
    pub timed_out: bool,
}

/// A live execution environment.
pub struct JsEnvironment {
    // Field order is drop order: values held for the engine must go before the context,
    // and the context before the runtime, or QuickJS frees a heap that still has objects.
    hooks: Persistent<Object<'static>>,
    handler: Persistent<Function<'static>>,
    /// The latest invoke's event and answer, kept until [`Self::release_invoke`]: Lambda's
    /// Duration ends when the response is posted, and freeing the event's objects afterwards
    /// is the engine's clean-up, not the handler's time.
    retired: RefCell<Vec<Persistent<Value<'static>>>>,
    /// Rejected promises nobody handled yet (promise, reason), as the engine reported them.
    rejections: Rejections,
    context: rquickjs::Context,
    /// Owned so the heap outlives the context; never called once set up.
    _runtime: rquickjs::Runtime,
    /// The JavaScript heap, counted by the runtime's allocator.
    heap: Rc<HeapCounters>,
    console: Rc<RefCell<Vec<ConsoleLine>>>,
    deadline: Rc<Cell<Option<Instant>>>,
    /// Sleeping time of the current invocation's event loop.
    waited: Cell<Duration>,
    /// The host folder behind this environment's /tmp; deleted when nothing holds it.
    tmp: std::sync::Arc<tempfile::TempDir>,
    /// Which runtime client it answers like.
    flavour: Flavour,
    /// The handler is an `async` function (the classic client's NodeJsExit rule needs it).
    handler_is_async: bool,
    /// The handler was wrapped in `awslambda.streamifyResponse`.
    streaming: bool,
    /// Set during an invoke when the runtime process would have ended (an uncaught error):
    /// the pool resets the environment.
    ended: Cell<bool>,
}

type Rejections = Rc<RefCell<Vec<(Persistent<Value<'static>>, Persistent<Value<'static>>)>>>;

impl Drop for JsEnvironment {
    fn drop(&mut self) {
        // The tracker closure owned by the runtime holds this list too: empty it while the
        // context is still alive.
        let held = std::mem::take(&mut *self.rejections.borrow_mut());
        self.context.with(|_| drop(held));
    }
}

/// A fresh folder to stand in for an environment's /tmp.
pub fn new_tmp() -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix("lambda-lab-tmp-").tempdir()
}

fn error(error_type: &str, message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: message.into(),
        trace: Vec::new(),
        document: None,
    }
}

impl JsEnvironment {
    /// Init: starts the engine, installs globals, loads the handler module and runs its
    /// top-level code, all within `init_deadline`.
    pub fn init(spec: EnvironmentSpec, init_deadline: Instant) -> Result<Self, InitFailure> {
        let console = Rc::new(RefCell::new(Vec::new()));
        let deadline = Rc::new(Cell::new(Some(init_deadline)));
        let fail = |error: FunctionError, console: &Rc<RefCell<Vec<ConsoleLine>>>| InitFailure {
            error,
            console: console.borrow().clone(),
            out_of_memory: false,
            timed_out: false,
        };
        let tmp = match spec.tmp.clone() {
            Some(shared) => shared,
            None => std::sync::Arc::new(new_tmp().map_err(|e| {
                fail(
                    error("Runtime.Unknown", format!("could not create /tmp: {e}")),
                    &console,
                )
            })?),
        };
        let sandbox = node::Sandbox {
            tmp_dir: tmp.path().to_path_buf(),
            tmp_limit_bytes: u64::from(spec.ephemeral_storage_mb) * 1024 * 1024,
            task_root: spec.task_root.clone(),
            layers: spec.layers.clone(),
        };
        let heap = Rc::new(HeapCounters::default());
        let runtime = rquickjs::Runtime::new_with_alloc(CountingAllocator::stoppable(
            Rc::clone(&heap),
            std::sync::Arc::clone(&spec.watch.stop),
        ))
        .map_err(|e| fail(error("Runtime.Unknown", e.to_string()), &console))?;
        runtime.set_memory_limit(spec.memory_size_mb as usize * 1024 * 1024);
        let flavour = Flavour::of_environment(&spec.environment);
        let rejections: Rejections = Rc::new(RefCell::new(Vec::new()));
        let tracked = Rc::clone(&rejections);
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, is_handled: bool| {
                let mut list = tracked.borrow_mut();
                if is_handled {
                    list.retain(|(held, _)| {
                        held.clone()
                            .restore(&ctx)
                            .map_or(true, |held: Value| held != promise)
                    });
                } else {
                    list.push((
                        Persistent::save(&ctx, promise),
                        Persistent::save(&ctx, reason),
                    ));
                }
            },
        )));
        runtime.set_max_stack_size(MAX_STACK_BYTES);
        let interrupt_deadline = deadline.clone();
        let stop = std::sync::Arc::clone(&spec.watch.stop);
        runtime.set_interrupt_handler(Some(Box::new(move || {
            stop.load(std::sync::atomic::Ordering::Relaxed)
                || interrupt_deadline
                    .get()
                    .is_some_and(|deadline| Instant::now() >= deadline)
        })));
        let mut module_dirs = vec![spec.task_root.join("node_modules")];
        // The last layer first: its copy is the one extracted last into /opt, so the one found.
        module_dirs.extend(
            spec.layers
                .iter()
                .rev()
                .map(|layer| layer.join("nodejs/node_modules")),
        );
        let mut roots = vec![spec.task_root.clone()];
        roots.extend(spec.layers.iter().cloned());
        runtime.set_loader(
            SandboxResolver {
                roots: roots.clone(),
                module_dirs: module_dirs.clone(),
            },
            SandboxLoader,
        );
        let context = rquickjs::Context::full(&runtime)
            .map_err(|e| fail(error("Runtime.Unknown", e.to_string()), &console))?;

        let loaded = context.with(|ctx| -> Result<_, FunctionError> {
            let hooks =
                install_globals(&ctx, &console, roots, module_dirs, sandbox, &spec, flavour)
                    .catch(&ctx)
                    .map_err(|e| error("Runtime.Unknown", format!("could not start: {e}")))?;
            let (handler, is_async, streaming) =
                load_handler(&ctx, &hooks, &spec, &deadline, flavour, &rejections)?;
            if let Some(failure) = unhandled_rejection(&ctx, &rejections, flavour, None) {
                return Err(failure);
            }
            Ok((
                Persistent::save(&ctx, hooks),
                Persistent::save(&ctx, handler),
                is_async,
                streaming,
            ))
        });
        match loaded {
            Ok((hooks, handler, handler_is_async, streaming)) => {
                deadline.set(None);
                Ok(Self {
                    hooks,
                    handler,
                    retired: RefCell::new(Vec::new()),
                    rejections,
                    context,
                    _runtime: runtime,
                    heap,
                    console,
                    deadline,
                    waited: Cell::new(Duration::ZERO),
                    tmp,
                    flavour,
                    handler_is_async,
                    streaming,
                    ended: Cell::new(false),
                })
            }
            Err(mut function_error) => {
                drop(std::mem::take(&mut *rejections.borrow_mut()));
                if function_error.error_type == EXITED {
                    // The runtime process would have died during INIT.
                    function_error = error(
                        "Runtime.ExitError",
                        if function_error.error_message == EXITED_WITHOUT_REASON {
                            EXITED_WITHOUT_REASON.to_owned()
                        } else {
                            format!(
                                "Runtime exited with error: {}",
                                function_error.error_message
                            )
                        },
                    );
                }
                let timed_out = deadline.get().is_some_and(|d| Instant::now() >= d);
                let out_of_memory = function_error.error_type == "Runtime.OutOfMemory";
                Err(InitFailure {
                    error: function_error,
                    console: console.borrow().clone(),
                    out_of_memory,
                    timed_out,
                })
            }
        }
    }

    /// The host folder behind this environment's /tmp (removed when it is dropped).
    pub fn tmp_dir(&self) -> &Path {
        self.tmp.path()
    }

    /// Console lines printed since the last call (during init, before any invoke).
    pub fn take_console(&mut self) -> Vec<ConsoleLine> {
        std::mem::take(&mut *self.console.borrow_mut())
    }

    /// QuickJS heap in use now, in bytes.
    pub fn memory_used_bytes(&self) -> u64 {
        self.heap.in_use_bytes() as u64
    }

    /// The most QuickJS heap in use at any moment of the latest invoke (init's heap included),
    /// rounded up to whole MB: its Max Memory Used.
    pub fn memory_used_mb(&self) -> u32 {
        (self.heap.peak_bytes() as u64).div_ceil(1024 * 1024) as u32
    }

    /// Frees what the latest invoke left (its event and the handler's answer). The pool calls
    /// this once it has sent the response, so the freeing overlaps with the record being
    /// built; `invoke` calls it too, before its clock starts.
    pub fn release_invoke(&mut self) {
        let retired = std::mem::take(&mut *self.retired.borrow_mut());
        if !retired.is_empty() {
            self.context.with(|_| drop(retired));
        }
    }

    /// Keeps `value` alive until [`Self::release_invoke`].
    fn retire<'js>(&self, ctx: &Ctx<'js>, value: Value<'js>) {
        self.retired.borrow_mut().push(Persistent::save(ctx, value));
    }

    /// Runs one invocation. After `Timeout` or `OutOfMemory` the environment must be dropped.
    pub fn invoke(
        &mut self,
        request_id: &str,
        event_json: &str,
        deadline: Instant,
    ) -> InvokeResult {
        self.release_invoke();
        self.console.borrow_mut().clear();
        self.heap.start_peak();
        self.deadline.set(Some(deadline));
        self.waited.set(Duration::ZERO);
        let started = Instant::now();
        let deadline_epoch_ms =
            now_ms() + deadline.saturating_duration_since(started).as_millis() as u64;
        let outcome = self.context.with(|ctx| {
            match run_invocation(
                &ctx,
                self,
                request_id,
                event_json,
                deadline,
                deadline_epoch_ms,
            ) {
                Ok(outcome) => outcome,
                Err(failure) if failure.error_type == OOM => Outcome::OutOfMemory,
                Err(failure) if failure.error_type == TIMED_OUT => Outcome::Timeout,
                Err(failure) if failure.error_type == EXITED => {
                    self.ended.set(true);
                    Outcome::RuntimeExit(failure.error_message)
                }
                Err(failure) => Outcome::FunctionError(failure),
            }
        });
        // What this invoke left unhandled is its own; the next starts clean.
        let left = std::mem::take(&mut *self.rejections.borrow_mut());
        if !left.is_empty() {
            self.context.with(|_| drop(left));
        }
        self.deadline.set(None);
        let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        let console = std::mem::take(&mut *self.console.borrow_mut());
        InvokeResult {
            outcome,
            duration_ms,
            waiting_ms: self.waited.get().as_secs_f64() * 1000.0,
            console,
            max_memory_used_mb: self.memory_used_mb(),
            exchanges: Vec::new(),
            ended: self.ended.get(),
        }
    }
}

/// Marker error types the event loop uses internally; never shown to users as such.
const OOM: &str = "Runtime.OutOfMemory";
const TIMED_OUT: &str = "LambdaLab.Timeout";
/// The runtime process would have exited; the message is how ("exit status 1").
const EXITED: &str = "LambdaLab.Exit";

/// The first rejection nobody handled, as the runtime client reports it: classic posts
/// Runtime.UnhandledPromiseRejection and exits (128); modern has no handler, so Node exits 1.
fn unhandled_rejection<'js>(
    ctx: &Ctx<'js>,
    rejections: &Rejections,
    flavour: Flavour,
    own: Option<&Promise<'js>>,
) -> Option<FunctionError> {
    if rejections.borrow().is_empty() {
        return None;
    }
    // The handler's own promise is the engine's to watch, never an unhandled rejection.
    let own = own.map(|promise| promise.clone().into_value());
    let (_, reason) = rejections.borrow_mut().drain(..).find(|(promise, _)| {
        own.as_ref().is_none_or(|own| {
            promise
                .clone()
                .restore(ctx)
                .map_or(true, |promise: Value| &promise != own)
        })
    })?;
    Some(match flavour {
        Flavour::Modern => error(EXITED, exit_words(1)),
        Flavour::Classic => {
            let reason: Value = reason.restore(ctx).ok()?;
            let text: String = ctx
                .globals()
                .get::<_, Function>("String")
                .and_then(|string| string.call((reason,)))
                .unwrap_or_default();
            FunctionError {
                error_type: "Runtime.UnhandledPromiseRejection".to_owned(),
                error_message: text.clone(),
                trace: vec![format!("Runtime.UnhandledPromiseRejection: {text}")],
                document: None,
            }
        }
    })
}

fn run_invocation<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    request_id: &str,
    event_json: &str,
    deadline: Instant,
    deadline_epoch_ms: u64,
) -> Result<Outcome, FunctionError> {
    let hooks = env.hooks.clone().restore(ctx).map_err(engine_error)?;
    let handler = env.handler.clone().restore(ctx).map_err(engine_error)?;
    let flavour = env.flavour;
    let event: Value = ctx.json_parse(event_json).map_err(|_| {
        error(
            "Runtime.UnmarshalError",
            "Unable to parse the event as JSON",
        )
    })?;
    env.retire(ctx, event.clone());
    // The answer given through callback(err, result) or context.succeed/fail/done, and
    // whether it skips waiting for the event loop (done does; callback waits by default).
    type Settled<'js> = Rc<RefCell<Option<(Result<Value<'js>, Value<'js>>, bool)>>>;
    let settled: Settled<'js> = Rc::new(RefCell::new(None));
    let slot = settled.clone();
    let answered = Rc::new(Cell::new(false));
    let first = Rc::clone(&answered);
    // Only the classic client has a callback (and context.succeed/fail/done) to answer with.
    let settle = if flavour == Flavour::Classic {
        Some(
            Function::new(
                ctx.clone(),
                move |ctx: Ctx<'js>,
                      err: Opt<Value<'js>>,
                      result: Opt<Value<'js>>,
                      now: Opt<bool>| {
                    if first.replace(true) {
                        return; // the runtime ignores every call after the first
                    }
                    let err = err.0.filter(|e| !e.is_null() && !e.is_undefined());
                    *slot.borrow_mut() = Some((
                        match err {
                            Some(err) => Err(err),
                            None => Ok(result.0.unwrap_or_else(|| Value::new_undefined(ctx))),
                        },
                        now.0.unwrap_or(false),
                    ));
                },
            )
            .map_err(engine_error)?,
        )
    } else {
        None
    };
    let (context_object, callback) =
        make_context(&hooks, request_id, deadline_epoch_ms, settle).map_err(engine_error)?;
    let uncaught = |failure| uncaught(env, failure);
    // Timers left by an earlier invoke that became due while the environment was frozen
    // run as it thaws, so their log lines land in this invoke, as on Lambda.
    let thaw: Function = hooks.get("runDueTimers").map_err(engine_error)?;
    thaw.call::<_, f64>(())
        .catch(ctx)
        .map_err(|caught| uncaught(classify_caught(ctx, &hooks, caught, &env.deadline, flavour)))?;
    while ctx.execute_pending_job() {
        if Instant::now() >= deadline {
            return Ok(Outcome::Timeout);
        }
    }
    if env.streaming {
        return run_streaming(ctx, env, &hooks, &handler, event, context_object, deadline);
    }
    let called = match &callback {
        Some(callback) => handler.call((event, context_object.clone(), callback.clone())),
        None => handler.call((event, context_object.clone())),
    };
    let returned: Value = called
        .catch(ctx)
        .map_err(|caught| classify_caught(ctx, &hooks, caught, &env.deadline, flavour))?;
    env.retire(ctx, returned.clone());
    let promise: Option<Promise> = returned.as_promise().cloned();
    match &promise {
        Some(_) => {}
        // The modern client awaits whatever the handler returns: a plain value is the answer.
        None if flavour == Flavour::Modern => return serialise(ctx, flavour, returned),
        // The classic client ignores it: the callback answers, or the emptied event loop.
        None => {}
    }
    let waits = || {
        context_object
            .get::<_, bool>("callbackWaitsForEmptyEventLoop")
            .unwrap_or(true)
    };
    let loop_busy = || {
        hooks
            .get::<_, Function>("pendingTimers")
            .and_then(|f| f.call::<_, f64>(()))
            .is_ok_and(|n| n > 0.0)
    };
    let answer_ready = || {
        settled
            .borrow()
            .as_ref()
            .is_some_and(|(_, now)| *now || !(waits() && loop_busy()))
    };
    let promise_done = || {
        !answered.get()
            && promise
                .as_ref()
                .is_some_and(|p| p.state() != PromiseState::Pending)
    };
    let ended = run_event_loop(ctx, env, &hooks, deadline, promise.as_ref(), &|| {
        promise_done() || answer_ready()
    })?;
    if ended == LoopEnd::Empty {
        // The event loop is empty and nothing has answered: Node would exit. The classic
        // client's beforeExit listener answers instead: an async handler's promise can
        // never settle now (Runtime.NodeJsExit), any other handler answers null. The
        // modern client has no listener: Node exits with code 0.
        return match flavour {
            Flavour::Classic if env.handler_is_async => {
                Err(error(NODEJS_EXIT_TYPE, NODEJS_EXIT_MESSAGE))
            }
            Flavour::Classic => Ok(Outcome::Response("null".to_owned())),
            Flavour::Modern => Err(error(EXITED, EXITED_WITHOUT_REASON)),
        };
    }
    if let Some(promise) = promise.as_ref().filter(|_| promise_done()) {
        return match settled_value(ctx, promise) {
            Ok(value) => serialise(ctx, flavour, value),
            Err(reason) => Err(to_function_error(
                ctx,
                &hooks,
                reason,
                &env.deadline,
                flavour,
            )),
        };
    }
    match settled.borrow_mut().take() {
        Some((Ok(value), _)) => serialise(ctx, flavour, value),
        Some((Err(reason), _)) => Err(to_function_error(
            ctx,
            &hooks,
            reason,
            &env.deadline,
            flavour,
        )),
        None => Err(engine_error(rquickjs::Error::Unknown)),
    }
}

/// One invoke of a streaming handler, as both runtime clients run it: (event, responseStream,
/// context); it must be async; its return value is ignored (with a warning); the stream
/// must be ended; a failure after bytes were written keeps them and adds the error.
fn run_streaming<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    hooks: &Object<'js>,
    handler: &Function<'js>,
    event: Value<'js>,
    context_object: Object<'js>,
    deadline: Instant,
) -> Result<Outcome, FunctionError> {
    let flavour = env.flavour;
    let make: Function = hooks.get("makeResponseStream").map_err(engine_error)?;
    let stream: Object = make.call((now_ms() as f64,)).map_err(engine_error)?;
    let collect = |error: Option<FunctionError>| -> Result<Outcome, FunctionError> {
        let result: Function = hooks.get("streamResult").map_err(engine_error)?;
        let parts: rquickjs::Array = result.call((stream.clone(),)).map_err(engine_error)?;
        let content_type: String = parts.get(0).map_err(engine_error)?;
        let written: rquickjs::Array = parts.get(1).map_err(engine_error)?;
        let finished: bool = parts.get(2).map_err(engine_error)?;
        let mut chunks = Vec::with_capacity(written.len());
        for chunk in written.iter::<rquickjs::Array>() {
            let chunk = chunk.map_err(engine_error)?;
            let at_ms: f64 = chunk.get(0).map_err(engine_error)?;
            let bytes: rquickjs::TypedArray<u8> = chunk.get(1).map_err(engine_error)?;
            chunks.push(super::record::StreamChunk {
                at_ms,
                bytes: node::bytes_of(&bytes),
            });
        }
        let error = error
            .or_else(|| (!finished).then(|| error_of_text("Response stream is not finished.")));
        Ok(Outcome::Streamed {
            response: super::record::StreamedResponse {
                content_type,
                chunks,
            },
            error,
        })
    };
    let returned = match handler
        .call::<_, Value>((event, stream.clone(), context_object))
        .catch(ctx)
    {
        Ok(returned) => returned,
        Err(caught) => {
            let failure = classify_caught(ctx, hooks, caught, &env.deadline, flavour);
            if [OOM, TIMED_OUT, EXITED].contains(&failure.error_type.as_str()) {
                return Err(failure);
            }
            return collect(Some(failure));
        }
    };
    let Some(promise) = returned.as_promise().cloned() else {
        // Both clients log the refusal; what the handler already wrote still goes out.
        let refusal = error_of_text("Streaming does not support non-async handlers.");
        let text = serde_json::to_string(&refusal).unwrap_or_default();
        env.console.borrow_mut().push(ConsoleLine {
            timestamp_ms: now_ms(),
            level: "ERROR".to_owned(),
            message: format!("Invoke Error \t{text}"),
        });
        return collect(None);
    };
    let ended = run_event_loop(ctx, env, hooks, deadline, Some(&promise), &|| {
        promise.state() != PromiseState::Pending
    })?;
    if ended == LoopEnd::Empty {
        return Err(match flavour {
            Flavour::Classic => error(NODEJS_EXIT_TYPE, NODEJS_EXIT_MESSAGE),
            Flavour::Modern => error(EXITED, EXITED_WITHOUT_REASON),
        });
    }
    match settled_value(ctx, &promise) {
        Ok(value) => {
            if !value.is_undefined() {
                env.console.borrow_mut().push(ConsoleLine {
                    timestamp_ms: now_ms(),
                    level: "WARN".to_owned(),
                    message: "Streaming handlers ignore return values.".to_owned(),
                });
            }
            collect(None)
        }
        Err(reason) => collect(Some(to_function_error(
            ctx,
            hooks,
            reason,
            &env.deadline,
            flavour,
        ))),
    }
}

/// A plain `Error` with `message`, as the clients make one from a string.
fn error_of_text(message: &str) -> FunctionError {
    FunctionError {
        error_type: "Error".to_owned(),
        error_message: message.to_owned(),
        trace: vec![format!("Error: {message}")],
        document: None,
    }
}

/// An error thrown where no handler code can catch it (a timer): the classic client posts it
/// and exits (the environment is reset), the modern one lets Node crash with exit code 1.
fn uncaught(env: &JsEnvironment, failure: FunctionError) -> FunctionError {
    if [OOM, TIMED_OUT, EXITED].contains(&failure.error_type.as_str()) {
        return failure;
    }
    match env.flavour {
        Flavour::Classic => {
            env.ended.set(true);
            failure
        }
        Flavour::Modern => error(EXITED, exit_words(1)),
    }
}

/// How an event loop run ended: what it waited for is ready, or nothing is left to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LoopEnd {
    Ready,
    Empty,
}

/// Runs promise jobs and due timers until `ready`, until nothing is left that could make it
/// ready, or until the deadline (an error the invoke turns into a timeout). An unhandled
/// rejection or an error thrown where no handler code can catch it (a timer) ends the run as
/// the runtime client would: classic posts it and exits (128/129), modern crashes (exit 1).
fn run_event_loop<'js>(
    ctx: &Ctx<'js>,
    env: &JsEnvironment,
    hooks: &Object<'js>,
    deadline: Instant,
    own: Option<&Promise<'js>>,
    ready: &dyn Fn() -> bool,
) -> Result<LoopEnd, FunctionError> {
    let flavour = env.flavour;
    let uncaught = |failure| uncaught(env, failure);
    let timed_out = || error(TIMED_OUT, "timed out");
    loop {
        if ready() {
            return Ok(LoopEnd::Ready);
        }
        if Instant::now() >= deadline {
            return Err(timed_out());
        }
        let mut ran_job = false;
        while ctx.execute_pending_job() {
            ran_job = true;
            if Instant::now() >= deadline {
                return Err(timed_out());
            }
        }
        if let Some(failure) = unhandled_rejection(ctx, &env.rejections, flavour, own) {
            if flavour == Flavour::Classic {
                env.ended.set(true);
            }
            return Err(failure);
        }
        let run_timers: Function = hooks.get("runDueTimers").map_err(engine_error)?;
        let next_due_ms: f64 = run_timers.call(()).catch(ctx).map_err(|caught| {
            uncaught(classify_caught(ctx, hooks, caught, &env.deadline, flavour))
        })?;
        if ran_job || ready() || ctx.execute_pending_job() {
            continue;
        }
        if next_due_ms < 0.0 {
            return Ok(LoopEnd::Empty);
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        let wait = Duration::from_millis((next_due_ms - now_ms() as f64).max(0.0) as u64);
        let sleep = wait.min(remaining);
        std::thread::sleep(sleep);
        env.waited.set(env.waited.get() + sleep);
    }
}

/// A settled promise's value, or its rejection reason as the error.
fn settled_value<'js>(ctx: &Ctx<'js>, promise: &Promise<'js>) -> Result<Value<'js>, Value<'js>> {
    match promise.state() {
        PromiseState::Rejected => Err(match promise.result::<Value>() {
            Some(Err(_)) => ctx.catch(),
            Some(Ok(value)) => value,
            None => Value::new_undefined(ctx.clone()),
        }),
        _ => Ok(promise
            .result()
            .and_then(Result::ok)
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()))),
    }
}

/// JSON.stringify the response, as the Node runtime does before sending it.
fn serialise<'js>(
    ctx: &Ctx<'js>,
    flavour: Flavour,
    value: Value<'js>,
) -> Result<Outcome, FunctionError> {
    match ctx.json_stringify(value).catch(ctx) {
        Ok(Some(text)) => {
            let text = text.to_string().map_err(engine_error)?;
            if text.len() > MAX_SYNC_RESPONSE_BYTES {
                return Err(error(
                    "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                ));
            }
            Ok(Outcome::Response(text))
        }
        Ok(None) => Ok(Outcome::Response("null".to_owned())),
        Err(CaughtError::Error(rquickjs::Error::Allocation)) => Err(error(OOM, "out of memory")),
        // A BigInt or a cycle: the runtime client's own error, not JSON.stringify's.
        Err(_) => Err(error(flavour.stringify_error_type(), STRINGIFY_MESSAGE)),
    }
}

fn engine_error(e: rquickjs::Error) -> FunctionError {
    error("Runtime.Unknown", format!("engine error: {e}"))
}

/// Turns a caught exception into the Node runtime's error shape, recognising the engine's
/// own "interrupted" (timeout) and "out of memory" errors.
fn classify_caught<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    caught: CaughtError<'js>,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
) -> FunctionError {
    match caught {
        CaughtError::Exception(exception) => {
            to_function_error(ctx, hooks, exception.into_value(), deadline, flavour)
        }
        CaughtError::Value(value) => to_function_error(ctx, hooks, value, deadline, flavour),
        CaughtError::Error(rquickjs::Error::Allocation) => error(OOM, "out of memory"),
        CaughtError::Error(other) => engine_error(other),
    }
}

fn to_function_error<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    reason: Value<'js>,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
) -> FunctionError {
    let exit_code: i32 = hooks
        .get::<_, Function>("exitCode")
        .and_then(|f| f.call((reason.clone(),)))
        .unwrap_or(-1);
    if exit_code >= 0 {
        return error(EXITED, exit_words(exit_code));
    }
    if let Some(object) = reason.as_object() {
        let name: String = object.get("name").unwrap_or_else(|_| "Error".to_owned());
        let message: String = object.get("message").unwrap_or_default();
        if message == "interrupted" && deadline.get().is_some_and(|d| Instant::now() >= d) {
            return error(TIMED_OUT, "timed out");
        }
        if name == "InternalError" && message == "out of memory" {
            return error(OOM, "out of memory");
        }
        if name == "InternalError" && message.contains("stack overflow") {
            return FunctionError {
                error_type: "RangeError".to_owned(),
                error_message: "Maximum call stack size exceeded".to_owned(),
                trace: vec!["RangeError: Maximum call stack size exceeded".to_owned()],
                document: None,
            };
        }
        if reason.as_exception().is_some() || object.contains_key("stack").unwrap_or(false) {
            let stack_of: Option<Function> = hooks.get("stackOf").ok();
            let trace_text: String = stack_of
                .and_then(|f| f.call((reason.clone(),)).ok())
                .unwrap_or_else(|| format!("{name}: {message}"));
            // 0x7F cannot travel in the error-type header, so the clients write it as %7F.
            return FunctionError {
                error_type: name.replace('\x7F', "%7F"),
                error_message: message.replace('\x7F', "%7F"),
                trace: trace_text
                    .replace('\x7F', "%7F")
                    .lines()
                    .map(str::to_owned)
                    .collect(),
                document: None,
            };
        }
    }
    // A thrown non-Error value: the runtime client posts its typeof and its text.
    let (error_type, error_message) = hooks
        .get::<_, Function>("thrownDocument")
        .and_then(|describe| describe.call::<_, rquickjs::Array>((reason.clone(),)))
        .and_then(|pair| Ok((pair.get::<String>(0)?, pair.get::<String>(1)?)))
        .unwrap_or_else(|_| (reason.type_name().to_owned(), String::new()));
    let _ = (ctx, flavour);
    FunctionError {
        error_type,
        error_message,
        trace: Vec::new(),
        document: None,
    }
}

/// Installs the native helpers and runs the prelude; returns its hooks object.
fn install_globals<'js>(
    ctx: &Ctx<'js>,
    console: &Rc<RefCell<Vec<ConsoleLine>>>,
    roots: Vec<PathBuf>,
    module_dirs: Vec<PathBuf>,
    sandbox: node::Sandbox,
    spec: &EnvironmentSpec,
    flavour: Flavour,
) -> rquickjs::Result<Object<'js>> {
    let native = Object::new(ctx.clone())?;
    node::install(ctx, &native, sandbox)?;
    // node.js is compiled on first use only (see the prelude).
    native.set(
        "loadNode",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| {
            ctx.eval::<Function<'js>, _>(NODE_BUILTINS_JS)
        })?,
    )?;
    native.set(
        "builtinModules",
        BUILTIN_MODULES
            .iter()
            .map(|m| (*m).to_owned())
            .collect::<Vec<_>>(),
    )?;
    let sink = console.clone();
    native.set(
        "log",
        Function::new(ctx.clone(), move |level: String, message: String| {
            sink.borrow_mut().push(ConsoleLine {
                timestamp_ms: now_ms(),
                level,
                message,
            });
        })?,
    )?;
    let read_roots = roots.clone();
    native.set(
        "read",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, path: String| {
            let allowed = resolve_module(&read_roots, &[], Path::new("/"), &path).is_some();
            match std::fs::read_to_string(&path) {
                Ok(text) if allowed => Ok(text),
                _ => Err(throw_error(&ctx, &format!("Cannot find module '{path}'"))),
            }
        })?,
    )?;
    let watch = std::sync::Arc::clone(&spec.watch);
    native.set(
        "streamed",
        Function::new(
            ctx.clone(),
            move |at_ms: f64, bytes: rquickjs::TypedArray<'js, u8>| {
                if let Ok(mut streamed) = watch.streamed.lock() {
                    streamed.push(super::record::StreamChunk {
                        at_ms,
                        bytes: node::bytes_of(&bytes),
                    });
                }
            },
        )?,
    )?;
    native.set(
        "packageScope",
        Function::new(ctx.clone(), |path: String| {
            package_scope(Path::new(&path))
                .map(|(json, _)| json.display().to_string())
                .unwrap_or_default()
        })?,
    )?;
    native.set(
        "isEsModule",
        Function::new(ctx.clone(), |path: String| is_es_module(Path::new(&path)))?,
    )?;
    native.set(
        "resolve",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, dir: String, name: String| {
                resolve_module(&roots, &module_dirs, Path::new(&dir), &name)
                    .map(|path| path.display().to_string())
                    .ok_or_else(|| throw_error(&ctx, &missing_module_message(&name)))
            },
        )?,
    )?;
    native.set(
        "compileCommonJs",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, filename: String, source: String| {
                let mut options = EvalOptions::default();
                options.filename = Some(filename);
                options.global = true;
                ctx.eval_with_options::<Function, _>(source, options)
            },
        )?,
    )?;
    ctx.globals().set("__ll", native)?;
    let hooks: Object = ctx.eval(PRELUDE)?;
    let set_roots: Function = hooks.get("setRoots")?;
    set_roots.call::<_, ()>((
        spec.task_root.display().to_string(),
        spec.layers
            .iter()
            .map(|layer| layer.display().to_string())
            .collect::<Vec<_>>(),
    ))?;
    let set_flavour: Function = hooks.get("setFlavour")?;
    set_flavour.call::<_, ()>((flavour == Flavour::Modern, flavour.node_version()))?;
    let env = Object::new(ctx.clone())?;
    for (key, value) in &spec.environment {
        env.set(key.as_str(), value.as_str())?;
    }
    let set_env: Function = hooks.get("setEnv")?;
    set_env.call::<_, ()>((env,))?;
    // The context fields that stay the same for the environment's life, set once.
    let fields = Object::new(ctx.clone())?;
    fields.set("functionVersion", spec.function_version.as_str())?;
    fields.set("functionName", spec.function_name.as_str())?;
    fields.set("memoryLimitInMB", spec.memory_size_mb.to_string())?;
    fields.set("logGroupName", spec.log_group_name.as_str())?;
    fields.set("logStreamName", spec.log_stream_name.as_str())?;
    fields.set("invokedFunctionArn", spec.invoked_function_arn.as_str())?;
    let set_fields: Function = hooks.get("setContextFields")?;
    set_fields.call::<_, ()>((fields,))?;
    Ok(hooks)
}

/// Throws a JavaScript Error with `message` and returns the rquickjs error that carries it.
fn throw_error(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match rquickjs::Exception::from_message(ctx.clone(), message) {
        Ok(exception) => ctx.throw(exception.into_value()),
        Err(error) => error,
    }
}

fn load_handler<'js>(
    ctx: &Ctx<'js>,
    hooks: &Object<'js>,
    spec: &EnvironmentSpec,
    deadline: &Rc<Cell<Option<Instant>>>,
    flavour: Flavour,
    rejections: &Rejections,
) -> Result<(Function<'js>, bool, bool), FunctionError> {
    if spec.handler.contains("..") {
        return Err(error(
            "Runtime.MalformedHandlerName",
            format!(
                "'{}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
                spec.handler
            ),
        ));
    }
    let Some((module, path)) = parse_handler(&spec.handler) else {
        return Err(error("Runtime.MalformedHandlerName", "Bad handler"));
    };
    let Some((file, esm)) =
        find_handler_module(&spec.task_root, &module, flavour == Flavour::Modern)
    else {
        return Err(FunctionError {
            error_type: "Runtime.ImportModuleError".to_owned(),
            error_message: format!(
                "Error: Cannot find module '{module}'\nRequire stack:\n- /var/runtime/index.mjs"
            ),
            trace: vec![
                format!("Runtime.ImportModuleError: Error: Cannot find module '{module}'"),
                "Require stack:".to_owned(),
                "- /var/runtime/index.mjs".to_owned(),
            ],
            document: None,
        });
    };
    let import_failure = |failure: FunctionError| -> FunctionError {
        match failure.error_type.as_str() {
            "SyntaxError" => FunctionError {
                error_type: "Runtime.UserCodeSyntaxError".to_owned(),
                error_message: format!("SyntaxError: {}", failure.error_message),
                trace: failure.trace,
                document: None,
            },
            "Error"
                if failure.error_message.starts_with("Cannot find module")
                    || failure.error_message.contains("could not load module") =>
            {
                FunctionError {
                    error_type: "Runtime.ImportModuleError".to_owned(),
                    error_message: format!("Error: {}", failure.error_message),
                    trace: failure.trace,
                    document: None,
                }
            }
            _ => failure,
        }
    };
    let exports: Value = if esm {
        let promise = Module::import(ctx, file.display().to_string())
            .catch(ctx)
            .map_err(|caught| {
                import_failure(classify_caught(ctx, hooks, caught, deadline, flavour))
            })?;
        loop {
            match promise.state() {
                PromiseState::Resolved => {
                    break promise
                        .result()
                        .and_then(Result::ok)
                        .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
                }
                PromiseState::Rejected => {
                    let reason: Value = match promise.result::<Value>() {
                        Some(Ok(value)) => value,
                        _ => ctx.catch(),
                    };
                    return Err(import_failure(to_function_error(
                        ctx, hooks, reason, deadline, flavour,
                    )));
                }
                PromiseState::Pending => {
                    // Top-level await: module evaluation runs the event loop, timers and all.
                    if ctx.execute_pending_job() {
                        continue;
                    }
                    if let Some(failure) = unhandled_rejection(ctx, rejections, flavour, None) {
                        return Err(failure);
                    }
                    if deadline.get().is_some_and(|d| Instant::now() >= d) {
                        return Err(error(TIMED_OUT, "init timed out"));
                    }
                    let run_timers: Function = hooks.get("runDueTimers").map_err(engine_error)?;
                    let next_due_ms: f64 = run_timers
                        .call(())
                        .catch(ctx)
                        .map_err(|caught| classify_caught(ctx, hooks, caught, deadline, flavour))?;
                    if ctx.execute_pending_job() || promise.state() != PromiseState::Pending {
                        continue;
                    }
                    if next_due_ms < 0.0 {
                        // Nothing left that could settle it: Node exits with code 13,
                        // "unsettled top-level await".
                        return Err(error(EXITED, exit_words(13)));
                    }
                    let wait =
                        Duration::from_millis((next_due_ms - now_ms() as f64).max(0.0) as u64);
                    let remaining = deadline
                        .get()
                        .map_or(wait, |d| d.saturating_duration_since(Instant::now()));
                    std::thread::sleep(wait.min(remaining));
                }
            }
        }
    } else {
        let load: Function = hooks.get("loadCommonJs").map_err(engine_error)?;
        load.call((file.display().to_string(),))
            .catch(ctx)
            .map_err(|caught| {
                import_failure(classify_caught(ctx, hooks, caught, deadline, flavour))
            })?
    };
    let mut target = exports;
    let mut keys: &[String] = &path;
    // The modern client import()s CommonJS too: its namespace's `default` is module.exports.
    if !esm && flavour == Flavour::Modern && keys.first().is_some_and(|k| k == "default") {
        keys = &keys[1..];
    }
    for key in keys {
        target = target
            .as_object()
            .and_then(|object| object.get::<_, Value>(key.as_str()).ok())
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    }
    let name = format!("{module}.{}", path.join("."));
    if target.is_undefined() {
        return Err(error(
            "Runtime.HandlerNotFound",
            format!("{name} is undefined or not exported"),
        ));
    }
    let Some(function) = target.into_function() else {
        return Err(error(
            "Runtime.HandlerNotFound",
            format!("{name} is not a function"),
        ));
    };
    let metadata: Function = hooks.get("handlerMetadata").map_err(engine_error)?;
    let (is_async, declared_args, mark) = metadata
        .call::<_, rquickjs::Array>((function.clone(),))
        .and_then(|m| Ok((m.get::<bool>(0)?, m.get::<u32>(1)?, m.get::<String>(2)?)))
        .map_err(engine_error)?;
    let streaming = match (mark.as_str(), flavour) {
        ("", _) => false,
        ("response", _) => true,
        (_, Flavour::Modern) => {
            return Err(error(
                "Runtime.MalformedStreamingHandler",
                "Only response streaming is supported.",
            ));
        }
        // aws-lambda-ric 3.x names an error class it never imports (UserFunction.js), so
        // the refusal itself fails with this ReferenceError, which is what nodejs22.x reports.
        (_, Flavour::Classic) => {
            return Err(error(
                "ReferenceError",
                "MalformedStreamingHandler is not defined",
            ));
        }
    };
    match flavour {
        Flavour::Modern if declared_args >= 3 && !streaming => {
            return Err(error(CALLBACK_REMOVED_TYPE, CALLBACK_REMOVED_MESSAGE));
        }
        Flavour::Classic
            if declared_args == 3
                && !is_async
                && !streaming
                && !spec
                    .environment
                    .contains_key("AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING") =>
        {
            let warn: Function = ctx
                .globals()
                .get::<_, Object>("console")
                .and_then(|console| console.get("warn"))
                .map_err(engine_error)?;
            warn.call::<_, ()>((CALLBACK_WARNING,))
                .map_err(engine_error)?;
        }
        _ => {}
    }
    Ok((function, is_async, streaming))
}

/// The `context` object the Node runtime passes to handlers (built by the prelude), and the
/// callback for classic handlers (none for modern ones).
fn make_context<'js>(
    hooks: &Object<'js>,
    request_id: &str,
    deadline_epoch_ms: u64,
    settle: Option<Function<'js>>,
) -> rquickjs::Result<(Object<'js>, Option<Function<'js>>)> {
    let make: Function = hooks.get("makeContext")?;
    let trace_id = trace_id(request_id);
    let deadline = deadline_epoch_ms as f64;
    match settle {
        Some(settle) => {
            let made: rquickjs::Array = make.call((request_id, deadline, trace_id, settle))?;
            Ok((made.get(0)?, made.get::<Option<Function>>(1)?))
        }
        None => Ok((make.call((request_id, deadline, trace_id))?, None)),
    }
}

/// An X-Ray trace header for the invoke, in Lambda's shape (not sampled: nothing is traced).
fn trace_id(request_id: &str) -> String {
    let mut hex = [b'0'; 32];
    for (slot, digit) in hex
        .iter_mut()
        .zip(request_id.bytes().filter(u8::is_ascii_hexdigit))
    {
        *slot = digit;
    }
    let hex = std::str::from_utf8(&hex).unwrap_or("00000000000000000000000000000000");
    format!(
        "Root=1-{:08x}-{};Parent={};Sampled=0",
        now_ms() / 1000,
        &hex[..24],
        &hex[16..32]
    )
}
