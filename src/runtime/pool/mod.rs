//! The pool of execution environments for one function, deciding cold or warm the way
//! Lambda does: reuse an idle environment, else start one if under the concurrency limits,
//! else throttle. Each environment is a thread owning one QuickJS engine.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::config::{Executor, FunctionConfig};
use super::engine::{EnvironmentSpec, InvokeWatch};
use super::environment::{Reply, Request, abandoned_reply, environment_thread, receive_or_abandon};
use super::external::ProcessLaunch;
use super::external::launch::Family;
use super::layers::{self, LayerError, PreparedLayers};
pub use super::live::live_stream;

mod build;
use super::live::set_live;
use super::record::{self, FunctionError, InvocationRecord, MeasuredBy, Status, now_ms};
use crate::model::lambda::ColdReason;
use crate::model::limits::{
    ASSUMED_IDLE_LIFETIME, ASYNC_RETRY_DELAYS_SECS, DEFAULT_ACCOUNT_CONCURRENCY, INIT_PHASE_LIMIT,
    MAX_ASYNC_REQUEST_BYTES, MAX_SYNC_REQUEST_BYTES,
};

/// The error type of a runtime process that ended mid-invoke.
const RUNTIME_EXIT_ERROR: &str = "Runtime.ExitError";

pub use crate::model::lambda::{ACCOUNT_ID, REGION};

/// What an asynchronous invoke did.
#[derive(Clone, Debug)]
pub struct AsyncInvocation {
    pub request_id: String,
    /// 202 when Lambda accepted the event; 413 when it was too large to queue.
    pub status_code: u16,
    /// Every attempt in order: the first run and up to two retries, all with one request id.
    pub attempts: Vec<InvocationRecord>,
    /// Set when the last attempt failed too: what an on-failure destination receives.
    pub failure: Option<FailedEvent>,
}

/// An event whose every attempt failed, kept with the original event as Lambda's
/// on-failure destination (or dead-letter queue) would keep it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FailedEvent {
    pub request_id: String,
    pub event_json: String,
    pub error: Option<FunctionError>,
    pub attempts: usize,
    pub failed_at_ms: u64,
}

struct Environment {
    id: u64,
    /// One request at a time goes in and one reply comes back, so both channels hold one
    /// slot and live as long as the environment: nothing is allocated per invoke.
    sender: mpsc::SyncSender<Request>,
    replies: mpsc::Receiver<Reply>,
    last_used: Instant,
    initialised: bool,
    /// Started ahead of traffic by provisioned concurrency: never reclaimed for idleness.
    provisioned: bool,
    /// The folder behind its /tmp: the pool holds it too, so a reset keeps it.
    tmp: Option<Arc<tempfile::TempDir>>,
    /// Its running invoke's deadline, shared with its thread (see [`receive_or_abandon`]).
    watch: Arc<InvokeWatch>,
}

/// Environments for one function.
pub struct Pool {
    config: FunctionConfig,
    task_root: PathBuf,
    handler: String,
    idle: Vec<Environment>,
    next_environment_id: u64,
    /// Why the next cold start happens when no environment is left.
    pending_reason: Option<ColdReason>,
    pub idle_lifetime: Duration,
    pub account_concurrency: u32,
    /// Asynchronous events that failed every attempt, oldest first.
    pub on_failure: Vec<FailedEvent>,
    /// The /tmp of environments that were reset (timeout, out of memory, exit): Lambda
    /// re-initialises such an environment but keeps its /tmp, so the next start uses it.
    reset_tmp: Vec<Arc<tempfile::TempDir>>,
    /// What measures this function's durations (put on every record).
    measured_by: MeasuredBy,
    /// For a process runtime: how its processes start, looked up once for the pool.
    launch: Option<ProcessLaunch>,
    /// The layers as folders to mount at /opt (archives extracted once for the pool).
    layers: PreparedLayers,
    /// Why CreateFunction would have refused the layers (then nothing starts).
    refused: Option<LayerError>,
    /// Invokes sent to an environment and not yet completed: they count against the
    /// concurrency limit.
    busy: usize,
}

/// Where the handler's code is: a file (its folder is the task root) or a folder.
fn task_root_and_handler(config: &FunctionConfig) -> (PathBuf, String) {
    // Module names must be absolute paths for the module loader to resolve imports.
    let code_path = config
        .code_path
        .canonicalize()
        .unwrap_or_else(|_| config.code_path.clone());
    if code_path.is_file() {
        let root = code_path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        (root, config.handler.clone())
    } else {
        (code_path, config.handler.clone())
    }
}

