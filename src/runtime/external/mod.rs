//! Execution environments that are real processes: a Python, Node.js or custom runtime that
//! long-polls its own Runtime API endpoint, as Lambda runs every runtime. One environment is
//! one process group; the app kills the group on timeout, on going over the memory size,
//! when the environment is reclaimed and when the app quits.
//!
//! These processes run as the user, with the user's file permissions (unlike the embedded
//! engine); only their environment variables are clean.

pub mod launch;
pub mod memory;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use self::launch::{Family, LaunchError, find_interpreter};
use super::api::{ApiEvent, Endpoint, Exchange, Invocation};
use super::engine::{ConsoleLine, EnvironmentSpec, InitFailure, InvokeResult, Outcome};
use super::record::{FunctionError, StreamChunk, StreamedResponse, now_ms};

/// How an external environment's process is started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessLaunch {
    /// The Lambda runtime identifier, e.g. `python3.13`.
    pub runtime: String,
    /// The interpreter found for Python and Node runtimes (None for custom runtimes), or
    /// why none was found.
    pub interpreter: Result<Option<launch::Interpreter>, LaunchError>,
}

impl ProcessLaunch {
    /// Looks the interpreter up now (once per program and path), so asking a version
    /// manager's shim where python lives is not counted as the function's init.
    pub fn new(runtime: &str, explicit: Option<&Path>) -> Self {
        let interpreter = match Family::of_runtime(runtime) {
            Some(Family::Provided) => Ok(None),
            Some(family) => find_interpreter(family, explicit).map(Some),
            None => Err(LaunchError::UnknownRuntime {
                runtime: runtime.to_owned(),
            }),
        };
        Self {
            runtime: runtime.to_owned(),
            interpreter,
        }
    }
}

/// Process groups of every live runtime process, so the app can end them all when it quits
/// even while an environment's thread is busy waiting on one.
fn live_groups() -> &'static Mutex<BTreeSet<u32>> {
    static LIVE: OnceLock<Mutex<BTreeSet<u32>>> = OnceLock::new();
    LIVE.get_or_init(|| Mutex::new(BTreeSet::new()))
}

