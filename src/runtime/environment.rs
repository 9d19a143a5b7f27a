//! One execution environment's thread: whatever runs the handler (the embedded engine or a
//! runtime process), initialised on the first request and then serving one request at a
//! time, as a Lambda execution environment does. The pool talks to it through two
//! one-slot channels.

use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::engine::{
    ConsoleLine, EnvironmentSpec, InitFailure, InvokeResult, InvokeWatch, JsEnvironment, Outcome,
};
use super::external::ProcessEnvironment;
use super::record::now_ms;
use crate::model::limits::INIT_PHASE_LIMIT;

pub(crate) struct Request {
    pub(crate) request_id: String,
    pub(crate) event_json: Arc<str>,
    pub(crate) timeout: Duration,
    /// Provisioned concurrency: initialise now and answer, without an invoke.
    pub(crate) init_only: bool,
    /// The pool sends requests one at a time: poll for the next one after answering.
    pub(crate) poll_next: bool,
}

pub(crate) struct Reply {
    pub(crate) init: Option<Result<f64, InitFailure>>,
    /// What top-level code printed during a successful init.
    pub(crate) init_console: Vec<ConsoleLine>,
    pub(crate) result: Option<InvokeResult>,
    /// False when the environment died (timeout, out of memory, failed init, exit).
    pub(crate) alive: bool,
}

impl Reply {
    /// What the pool assumes when an environment's thread is gone without replying.
    pub(crate) fn lost() -> Self {
        Self {
            init: None,
            init_console: Vec::new(),
            result: None,
            alive: false,
        }
    }
}

/// What runs the handler inside one environment.
enum Runner {
    Embedded(JsEnvironment),
    Process(ProcessEnvironment),
}

impl Runner {
    fn init(spec: &EnvironmentSpec, deadline: Instant) -> Result<Self, InitFailure> {
        match &spec.process {
            Some(launch) => ProcessEnvironment::init(spec, launch, deadline).map(Self::Process),
            None => JsEnvironment::init(spec.clone(), deadline).map(Self::Embedded),
        }
    }

    fn take_console(&mut self) -> Vec<ConsoleLine> {
        match self {
            Self::Embedded(engine) => engine.take_console(),
            Self::Process(process) => process.take_console(),
        }
    }

    fn invoke(
        &mut self,
        request_id: &str,
        event_json: &Arc<str>,
        deadline: Instant,
    ) -> InvokeResult {
        match self {
            Self::Embedded(engine) => engine.invoke(request_id, event_json, deadline),
            Self::Process(process) => process.invoke(request_id, event_json, deadline),
        }
    }

    /// Frees the last invoke's event and answer while the pool builds the record.
    fn release_invoke(&mut self) {
        if let Self::Embedded(engine) = self {
            engine.release_invoke();
        }
    }
}

/// How long a waiting thread polls before it sleeps on the channel. A warm invoke takes
/// well under this, and a thread that is awake when the reply comes needs no wake-up call:
/// on this machine waking a sleeping thread cost about a third of a warm invoke (perf).
const REPLY_SPIN: Duration = Duration::from_micros(500);

/// How long past an invoke's deadline the pool waits for the engine's own answer before it
/// reports the timeout itself and abandons the environment (an engine deep in one long native
/// call, such as filling a 50 MB array, only notices its deadline between instructions).
const BACKSTOP_GRACE_MS: u64 = 20;

/// Waits for an environment's reply, like [`receive_soon`] (polling first when `poll`), but gives up once the invoke in
/// progress is [`BACKSTOP_GRACE_MS`] past its deadline: then it tells the engine to stop and
/// returns `None`.
pub(crate) fn receive_or_abandon(
    receiver: &mpsc::Receiver<Reply>,
    watch: &InvokeWatch,
    poll: bool,
) -> Option<Reply> {
    let started = Instant::now();
    for polls in 0u32.. {
        if !poll {
            break;
        }
        match receiver.try_recv() {
            Ok(reply) => return Some(reply),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            // As in receive_soon: the clock is read every 64th poll only.
            Err(mpsc::TryRecvError::Empty) if polls % 64 != 0 || started.elapsed() < REPLY_SPIN => {
                std::hint::spin_loop();
            }
            Err(mpsc::TryRecvError::Empty) => break,
        }
    }
    loop {
        match receiver.recv_timeout(Duration::from_millis(5)) {
            Ok(reply) => return Some(reply),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let deadline_ms = watch.deadline_ms.load(Ordering::SeqCst);
                if deadline_ms != 0 && now_ms() > deadline_ms + BACKSTOP_GRACE_MS {
                    watch.stop.store(true, Ordering::SeqCst);
                    return None;
                }
            }
        }
    }
}