impl Pool {
    pub fn new(config: FunctionConfig) -> Self {
        let (task_root, handler) = task_root_and_handler(&config);
        let mut pool = Self {
            config,
            task_root,
            handler,
            idle: Vec::new(),
            next_environment_id: 1,
            pending_reason: None,
            idle_lifetime: ASSUMED_IDLE_LIFETIME,
            account_concurrency: DEFAULT_ACCOUNT_CONCURRENCY,
            on_failure: Vec::new(),
            reset_tmp: Vec::new(),
            measured_by: MeasuredBy::EmbeddedEngine,
            launch: None,
            layers: PreparedLayers::default(),
            refused: None,
            busy: 0,
        };
        match layers::prepare(&pool.config.layers, &pool.task_root) {
            Ok(prepared) => pool.layers = prepared,
            Err(refusal) => {
                pool.refused = Some(refusal);
                return pool;
            }
        }
        if pool.config.executor == Executor::Process {
            let launch =
                ProcessLaunch::new(&pool.config.runtime, pool.config.interpreter.as_deref());
            pool.measured_by = MeasuredBy::Process(match &launch.interpreter {
                Ok(Some(found)) => format!(
                    "{} {}",
                    Family::of_runtime(&pool.config.runtime).map_or("runtime", Family::language),
                    found.version
                ),
                _ => format!("{}'s bootstrap", pool.config.runtime),
            });
            pool.launch = Some(launch);
        }
        pool.provision();
        pool
    }

    /// A pool replacing one whose code or configuration changed: its first start says so.
    pub fn after_config_change(config: FunctionConfig) -> Self {
        let mut pool = Self::new(config);
        pool.pending_reason = Some(ColdReason::ConfigChange);
        pool
    }

    pub fn config(&self) -> &FunctionConfig {
        &self.config
    }

    /// The runtime's "Invoke Error" line, in the function's log format.
    fn invoke_error_line(&self, request_id: &str, error: &FunctionError) -> String {
        let json_logs = self
            .config
            .environment
            .get("AWS_LAMBDA_LOG_FORMAT")
            .is_some_and(|format| format.eq_ignore_ascii_case("JSON"));
        record::invoke_error_line(json_logs, request_id, error)
    }

    /// Why the function's layers were refused, as Lambda's API would say it (nothing runs then).
    pub fn refused(&self) -> Option<&LayerError> {
        self.refused.as_ref()
    }