fn kill_group(group: u32) {
    if let Some(pid) = rustix::process::Pid::from_raw(group as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// Set when the app is quitting: no new runtime process may start after it.
static SHUTTING_DOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether [`end_all_processes`] has been called: work still queued should be dropped.
pub fn shutting_down() -> bool {
    SHUTTING_DOWN.load(std::sync::atomic::Ordering::SeqCst)
}

/// Ends every runtime process the app started (by process group), and returns how many
/// groups there were; from then on no new one starts. Called when the app quits, when
/// `serve` stops and when a CLI command ends; the environments' own threads then see their
/// processes gone.
pub fn end_all_processes() -> usize {
    let groups: Vec<u32> = live_groups()
        .lock()
        .map(|mut live| {
            // Under the lock, so a process being registered now is refused (see `init`).
            SHUTTING_DOWN.store(true, std::sync::atomic::Ordering::SeqCst);
            std::mem::take(&mut *live).into_iter().collect()
        })
        .unwrap_or_default();
    for group in &groups {
        kill_group(*group);
    }
    groups.len()
}

/// How many runtime processes are alive now.
pub fn live_process_count() -> usize {
    live_groups().lock().map_or(0, |live| live.len())
}

/// How often the waiting thread looks at the process, its output and its memory while no
/// Runtime API request arrives (a request wakes it at once).
const TICK: Duration = Duration::from_millis(2);

/// A live runtime process and its endpoint.
pub struct ProcessEnvironment {
    child: Child,
    /// Set once the runtime has been reaped.
    reaped: Option<ExitStatus>,
    endpoint: Endpoint,
    output: Output,
    memory_limit_bytes: u64,
    invoked_function_arn: String,
    peak_bytes: u64,
    /// Lines printed during init, until the pool takes them.
    init_console: Vec<ConsoleLine>,
    /// The folder behind TMPDIR: shared with the pool, which keeps it across a reset.
    _tmp: Arc<tempfile::TempDir>,
    /// Where the shipped bootstrap is written (LAMBDA_RUNTIME_DIR).
    _runtime_dir: tempfile::TempDir,
}

/// The process's stdout and stderr, read without blocking, split into lines.
struct Output {
    streams: Vec<(Box<dyn Read + Send>, Vec<u8>)>,
    lines: Vec<ConsoleLine>,
}

impl Output {
    /// Fails when a pipe cannot be made non-blocking: reading it could then hang the
    /// environment's thread past any deadline.
    fn new(stdout: Option<ChildStdout>, stderr: Option<ChildStderr>) -> Result<Self, String> {
        let mut streams: Vec<(Box<dyn Read + Send>, Vec<u8>)> = Vec::new();
        let non_blocking = |fd: rustix::fd::BorrowedFd<'_>| {
            rustix::fs::fcntl_setfl(fd, rustix::fs::OFlags::NONBLOCK)
                .map_err(|error| format!("could not read the runtime's output: {error}"))
        };
        if let Some(stdout) = stdout {
            non_blocking(std::os::fd::AsFd::as_fd(&stdout))?;
            streams.push((Box::new(stdout), Vec::new()));
        }
        if let Some(stderr) = stderr {
            non_blocking(std::os::fd::AsFd::as_fd(&stderr))?;
            streams.push((Box::new(stderr), Vec::new()));
        }
        Ok(Self {
            streams,
            lines: Vec::new(),
        })
    }

    /// Reads whatever the pipes hold now. Everything the runtime printed before a Runtime
    /// API request is in the pipe when the request arrives, so draining after each request
    /// puts each line in the right invocation.
    fn drain(&mut self) {
        let mut buffer = [0u8; 16 * 1024];
        for (stream, partial) in &mut self.streams {
            loop {
                match stream.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(read) => partial.extend_from_slice(&buffer[..read]),
                    Err(_) => break, // WouldBlock: nothing more for now
                }
            }
            while let Some(end) = partial.iter().position(|&byte| byte == b'\n') {
                let line: Vec<u8> = partial.drain(..=end).collect();
                self.lines.push(printed_line(&line[..line.len() - 1]));
            }
        }
    }

    /// At the end of the process: a last line without a newline counts too.
    fn finish(&mut self) {
        self.drain();
        for (_, partial) in &mut self.streams {
            if !partial.is_empty() {
                let line = std::mem::take(partial);
                self.lines.push(printed_line(&line));
            }
        }
    }

    fn take(&mut self) -> Vec<ConsoleLine> {
        std::mem::take(&mut self.lines)
    }
}

/// One line as CloudWatch shows it: the runtimes write a multi-line message as one line
/// with `\r` between its lines, and CloudWatch shows it as one event.
fn printed_line(bytes: &[u8]) -> ConsoleLine {
    let text = String::from_utf8_lossy(bytes).replace('\r', "\n");
    ConsoleLine::printed(now_ms(), text)
}

/// What ended a wait.
enum Waited<T> {
    Got(T),
    Exited(ExitStatus),
    DeadlinePassed,
    OverMemory,
}

fn failure(error_type: &str, message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: message.into(),
        trace: Vec::new(),
        document: None,
    }
}

/// `exit status 3` or `signal: killed`, as Lambda words a runtime's end.
pub fn exit_words(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.code() {
        // Lambda's words when a runtime ends cleanly in the middle of an invoke.
        Some(0) => return "Runtime exited without providing a reason".to_owned(),
        Some(code) => return format!("exit status {code}"),
        None => {}
    }
    let name = match status.signal() {
        Some(9) => "killed",
        Some(6) => "aborted",
        Some(11) => "segmentation fault",
        Some(15) => "terminated",
        Some(2) => "interrupt",
        Some(other) => return format!("signal: {other}"),
        None => "unknown",
    };
    format!("signal: {name}")
}

