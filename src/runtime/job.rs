//! One invoke job, run the same way for every caller (the CLI's `invoke`, the Playground and
//! its Try it actions): an event sent `repeat` times in a row, `concurrency` at once each time,
//! as RequestResponse, Event or DryRun. DryRun is answered here, once, for everyone.

use std::sync::Arc;

use super::config::{FunctionConfig, describe};
use super::pool::{AsyncInvocation, Pool};
use super::record::InvocationRecord;
use crate::model::lambda::InvocationType;

/// One click of Invoke (or one `lambda-lab invoke`).
#[derive(Clone, Debug)]
pub struct InvokeJob {
    pub config: FunctionConfig,
    /// Shared, not copied: every invoke of the job reads the same text.
    pub event_json: Arc<str>,
    /// Invokes in a row (at least 1).
    pub repeat: u32,
    /// Invokes at the same moment, each time (at least 1).
    pub concurrency: u32,
    pub invocation_type: InvocationType,
}

/// What a job produced, in order.
#[derive(Clone, Debug, Default)]
pub struct JobResult {
    /// Synchronous invokes (RequestResponse), or every attempt of asynchronous ones.
    pub records: Vec<InvocationRecord>,
    /// Asynchronous invokes (Event): 202 or 413, attempts and failures, one per event sent.
    pub asynchronous: Vec<AsyncInvocation>,
    /// DryRun: the request and the settings were valid (HTTP 204); nothing ran.
    pub dry_run: bool,
}

impl JobResult {
    /// The text AWS's API gives a DryRun: nothing ran.
    pub const DRY_RUN_MESSAGE: &'static str =
        "DryRun: the request and the function's settings are valid (HTTP 204); nothing ran.";
}

/// Why a job could not start: settings AWS would refuse, worded as AWS words them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidJob(pub String);

impl InvokeJob {
    /// Checks the settings as CreateFunction would.
    pub fn validate(&self) -> Result<(), InvalidJob> {
        let errors = self.config.validate();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InvalidJob(describe(&errors)))
        }
    }
}

/// Keeps one pool between jobs: warm environments survive from one job to the next while the
/// configuration stays the same; a changed configuration retires them, and the next invoke
/// starts cold for that reason, as on Lambda.
#[derive(Default)]
pub struct Pools {
    pool: Option<Pool>,
}

impl Pools {
    /// The pool for `config`, made or replaced as needed.
    pub fn for_config(&mut self, config: &FunctionConfig) -> &mut Pool {
        match self.pool.take() {
            Some(existing) if existing.config() == config => self.pool.insert(existing),
            Some(_) => self.pool.insert(Pool::after_config_change(config.clone())),
            None => self.pool.insert(Pool::new(config.clone())),
        }
    }
}

/// Runs `job` to the end on this thread. `stop` is asked between invokes (an invoke itself
/// runs until it answers or times out, as on Lambda); `progress` gets the invokes done so far.
pub fn run(
    pools: &mut Pools,
    job: &InvokeJob,
    stop: &dyn Fn() -> bool,
    progress: &dyn Fn(u32),
) -> Result<JobResult, InvalidJob> {
    job.validate()?;
    let mut result = JobResult::default();
    if job.invocation_type == InvocationType::DryRun {
        result.dry_run = true;
        return Ok(result);
    }
    let pool = pools.for_config(&job.config);
    if let Some(refusal) = pool.refused() {
        return Err(InvalidJob(refusal.to_string()));
    }
    let concurrency = job.concurrency.max(1);
    let mut done = 0;
    for _ in 0..job.repeat.max(1) {
        if stop() {
            break;
        }
        match job.invocation_type {
            InvocationType::Event => {
                for _ in 0..concurrency {
                    let invocation = pool.invoke_event(&job.event_json);
                    result.records.extend(invocation.attempts.iter().cloned());
                    result.asynchronous.push(invocation);
                }
            }
            InvocationType::RequestResponse | InvocationType::DryRun => {
                let batch = vec![Arc::clone(&job.event_json); concurrency as usize];
                result.records.extend(pool.invoke_batch(&batch));
            }
        }
        done += concurrency;
        progress(done);
    }
    Ok(result)
}