    fn spec(
        &self,
        environment_id: u64,
        provisioned: bool,
        tmp: Option<Arc<tempfile::TempDir>>,
        watch: Arc<InvokeWatch>,
    ) -> EnvironmentSpec {
        let name = &self.config.function_name;
        let log_group_name = format!("/aws/lambda/{name}");
        let log_stream_name = format!(
            "{}/[$LATEST]{:032x}",
            record::iso_time(now_ms())
                .get(..10)
                .unwrap_or("")
                .replace('-', "/"),
            environment_id
        );
        let mut environment = BTreeMap::new();
        let lambda_vars = [
            ("AWS_LAMBDA_FUNCTION_NAME", name.clone()),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", self.config.memory_size_mb.to_string()),
            ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned()),
            ("AWS_LAMBDA_LOG_GROUP_NAME", log_group_name.clone()),
            ("AWS_LAMBDA_LOG_STREAM_NAME", log_stream_name.clone()),
            (
                "AWS_LAMBDA_INITIALIZATION_TYPE",
                if provisioned {
                    "provisioned-concurrency"
                } else {
                    "on-demand"
                }
                .to_owned(),
            ),
            ("AWS_REGION", REGION.to_owned()),
            ("AWS_DEFAULT_REGION", REGION.to_owned()),
            ("AWS_EXECUTION_ENV", format!("AWS_Lambda_{}", self.config.runtime)),
            ("_HANDLER", self.handler.clone()),
            ("LAMBDA_TASK_ROOT", "/var/task".to_owned()),
            ("LAMBDA_RUNTIME_DIR", "/var/runtime".to_owned()),
            ("TZ", ":UTC".to_owned()),
            ("LANG", "en_US.UTF-8".to_owned()),
            // Lambda Developer Guide, "Defined runtime environment variables" (checked
            // 2026-12). A runtime process gets this machine's folders in their place.
            ("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin".to_owned()),
            (
                "LD_LIBRARY_PATH",
                "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib".to_owned(),
            ),
            ("NODE_PATH", "/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules".to_owned()),
            // Fake credentials: never the user's real ones.
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned()),
            ("AWS_SESSION_TOKEN", "lambda-lab-local-session".to_owned()),
        ];
        for (key, value) in lambda_vars {
            environment.insert(key.to_owned(), value);
        }
        environment.extend(self.config.environment.clone());
        EnvironmentSpec {
            task_root: self.task_root.clone(),
            // Absolute, as the task root is: a runtime process starts in the task root, where
            // a path relative to the app's folder would point elsewhere.
            layers: self.layers.folders.clone(),
            handler: self.handler.clone(),
            memory_size_mb: self.config.memory_size_mb,
            ephemeral_storage_mb: self.config.ephemeral_storage_mb,
            environment,
            function_name: name.clone(),
            function_version: "$LATEST".to_owned(),
            invoked_function_arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"),
            log_group_name,
            log_stream_name,
            tmp,
            watch,
            process: self.launch.clone(),
        }
    }

    fn start_environment(&mut self, provisioned: bool) -> Environment {
        let id = self.next_environment_id;
        self.next_environment_id += 1;
        let tmp = self
            .reset_tmp
            .pop()
            .or_else(|| super::engine::new_tmp().ok().map(Arc::new));
        let watch = Arc::new(InvokeWatch::default());
        let spec = self.spec(id, provisioned, tmp.clone(), Arc::clone(&watch));
        let (sender, receiver) = mpsc::sync_channel::<Request>(1);
        let (reply_sender, replies) = mpsc::sync_channel::<Reply>(1);
        let spawned = std::thread::Builder::new()
            .name(format!("lambda-env-{id}"))
            // QuickJS's own stack limit is 1 MB; the thread needs room above it.
            .stack_size(16 * 1024 * 1024)
            .spawn(move || environment_thread(spec, receiver, reply_sender));
        if let Err(error) = spawned {
            log::error!("could not start environment thread {id}: {error}");
        }
        Environment {
            id,
            sender,
            replies,
            last_used: Instant::now(),
            initialised: false,
            provisioned,
            tmp,
            watch,
        }
    }

    /// Provisioned concurrency: starts and initialises that many environments now, in
    /// parallel, before any request, so requests they serve are warm. Returns how many are
    /// ready; one whose init failed is dropped (Lambda would report the allocation failed).
    fn provision(&mut self) -> usize {
        let count = self.config.provisioned_concurrency as usize;
        let mut waiting = Vec::with_capacity(count);
        for _ in 0..count {
            let environment = self.start_environment(true);
            let sent = environment.sender.send(Request {
                request_id: String::new(),
                event_json: Arc::from(""),
                timeout: INIT_PHASE_LIMIT,
                init_only: true,
                poll_next: false,
            });
            if sent.is_ok() {
                waiting.push(environment);
            }
        }
        for mut environment in waiting {
            if let Ok(Reply { alive: true, .. }) = environment.replies.recv() {
                environment.initialised = true;
                self.idle.push(environment);
            }
        }
        self.idle.len()
    }

    /// How many provisioned environments are initialised and waiting.
    pub fn provisioned_ready(&self) -> usize {
        self.idle.iter().filter(|env| env.provisioned).count()
    }

    /// Reclaims environments idle longer than the idle lifetime.
    fn reclaim_idle(&mut self) {
        let lifetime = self.idle_lifetime;
        let before = self.idle.len();
        self.idle
            .retain(|env| env.provisioned || env.last_used.elapsed() < lifetime);
        if self.idle.len() < before {
            self.pending_reason = Some(ColdReason::IdleExpiry);
        }
    }

    /// Invokes once per event, all at the same time (each on its own environment when
    /// several are in flight), and returns the records in the events' order.
    ///
    /// Events given as `Arc<str>` reach the environment without being copied (the same event
    /// invoked again and again, as `--repeat` and power tuning do); `String`s are copied
    /// (twice: the clone, then into the `Arc`).
    pub fn invoke_batch<E>(&mut self, events: &[E]) -> Vec<InvocationRecord>
    where
        E: Clone + Into<Arc<str>>,
    {
        let requests: Vec<(String, Arc<str>)> = events
            .iter()
            .map(|event| (new_request_id(), event.clone().into()))
            .collect();
        self.run_batch(&requests, MAX_SYNC_REQUEST_BYTES)
    }

    /// An asynchronous (`Event`) invoke: Lambda queues the event and answers 202 at once,
    /// then runs it; a function error (including a timeout or running out of memory) is
    /// retried twice with the same request id, and an event that fails every attempt goes
    /// to the on-failure list. Lambda waits about 1 and then 2 minutes before the retries;
    /// here they run straight away and the records say when AWS would have run them.
    pub fn invoke_event(&mut self, event_json: &str) -> AsyncInvocation {
        let request_id = new_request_id();
        if event_json.len() > MAX_ASYNC_REQUEST_BYTES {
            let record = self.rejected(
                &request_id,
                now_ms(),
                "RequestEntityTooLargeException",
                &format!(
                    "Request must be smaller than {MAX_ASYNC_REQUEST_BYTES} bytes for the InvokeFunction operation"
                ),
            );
            return AsyncInvocation {
                request_id,
                status_code: 413,
                attempts: vec![record],
                failure: None,
            };
        }
        let event: Arc<str> = Arc::from(event_json);
        let mut attempts = Vec::new();
        for attempt in 0..=ASYNC_RETRY_DELAYS_SECS.len() {
            let record = self
                .run_batch(
                    &[(request_id.clone(), Arc::clone(&event))],
                    MAX_ASYNC_REQUEST_BYTES,
                )
                .remove(0);
            let failed = record.status != Status::Success;
            attempts.push(record);
            if !failed || attempt == ASYNC_RETRY_DELAYS_SECS.len() {
                break;
            }
        }
        let failure = attempts
            .last()
            .filter(|last| last.status != Status::Success)
            .map(|last| FailedEvent {
                request_id: request_id.clone(),
                event_json: event_json.to_owned(),
                error: last.error.clone(),
                attempts: attempts.len(),
                failed_at_ms: now_ms(),
            });
        if let Some(failure) = &failure {
            self.on_failure.push(failure.clone());
        }
        AsyncInvocation {
            request_id,
            status_code: 202,
            attempts,
            failure,
        }
    }

    /// Runs each `(request id, event)` at the same time and returns records in order.
    fn run_batch(
        &mut self,
        requests: &[(String, Arc<str>)],
        max_bytes: usize,
    ) -> Vec<InvocationRecord> {
        self.reclaim_idle();
        // One invoke at a time: the pool and the environment poll for each other's answer. In a
        // burst they sleep instead, leaving the CPUs to the environments at work.
        let one_at_a_time = requests.len() == 1;
        let mut records: Vec<Option<InvocationRecord>> = vec![None; requests.len()];
        let mut in_flight = Vec::new();
        for (index, (request_id, event)) in requests.iter().enumerate() {
            match self.send_to_environment(
                request_id.clone(),
                Arc::clone(event),
                max_bytes,
                one_at_a_time,
            ) {
                Ok(dispatched) => in_flight.push((index, dispatched)),
                Err(refused) => records[index] = Some(*refused),
            }
        }
        for (index, dispatched) in in_flight {
            let finished = dispatched.wait();
            records[index] = Some(self.complete(finished));
        }
        if one_at_a_time {
            set_live(None);
        }
        records.into_iter().flatten().collect()
    }

    /// Sends one synchronous invoke to an environment (an idle one, else a new one while
    /// under the concurrency limit) and returns without waiting, so a server can go on
    /// taking requests while it runs; [`Dispatched::wait`] (on any thread) then
    /// [`Pool::complete`] finish it. `Err` is the record of an invoke Lambda refused
    /// (throttled, too large).
    pub fn dispatch(&mut self, event: Arc<str>) -> Result<Dispatched, Box<InvocationRecord>> {
        self.reclaim_idle();
        self.send_to_environment(new_request_id(), event, MAX_SYNC_REQUEST_BYTES, false)
    }

    fn send_to_environment(
        &mut self,
        request_id: String,
        event: Arc<str>,
        max_bytes: usize,
        poll: bool,
    ) -> Result<Dispatched, Box<InvocationRecord>> {
        let started_at_ms = now_ms();
        if event.len() > max_bytes {
            return Err(Box::new(self.rejected(
                &request_id,
                started_at_ms,
                "RequestEntityTooLargeException",
                &format!(
                    "Request must be smaller than {max_bytes} bytes for the InvokeFunction operation"
                ),
            )));
        }
        let limit = self
            .config
            .reserved_concurrency
            .unwrap_or(self.account_concurrency) as usize;
        // Lambda routes to provisioned environments first, then to on-demand ones.
        let provisioned_at = self.idle.iter().rposition(|env| env.provisioned);
        let reuse = match provisioned_at {
            Some(at) => Some(self.idle.remove(at)),
            None => self.idle.pop(),
        };
        let (environment, cold_reason) = if let Some(environment) = reuse {
            (environment, None)
        } else if self.busy < limit {
            let reason = if self.busy == 0 {
                self.pending_reason
                    .take()
                    .unwrap_or(if self.next_environment_id == 1 {
                        ColdReason::FirstInvoke
                    } else {
                        ColdReason::AllBusy
                    })
            } else {
                ColdReason::AllBusy
            };
            (self.start_environment(false), Some(reason))
        } else {
            let reason = if self.config.reserved_concurrency.is_some() {
                "ReservedFunctionConcurrentInvocationLimitExceeded"
            } else {
                "ConcurrentInvocationLimitExceeded"
            };
            let mut record = self.rejected(
                &request_id,
                started_at_ms,
                "TooManyRequestsException",
                "Rate Exceeded.",
            );
            record.throttle_reason = Some(reason.to_owned());
            return Err(Box::new(record));
        };
        let sent = environment.sender.send(Request {
            request_id: request_id.clone(),
            event_json: event,
            timeout: Duration::from_secs(u64::from(self.config.timeout_secs)),
            init_only: false,
            poll_next: poll,
        });
        if sent.is_err() {
            log::error!("environment {} stopped unexpectedly", environment.id);
        }
        if poll {
            set_live(Some(Arc::clone(&environment.watch)));
        }
        self.busy += 1;
        Ok(Dispatched {
            request_id,
            started_at_ms,
            environment,
            cold_reason,
            poll,
            timeout_secs: self.config.timeout_secs,
        })
    }

    /// The record of a finished invoke; its environment goes back to the idle ones, or is
    /// reset when it died.
    pub fn complete(&mut self, finished: Finished) -> InvocationRecord {
        let Finished {
            dispatched:
                Dispatched {
                    request_id,
                    started_at_ms,
                    mut environment,
                    cold_reason,
                    ..
                },
            reply,
        } = finished;
        self.busy = self.busy.saturating_sub(1);
        let alive = reply.alive;
        let record =
            self.build_record(&request_id, started_at_ms, &environment, cold_reason, reply);
        environment.initialised = true;
        if alive {
            environment.last_used = Instant::now();
            self.idle.push(environment);
            // Most recently used last, so `pop` reuses it first, as Lambda tends to.
            self.idle.sort_by_key(|env| env.last_used);
        } else {
            // Lambda resets the environment: the next invoke starts cold, with its /tmp.
            self.pending_reason = Some(ColdReason::Reset);
            self.reset_tmp.extend(environment.tmp.take());
        }
        record
    }
}

