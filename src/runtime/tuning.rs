//! The power-tuning sweep: a handler and event at each memory size, one cold invoke (shown
//! apart) and N warm ones, measured by the embedded engine; `model::tuning` turns the
//! measurements into estimates of Lambda's duration and cost. The Cost page runs it on a
//! worker (`jobs/sweep.rs`); every invocation is kept for the session.

use std::path::PathBuf;
use std::sync::Arc;

use super::config::FunctionConfig;
use super::pool::Pool;
use super::record::{InvocationRecord, Status};
use crate::model::lambda::Architecture;
use crate::model::tuning::{Measured, SweepPoint, trimmed_mean};

/// The payload the sweep sends.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepEvent {
    /// JSON text as the page has it (the Playground's event, a saved event).
    Text(Arc<str>),
    /// A sample event's file, read by the sweep's thread (the page never waits on a disk).
    File(PathBuf),
}

/// What the sweep runs.
#[derive(Clone, Debug)]
pub struct SweepJob {
    pub config: FunctionConfig,
    pub event: SweepEvent,
    /// What the page calls the event ("the Playground's event", "s3/put"), for the result.
    pub event_name: String,
    /// Warm invokes per memory size (after the cold one).
    pub runs: u32,
    /// The sizes to run, in MB (checked against Lambda's limits by the page).
    pub memory_mb: Vec<u32>,
    /// The architectures to price each size at. The handler runs once per size: this machine
    /// has one architecture, and the model has no per-architecture speed.
    pub architectures: Vec<Architecture>,
}

/// A finished sweep: one point per memory size that ran, and what failed.
#[derive(Clone, Debug, Default)]
pub struct SweepResult {
    pub handler: String,
    pub event_name: String,
    /// The event could not be read: nothing ran.
    pub event_error: Option<String>,
    pub points: Vec<SweepPoint>,
    /// All sizes' warm runs together: what the estimates scale (see [`SweepPoint::new`]).
    pub pooled: Option<Measured>,
    /// How many warm runs `pooled` comes from.
    pub pooled_runs: usize,
    /// Memory sizes whose invokes failed, with the error type (e.g. out of memory at 128 MB).
    pub failures: Vec<(u32, String)>,
    /// Every invocation of the sweep, in order, for the session.
    pub records: Vec<InvocationRecord>,
}

/// Runs the sweep on this thread; `None` when cancelled.
pub fn run_sweep(
    job: &SweepJob,
    cancelled: &dyn Fn() -> bool,
    mut progress: impl FnMut(f32),
) -> Option<SweepResult> {
    let runs = job.runs.max(1);
    let sizes_asked = &job.memory_mb;
    let total = (sizes_asked.len().max(1) as u32 * (runs + 1)) as f32;
    let mut done = 0.0;
    let mut result = SweepResult {
        handler: job.config.function_name.clone(),
        event_name: job.event_name.clone(),
        ..SweepResult::default()
    };
    let event: Arc<str> = match &job.event {
        SweepEvent::Text(text) => Arc::clone(text),
        SweepEvent::File(path) => match std::fs::read_to_string(path) {
            Ok(text) => Arc::from(text),
            Err(error) => {
                result.event_error = Some(format!(
                    "{} could not be read ({error}); pick another event",
                    path.display()
                ));
                progress(1.0);
                return Some(result);
            }
        },
    };
    // Per size that ran: its memory, its own measurement and cold init.
    let mut sizes = Vec::new();
    let (mut all_compute, mut all_waiting) = (Vec::new(), Vec::new());
    for (position, &memory_mb) in sizes_asked.iter().enumerate() {
        let mut pool = Pool::new(FunctionConfig {
            memory_size_mb: memory_mb,
            ..job.config.clone()
        });
        let mut cold_init_ms = None;
        let mut compute = Vec::new();
        let mut waiting = Vec::new();
        let mut failure = pool.refused().map(ToString::to_string);
        for run in 0..=runs {
            if failure.is_some() {
                break;
            }
            if cancelled() {
                return None;
            }
            let record = pool.invoke_batch(std::slice::from_ref(&event)).remove(0);
            result.records.push(record.clone());
            done += 1.0;
            progress(done / total);
            if record.status != Status::Success {
                failure = Some(
                    record
                        .error
                        .map_or_else(|| format!("{:?}", record.status), |e| e.error_type),
                );
                break;
            }
            if run == 0 {
                cold_init_ms = record.init_duration_ms;
                continue; // the cold invoke is shown apart, not averaged in
            }
            compute.push((record.duration_ms - record.waiting_ms).max(0.0));
            waiting.push(record.waiting_ms);
        }
        if let Some(error) = failure {
            done = f32::max(done, (position as u32 + 1) as f32 * (runs + 1) as f32);
            result.failures.push((memory_mb, error));
            continue;
        }
        if let (Some(compute_ms), Some(waiting_ms)) =
            (trimmed_mean(&compute), trimmed_mean(&waiting))
        {
            let measured = Measured {
                compute_ms,
                waiting_ms,
            };
            sizes.push((memory_mb, measured, cold_init_ms));
            all_compute.extend(compute);
            all_waiting.extend(waiting);
        }
    }
    if let (Some(compute_ms), Some(waiting_ms)) =
        (trimmed_mean(&all_compute), trimmed_mean(&all_waiting))
    {
        let pooled = Measured {
            compute_ms,
            waiting_ms,
        };
        result.pooled = Some(pooled);
        result.pooled_runs = all_compute.len();
        // Architecture by architecture, each in order of memory: the table's order.
        result.points = job
            .architectures
            .iter()
            .flat_map(|architecture| {
                sizes.iter().map(|(memory_mb, measured, cold_init_ms)| {
                    SweepPoint::new(*memory_mb, *measured, pooled, *cold_init_ms, *architecture)
                })
            })
            .collect();
    }
    Some(result)
}
