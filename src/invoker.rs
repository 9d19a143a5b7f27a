//! Runs the Playground's invokes on a worker thread so the window never waits: the worker
//! keeps one pool per function configuration (warm environments survive between clicks; a
//! changed configuration starts cold, as on Lambda), and sends each finished job back with a
//! repaint. Cancel stops waiting: the running invoke finishes or times out in the background,
//! as a Lambda function keeps running when its caller disconnects.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::runtime::config::{FunctionConfig, InvocationType};
use crate::runtime::pool::{AsyncInvocation, Pool};
use crate::runtime::record::InvocationRecord;

/// One click of Invoke: the event, how many times in a row, how many at once, and how.
#[derive(Clone, Debug)]
pub struct InvokeJob {
    pub config: FunctionConfig,
    pub event_json: String,
    pub repeat: u32,
    pub concurrency: u32,
    pub invocation_type: InvocationType,
}

/// What a job produced, in order.
#[derive(Clone, Debug, Default)]
pub struct JobResult {
    /// Synchronous invokes (RequestResponse), or every attempt of asynchronous ones.
    pub records: Vec<InvocationRecord>,
    /// Asynchronous invokes (Event): 202, attempts and failures.
    pub asynchronous: Vec<AsyncInvocation>,
}

struct Request {
    generation: u64,
    job: InvokeJob,
    ctx: egui::Context,
}

struct Done {
    generation: u64,
    result: JobResult,
}

/// The app's handle on the worker.
pub struct Invoker {
    sender: Option<Sender<Request>>,
    results_sender: Sender<Done>,
    results: Receiver<Done>,
    generation: u64,
    running: bool,
    latest: Option<JobResult>,
}

impl Default for Invoker {
    fn default() -> Self {
        let (results_sender, results) = channel();
        Self {
            sender: None,
            results_sender,
            results,
            generation: 0,
            running: false,
            latest: None,
        }
    }
}

impl Invoker {
    /// Starts a job; the result arrives through [`Self::poll`].
    pub fn start(&mut self, ctx: &egui::Context, job: InvokeJob) {
        self.generation += 1;
        let request = Request {
            generation: self.generation,
            job,
            ctx: ctx.clone(),
        };
        let sender = self
            .sender
            .get_or_insert_with(|| spawn(self.results_sender.clone()));
        if let Err(returned) = sender.send(request) {
            // The worker died (it should not): start a fresh one.
            let fresh = spawn(self.results_sender.clone());
            let _ = fresh.send(returned.0);
            self.sender = Some(fresh);
        }
        self.running = true;
    }

    /// Stops waiting for the running job. Its environments are abandoned; the next job
    /// starts a new worker, so it is not queued behind an endless loop.
    pub fn cancel(&mut self) {
        self.generation += 1;
        self.sender = None;
        self.running = false;
    }

    /// Takes a finished job's result, if one arrived; stale results are dropped.
    pub fn poll(&mut self) -> Option<JobResult> {
        while let Ok(done) = self.results.try_recv() {
            if done.generation == self.generation {
                self.running = false;
                self.latest = Some(done.result.clone());
                return Some(done.result);
            }
        }
        None
    }

    pub fn is_running(&self) -> bool {
        self.running
    }
}

fn spawn(results: Sender<Done>) -> Sender<Request> {
    let (sender, requests) = channel::<Request>();
    let spawned = std::thread::Builder::new()
        .name("playground-invoker".to_owned())
        .spawn(move || worker(requests, results));
    if let Err(error) = spawned {
        log::error!("could not start the invoker thread: {error}");
    }
    sender
}

fn worker(requests: Receiver<Request>, results: Sender<Done>) {
    let mut pool: Option<Pool> = None;
    while let Ok(Request {
        generation,
        job,
        ctx,
    }) = requests.recv()
    {
        let pool = match pool.take() {
            Some(existing) if existing.config() == &job.config => pool.insert(existing),
            Some(_) => pool.insert(Pool::after_config_change(job.config.clone())),
            None => pool.insert(Pool::new(job.config.clone())),
        };
        let result = run(pool, &job);
        if results.send(Done { generation, result }).is_err() {
            return;
        }
        ctx.request_repaint();
    }
}

/// Runs one job on `pool`.
pub fn run(pool: &mut Pool, job: &InvokeJob) -> JobResult {
    let mut result = JobResult::default();
    let event: std::sync::Arc<str> = std::sync::Arc::from(job.event_json.as_str());
    for _ in 0..job.repeat.max(1) {
        match job.invocation_type {
            InvocationType::Event => {
                for _ in 0..job.concurrency.max(1) {
                    let invocation = pool.invoke_event(&job.event_json);
                    result.records.extend(invocation.attempts.iter().cloned());
                    result.asynchronous.push(invocation);
                }
            }
            InvocationType::RequestResponse | InvocationType::DryRun => {
                let batch = vec![std::sync::Arc::clone(&event); job.concurrency.max(1) as usize];
                result.records.extend(pool.invoke_batch(&batch));
            }
        }
    }
    result
}