impl ProcessEnvironment {
    /// Starts the runtime process and waits until it asks for its first event (the end of
    /// INIT), until it reports an init error, exits, or `init_deadline` passes.
    pub fn init(
        spec: &EnvironmentSpec,
        launch: &ProcessLaunch,
        init_deadline: Instant,
    ) -> Result<Self, InitFailure> {
        let fail = |error: FunctionError, console: Vec<ConsoleLine>| InitFailure {
            error,
            console,
            out_of_memory: false,
            timed_out: false,
        };
        let endpoint = Endpoint::start()
            .map_err(|error| fail(failure("Runtime.Unknown", error.to_string()), Vec::new()))?;
        let tmp = match spec.tmp.clone() {
            Some(shared) => shared,
            None => Arc::new(
                temp_dir("lambda-lab-tmp-")
                    .map_err(|error| fail(failure("Runtime.Unknown", error), Vec::new()))?,
            ),
        };
        let runtime_dir = temp_dir("lambda-lab-runtime-")
            .map_err(|error| fail(failure("Runtime.Unknown", error), Vec::new()))?;
        let mut command = build_command(spec, launch, runtime_dir.path())
            .map_err(|error| fail(error, Vec::new()))?;
        command
            .env_clear()
            .envs(environment(
                spec,
                launch,
                &endpoint,
                tmp.path(),
                runtime_dir.path(),
            ))
            .current_dir(&spec.task_root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Its own process group, so a timeout ends every process the runtime started.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().map_err(|error| {
            fail(
                failure(
                    "Runtime.InvalidEntrypoint",
                    format!("could not start the runtime process: {error}"),
                ),
                Vec::new(),
            )
        })?;
        let registered = live_groups().lock().map(|mut live| {
            if shutting_down() {
                false
            } else {
                live.insert(child.id());
                true
            }
        });
        if !matches!(registered, Ok(true)) {
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            return Err(fail(
                failure("Runtime.Unknown", "Lambda Lab is shutting down"),
                Vec::new(),
            ));
        }
        let output = match Output::new(child.stdout.take(), child.stderr.take()) {
            Ok(output) => output,
            Err(error) => {
                kill_group(child.id());
                let _ = child.kill();
                let _ = child.wait();
                if let Ok(mut live) = live_groups().lock() {
                    live.remove(&child.id());
                }
                return Err(fail(failure("Runtime.Unknown", error), Vec::new()));
            }
        };
        let mut environment = Self {
            child,
            reaped: None,
            endpoint,
            output,
            memory_limit_bytes: u64::from(spec.memory_size_mb) * 1024 * 1024,
            invoked_function_arn: spec.invoked_function_arn.clone(),
            peak_bytes: 0,
            init_console: Vec::new(),
            _tmp: tmp,
            _runtime_dir: runtime_dir,
        };
        let waited = environment.wait(init_deadline, |event| match event {
            ApiEvent::NextPolled => Some(Ok(())),
            ApiEvent::InitError(error) => Some(Err(error)),
            _ => None,
        });
        let init_failure = |error: FunctionError, environment: &mut Self| {
            environment.kill();
            let console = environment.output.take();
            fail(error, console)
        };
        match waited {
            Waited::Got(Ok(())) => {
                environment.init_console = environment.output.take();
                Ok(environment)
            }
            Waited::Got(Err(error)) => Err(init_failure(error, &mut environment)),
            Waited::Exited(status) => Err(init_failure(
                failure(
                    "Runtime.ExitError",
                    format!("Runtime exited with error: {}", exit_words(status)),
                ),
                &mut environment,
            )),
            Waited::DeadlinePassed => {
                let mut failed = init_failure(
                    failure("Sandbox.Timedout", "INIT phase timed out"),
                    &mut environment,
                );
                failed.timed_out = true;
                Err(failed)
            }
            Waited::OverMemory => {
                let mut failed = init_failure(
                    failure(
                        "Runtime.OutOfMemory",
                        "Runtime exited with error: signal: killed",
                    ),
                    &mut environment,
                );
                failed.out_of_memory = true;
                Err(failed)
            }
        }
    }

    /// What init printed.
    pub fn take_console(&mut self) -> Vec<ConsoleLine> {
        std::mem::take(&mut self.init_console)
    }

    /// The runtime's Runtime API requests since the last call.
    pub fn take_exchanges(&self) -> Vec<Exchange> {
        self.endpoint.take_exchanges()
    }

    /// Peak resident memory of the process tree, in MB (rounded up, as Lambda reports).
    pub fn memory_used_mb(&self) -> u32 {
        self.peak_bytes.div_ceil(1024 * 1024) as u32
    }

    /// Hands one event to the runtime and waits for its answer. After anything but a
    /// response or a function error the process is gone and the environment must be dropped.
    pub fn invoke(
        &mut self,
        request_id: &str,
        event_json: &Arc<str>,
        deadline: Instant,
    ) -> InvokeResult {
        let started = Instant::now();
        let deadline_epoch_ms =
            now_ms() + deadline.saturating_duration_since(started).as_millis() as u64;
        let submitted = self.endpoint.submit(Invocation {
            request_id: request_id.to_owned(),
            event_json: Arc::clone(event_json),
            deadline_epoch_ms,
            invoked_function_arn: self.invoked_function_arn.clone(),
            trace_id: trace_id(request_id),
            client_context: None,
            cognito_identity: None,
        });
        let waited = if submitted {
            self.wait(deadline, |event| match event {
                ApiEvent::Response {
                    request_id: id,
                    body,
                    stream_error,
                    streamed,
                } if id == request_id => Some(match (streamed, stream_error) {
                    (Some(streamed), error) => Outcome::Streamed {
                        response: StreamedResponse {
                            content_type: streamed.content_type,
                            chunks: streamed
                                .chunks
                                .into_iter()
                                .map(|(at, bytes)| StreamChunk {
                                    at_ms: at.saturating_duration_since(started).as_secs_f64()
                                        * 1000.0,
                                    bytes,
                                })
                                .collect(),
                        },
                        error,
                    },
                    (None, Some(error)) => Outcome::FunctionError(error),
                    (None, None) => Outcome::Response(String::from_utf8_lossy(&body).into_owned()),
                }),
                ApiEvent::ResponseTooLarge { request_id: id, .. } if id == request_id => {
                    Some(Outcome::FunctionError(failure(
                        "Function.ResponseSizeTooLarge",
                        "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                    )))
                }
                ApiEvent::Error {
                    request_id: id,
                    error,
                } if id == request_id => Some(Outcome::FunctionError(error)),
                _ => None,
            })
        } else {
            Waited::Exited(self.kill())
        };
        let mut ended = false;
        let waited = match waited {
            // The invoke ends when the runtime asks for the next event, as on Lambda: what it
            // prints or does after answering still belongs to this invoke (and is billed), and
            // a runtime that quits after answering leaves no environment to reuse.
            Waited::Got(outcome) => match self.wait(deadline, |event| {
                matches!(event, ApiEvent::NextPolled).then_some(())
            }) {
                Waited::Got(()) => Waited::Got(outcome),
                Waited::Exited(_) => {
                    ended = true;
                    Waited::Got(outcome)
                }
                Waited::DeadlinePassed => Waited::DeadlinePassed,
                Waited::OverMemory => Waited::OverMemory,
            },
            other => other,
        };
        let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        let outcome = match waited {
            Waited::Got(outcome) => outcome,
            Waited::Exited(status) => Outcome::RuntimeExit(exit_words(status)),
            Waited::DeadlinePassed => {
                self.kill();
                Outcome::Timeout
            }
            Waited::OverMemory => {
                self.kill();
                Outcome::OutOfMemory
            }
        };
        if ended || !matches!(outcome, Outcome::Response(_) | Outcome::FunctionError(_)) {
            self.output.finish();
        }
        InvokeResult {
            outcome,
            duration_ms,
            waiting_ms: 0.0,
            console: self.output.take(),
            max_memory_used_mb: self.memory_used_mb(),
            exchanges: self.endpoint.take_exchanges(),
            ended,
        }
    }

    /// Waits for the event `wanted` picks, watching the process, its output and memory.
    fn wait<T>(
        &mut self,
        deadline: Instant,
        mut wanted: impl FnMut(ApiEvent) -> Option<T>,
    ) -> Waited<T> {
        loop {
            let now = Instant::now();
            if now >= deadline {
                self.output.drain();
                return Waited::DeadlinePassed;
            }
            if let Some(event) = self.endpoint.next_event(TICK.min(deadline - now)) {
                self.output.drain();
                if let Some(found) = wanted(event) {
                    self.measure();
                    return Waited::Got(found);
                }
                continue;
            }
            self.output.drain();
            if self.measure() > self.memory_limit_bytes {
                return Waited::OverMemory;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // The runtime is reaped: end what it left in its group now (the group id
                // stays valid while a member lives), and never signal that pid again.
                self.forget(status);
                // A post that raced the exit still counts.
                while let Some(event) = self.endpoint.next_event(Duration::ZERO) {
                    if let Some(found) = wanted(event) {
                        return Waited::Got(found);
                    }
                }
                self.output.finish();
                return Waited::Exited(status);
            }
        }
    }

    /// Reads the tree's peak memory; returns it.
    fn measure(&mut self) -> u64 {
        let now = memory::peak_tree_bytes(self.child.id());
        self.peak_bytes = self.peak_bytes.max(now);
        now
    }

    /// Ends the whole process group and reaps the runtime (once: a reaped pid may belong
    /// to another process by now, so it is never signalled again).
    fn kill(&mut self) -> ExitStatus {
        if let Some(status) = self.reaped {
            return status;
        }
        kill_group(self.child.id());
        let _ = self.child.kill();
        let status = self
            .child
            .wait()
            .unwrap_or_else(|_| std::os::unix::process::ExitStatusExt::from_raw(9));
        self.forget(status);
        status
    }

    /// The runtime has been reaped with `status`: its group is ended and it leaves the list
    /// of live processes.
    fn forget(&mut self, status: ExitStatus) {
        if self.reaped.is_none() {
            kill_group(self.child.id());
        }
        self.reaped = Some(status);
        if let Ok(mut live) = live_groups().lock() {
            live.remove(&self.child.id());
        }
    }
}

impl Drop for ProcessEnvironment {
    fn drop(&mut self) {
        self.kill();
    }
}

fn temp_dir(prefix: &str) -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map_err(|error| format!("could not create a folder for the environment: {error}"))
}

/// An X-Ray trace header, derived from the request id (no tracing happens here).
fn trace_id(request_id: &str) -> String {
    let hex: String = request_id.chars().filter(char::is_ascii_hexdigit).collect();
    let epoch_secs = now_ms() / 1000;
    format!(
        "Root=1-{epoch_secs:08x}-{};Parent={};Sampled=0;Lineage=1:{}:0",
        hex.get(..24).unwrap_or("000000000000000000000000"),
        hex.get(16..32).unwrap_or("0000000000000000"),
        hex.get(..8).unwrap_or("00000000"),
    )
}

/// The program to start, and its arguments.
fn build_command(
    spec: &EnvironmentSpec,
    launch: &ProcessLaunch,
    runtime_dir: &Path,
) -> Result<Command, FunctionError> {
    let family = Family::of_runtime(&launch.runtime).ok_or_else(|| {
        failure(
            "Runtime.InvalidRuntime",
            LaunchError::UnknownRuntime {
                runtime: launch.runtime.clone(),
            }
            .to_string(),
        )
    })?;
    let bootstrap = |name: &str, text: &str| -> Result<PathBuf, FunctionError> {
        let path = runtime_dir.join(name);
        std::fs::write(&path, text).map_err(|error| {
            failure(
                "Runtime.Unknown",
                format!("could not write the runtime's bootstrap: {error}"),
            )
        })?;
        Ok(path)
    };
    match family {
        Family::Python | Family::Node => {
            let interpreter = match &launch.interpreter {
                Ok(Some(found)) => found.clone(),
                Ok(None) => find_interpreter(family, None)
                    .map_err(|error| failure("Runtime.InvalidEntrypoint", error.to_string()))?,
                Err(error) => return Err(failure("Runtime.InvalidEntrypoint", error.to_string())),
            };
            let script = if family == Family::Python {
                bootstrap("bootstrap.py", launch::PYTHON_BOOTSTRAP)?
            } else {
                bootstrap("bootstrap.mjs", launch::NODE_BOOTSTRAP)?
            };
            let mut command = Command::new(interpreter.executable);
            command.arg(script);
            Ok(command)
        }
        Family::Provided => {
            // Lambda looks in the task root, then in the layers' /opt (the last layer wins).
            let candidates = std::iter::once(spec.task_root.join("bootstrap")).chain(
                spec.layers
                    .iter()
                    .rev()
                    .map(|layer| layer.join("bootstrap")),
            );
            let found = candidates
                .into_iter()
                .find(|path| is_executable(path))
                .ok_or_else(|| {
                    failure(
                        "Runtime.InvalidEntrypoint",
                        launch::missing_bootstrap_message(),
                    )
                })?;
            Ok(Command::new(found))
        }
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Lambda's variables for the process, with its paths pointed at this machine's folders:
/// the task root, the layers as /opt, and a private TMPDIR. Nothing of the app's own
/// environment (or the user's credentials) is passed on.
fn environment(
    spec: &EnvironmentSpec,
    launch: &ProcessLaunch,
    endpoint: &Endpoint,
    tmp: &Path,
    runtime_dir: &Path,
) -> BTreeMap<String, String> {
    let mut variables = spec.environment.clone();
    let task_root = spec.task_root.display().to_string();
    let join = |paths: Vec<PathBuf>| -> String {
        paths
            .iter()
            .map(|path| path.display().to_string())
            .collect::<Vec<_>>()
            .join(":")
    };
    // The last layer first: its copy of a file is the one extracted last into /opt, so the
    // one found. (Search paths approximate one merged /opt per package folder.)
    let layers: Vec<&PathBuf> = spec.layers.iter().rev().collect();
    let under_layers =
        |sub: &str| -> Vec<PathBuf> { layers.iter().map(|layer| layer.join(sub)).collect() };
    let mut path = under_layers("bin");
    if let Ok(Some(interpreter)) = &launch.interpreter
        && let Some(folder) = interpreter.executable.parent()
    {
        path.push(folder.to_path_buf());
    }
    path.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    let mut libraries = vec![spec.task_root.clone(), spec.task_root.join("lib")];
    libraries.extend(under_layers("lib"));
    variables.insert("PATH".into(), join(path));
    variables.insert("LD_LIBRARY_PATH".into(), join(libraries));
    variables.insert("AWS_LAMBDA_RUNTIME_API".into(), endpoint.host_port());
    variables.insert("LAMBDA_TASK_ROOT".into(), task_root);
    variables.insert(
        "LAMBDA_RUNTIME_DIR".into(),
        runtime_dir.display().to_string(),
    );
    variables.insert("TMPDIR".into(), tmp.display().to_string());
    match Family::of_runtime(&launch.runtime) {
        Some(Family::Python) => {
            // /opt/python and /opt/python/lib/pythonX.Y/site-packages, as Lambda's sys.path.
            let mut python = under_layers("python");
            for layer in &layers {
                if let Ok(entries) = std::fs::read_dir(layer.join("python/lib")) {
                    python.extend(
                        entries
                            .flatten()
                            .map(|entry| entry.path().join("site-packages")),
                    );
                }
            }
            variables.insert("PYTHONPATH".into(), join(python));
            // Lambda's /var/task and /opt are read-only, so Python writes no __pycache__
            // there; here they are the learner's and the app's folders, which must stay clean.
            variables.insert("PYTHONDONTWRITEBYTECODE".into(), "1".into());
        }
        Some(Family::Node) => {
            variables.insert(
                "NODE_PATH".into(),
                join(under_layers("nodejs/node_modules")),
            );
        }
        _ => {
            variables.remove("NODE_PATH");
        }
    }
    variables
}