/// The reply for an environment the pool gave up on at its deadline (the engine was stuck in
/// a native call, or its thread is gone): a timeout, as Lambda reports one, and no environment
/// left to reuse. What it printed is lost with it.
pub(crate) fn abandoned_reply(watch: &InvokeWatch, initialised: bool, timeout_secs: u32) -> Reply {
    if !watch.stop.load(Ordering::SeqCst) {
        return Reply::lost();
    }
    let init_micros = watch.init_micros.load(Ordering::SeqCst);
    Reply {
        init: (!initialised && init_micros > 0).then(|| Ok(init_micros as f64 / 1000.0)),
        init_console: Vec::new(),
        result: Some(InvokeResult {
            outcome: Outcome::Timeout,
            duration_ms: f64::from(timeout_secs) * 1000.0,
            waiting_ms: 0.0,
            console: Vec::new(),
            max_memory_used_mb: 0,
            exchanges: Vec::new(),
            ended: true,
        }),
        alive: false,
    }
}

/// Waits for a message: polls briefly when `poll` (one thread waiting on another, as in a
/// sequence of invokes, where polling saves a wake-up), then blocks. In a burst a hundred
/// threads wait at once, and polling would take the CPUs from the ones working.
pub(crate) fn receive_soon<T>(
    receiver: &mpsc::Receiver<T>,
    poll: bool,
) -> Result<T, mpsc::RecvError> {
    if poll {
        let started = Instant::now();
        for polls in 0u32.. {
            match receiver.try_recv() {
                Ok(value) => return Ok(value),
                Err(mpsc::TryRecvError::Disconnected) => return Err(mpsc::RecvError),
                // Reading the clock costs more than a poll: look at it every 64th time.
                Err(mpsc::TryRecvError::Empty)
                    if polls % 64 != 0 || started.elapsed() < REPLY_SPIN =>
                {
                    std::hint::spin_loop();
                }
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
    }
    receiver.recv()
}

/// The body of an environment's thread: init on the first request, then serve requests one
/// at a time until the pool drops the sender or the environment dies.
pub(crate) fn environment_thread(
    spec: EnvironmentSpec,
    requests: mpsc::Receiver<Request>,
    replies: mpsc::SyncSender<Reply>,
) {
    let mut environment: Option<Runner> = None;
    // Polls briefly before sleeping when invokes come one at a time (repeat N), so the next
    // needs no wake-up.
    let mut poll = false;
    while let Ok(request) = receive_soon(&requests, poll) {
        poll = request.poll_next;
        let mut init = None;
        let mut init_console = Vec::new();
        if environment.is_none() {
            let started = Instant::now();
            match Runner::init(
                &spec,
                started + INIT_PHASE_LIMIT.min(request.timeout.max(INIT_PHASE_LIMIT)),
            ) {
                Ok(mut ready) => {
                    let init_ms = started.elapsed().as_secs_f64() * 1000.0;
                    spec.watch
                        .init_micros
                        .store((init_ms * 1000.0) as u64, Ordering::SeqCst);
                    init = Some(Ok(init_ms));
                    init_console = ready.take_console();
                    environment = Some(ready);
                }
                Err(failure) => {
                    let _ = replies.send(Reply {
                        init: Some(Err(failure)),
                        ..Reply::lost()
                    });
                    return;
                }
            }
        }
        if request.init_only {
            let _ = replies.send(Reply {
                init,
                init_console,
                result: None,
                alive: true,
            });
            continue;
        }
        let Some(ready) = environment.as_mut() else {
            return;
        };
        // The engine can be stuck where it cannot see its deadline; the pool watches for it.
        // A runtime process enforces its own (it is killed at the deadline).
        if matches!(ready, Runner::Embedded(_)) {
            if let Ok(mut streamed) = spec.watch.streamed.lock() {
                streamed.clear();
            }
            let deadline_ms = now_ms() + request.timeout.as_millis() as u64;
            spec.watch.deadline_ms.store(deadline_ms, Ordering::SeqCst);
        }
        let result = ready.invoke(
            &request.request_id,
            &request.event_json,
            Instant::now() + request.timeout,
        );
        spec.watch.deadline_ms.store(0, Ordering::SeqCst);
        let alive = !result.ended
            && matches!(
                result.outcome,
                Outcome::Response(_) | Outcome::FunctionError(_)
            );
        let _ = replies.send(Reply {
            init,
            init_console,
            result: Some(result),
            alive,
        });
        if !alive {
            // Dropping the engine frees its memory, dropping a process kills its group; the
            // pool starts a new one.
            return;
        }
        ready.release_invoke();
    }
}
