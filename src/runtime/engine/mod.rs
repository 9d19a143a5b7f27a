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
mod invoke;
mod modules;
mod setup;

use flavour::*;
use invoke::*;
use modules::*;
pub use modules::{
    BUILTIN_MODULES, builtin_module, is_es_module, missing_module_message, parse_handler,
    resolve_module,
};
use setup::*;

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