/// An invoke running in its environment (see [`Pool::dispatch`]).
pub struct Dispatched {
    request_id: String,
    started_at_ms: u64,
    environment: Environment,
    cold_reason: Option<ColdReason>,
    poll: bool,
    timeout_secs: u32,
}

impl Dispatched {
    /// Blocks until the environment answers, or until its deadline passes and it is
    /// abandoned; call it off the pool's thread when other invokes must go on meanwhile.
    pub fn wait(self) -> Finished {
        let reply = receive_or_abandon(
            &self.environment.replies,
            &self.environment.watch,
            self.poll,
        )
        .unwrap_or_else(|| {
            abandoned_reply(
                &self.environment.watch,
                self.environment.initialised,
                self.timeout_secs,
            )
        });
        Finished {
            dispatched: self,
            reply,
        }
    }
}

/// An invoke whose environment answered, for [`Pool::complete`].
pub struct Finished {
    dispatched: Dispatched,
    reply: Reply,
}

/// A request id in the UUID form Lambda uses (version 4). The random bits come from a
/// generator seeded once per thread from the OS: asking the OS for every id cost a system
/// call per invoke, and these ids need to be unique, not secret.
fn new_request_id() -> String {
    use rand::{RngCore, SeedableRng};
    thread_local! {
        static IDS: std::cell::RefCell<rand_pcg::Pcg64Mcg> =
            std::cell::RefCell::new(rand_pcg::Pcg64Mcg::from_seed(
                *uuid::Uuid::new_v4().as_bytes(),
            ));
    }
    let mut bytes = [0u8; 16];
    IDS.with(|ids| ids.borrow_mut().fill_bytes(&mut bytes));
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_version_4_uuids() {
        let ids: std::collections::HashSet<String> =
            (0..10_000).map(|_| new_request_id()).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(100) {
            let parsed = uuid::Uuid::parse_str(id).unwrap_or_else(|error| panic!("{id}: {error}"));
            assert_eq!(parsed.get_version_num(), 4, "{id}");
            assert_eq!(id.len(), 36);
        }
    }
}
