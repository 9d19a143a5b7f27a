//! Runs the Cold starts page's simulations on a worker thread, so sliders stay live: the newest
//! inputs always win, a run whose inputs are outdated is cancelled, and the worker asks egui
//! for a repaint when it has news (progress of a long run, or a result). Idle, it sleeps on a
//! condition variable and costs nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::model::scenario::{self, ScenarioError, ScenarioInputs, ScenarioRun};

/// Progress reports closer together than this are dropped: the bar needs no more, and every
/// report costs the UI a frame.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(50);

/// A finished simulation and the inputs it was run for.
#[derive(Debug)]
pub struct Finished {
    pub inputs: ScenarioInputs,
    pub outcome: Result<ScenarioRun, ScenarioError>,
}

/// What the page shows about the worker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activity {
    /// The latest result is for the current inputs.
    Idle,
    /// Simulating the current inputs; `progress` (0 to 1) once the run is long enough to
    /// report any.
    Running { progress: Option<f64> },
}

struct Job {
    generation: u64,
    inputs: ScenarioInputs,
    cancel: Arc<AtomicBool>,
    ctx: egui::Context,
}

#[derive(Default)]
struct Slot {
    job: Option<Job>,
    shutdown: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

impl Shared {
    /// The slot, even if a panicking thread poisoned the lock: it holds plain data.
    fn slot(&self) -> MutexGuard<'_, Slot> {
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

enum Message {
    Progress { generation: u64, fraction: f64 },
    Done { generation: u64, finished: Finished },
}

/// The app's handle on the worker thread (started on the first request).
pub struct SimulationWorker {
    shared: Arc<Shared>,
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    started: bool,
    /// Bumped for every request; messages of older generations are stale.
    generation: u64,
    requested: Option<ScenarioInputs>,
    cancel: Option<Arc<AtomicBool>>,
    running: bool,
    progress: Option<f64>,
    latest: Option<Finished>,
}

impl Default for SimulationWorker {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self {
            shared: Arc::default(),
            sender,
            receiver,
            started: false,
            generation: 0,
            requested: None,
            cancel: None,
            running: false,
            progress: None,
            latest: None,
        }
    }
}

impl SimulationWorker {
    /// Makes sure the latest result is (or will be) for `inputs`: a new request cancels the
    /// running simulation. Asking again for the same inputs does nothing.
    pub fn request(&mut self, ctx: &egui::Context, inputs: &ScenarioInputs) {
        if self.requested.as_ref() == Some(inputs) {
            return;
        }
        if let Some(cancel) = self.cancel.take() {
            cancel.store(true, Ordering::Relaxed);
        }
        self.generation += 1;
        self.requested = Some(inputs.clone());
        self.running = true;
        self.progress = None;
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancel = Some(cancel.clone());
        let job = Job {
            generation: self.generation,
            inputs: inputs.clone(),
            cancel,
            ctx: ctx.clone(),
        };
        if !self.started {
            let shared = self.shared.clone();
            let sender = self.sender.clone();
            let spawned = std::thread::Builder::new()
                .name("simulator".into())
                .spawn(move || work(&shared, &sender));
            match spawned {
                Ok(_) => self.started = true,
                Err(error) => {
                    // Without a thread the UI blocks while simulating, but still works.
                    log::warn!("no thread for the simulator ({error}); simulating inline");
                    let finished = Finished {
                        outcome: scenario::simulate(&job.inputs, &mut |_| true),
                        inputs: job.inputs,
                    };
                    self.latest = Some(finished);
                    self.running = false;
                    return;
                }
            }
        }
        self.shared.slot().job = Some(job);
        self.shared.wake.notify_one();
    }

    /// Takes the worker's news; call once per frame before drawing.
    pub fn poll(&mut self) {
        while let Ok(message) = self.receiver.try_recv() {
            match message {
                Message::Progress {
                    generation,
                    fraction,
                } if generation == self.generation => self.progress = Some(fraction),
                Message::Done {
                    generation,
                    finished,
                } if generation == self.generation => {
                    self.latest = Some(finished);
                    self.running = false;
                    self.progress = None;
                    self.cancel = None;
                }
                _ => {} // from a cancelled request
            }
        }
    }

    /// The newest finished simulation, possibly for older inputs while a new one runs.
    pub fn latest(&self) -> Option<&Finished> {
        self.latest.as_ref()
    }

    pub fn activity(&self) -> Activity {
        if self.running {
            Activity::Running {
                progress: self.progress,
            }
        } else {
            Activity::Idle
        }
    }
}

impl Drop for SimulationWorker {
    fn drop(&mut self) {
        if let Some(cancel) = &self.cancel {
            cancel.store(true, Ordering::Relaxed);
        }
        self.shared.slot().shutdown = true;
        self.shared.wake.notify_all();
    }
}

/// The worker thread: waits for a job, runs it, reports, until the handle is dropped.
fn work(shared: &Shared, sender: &Sender<Message>) {
    loop {
        let job = {
            let mut slot = shared.slot();
            loop {
                if slot.shutdown {
                    return;
                }
                if let Some(job) = slot.job.take() {
                    break job;
                }
                slot = shared
                    .wake
                    .wait(slot)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let mut last_report = Instant::now();
        let outcome = scenario::simulate(&job.inputs, &mut |fraction| {
            if job.cancel.load(Ordering::Relaxed) {
                return false;
            }
            if last_report.elapsed() >= PROGRESS_INTERVAL && fraction < 1.0 {
                last_report = Instant::now();
                let sent = sender.send(Message::Progress {
                    generation: job.generation,
                    fraction,
                });
                if sent.is_err() {
                    return false; // the app is gone
                }
                job.ctx.request_repaint();
            }
            true
        });
        if matches!(&outcome, Err(error) if error.is_cancelled()) {
            continue;
        }
        let finished = Finished {
            inputs: job.inputs,
            outcome,
        };
        let sent = sender.send(Message::Done {
            generation: job.generation,
            finished,
        });
        if sent.is_err() {
            return;
        }
        job.ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Experiment;

    fn wait_until_idle(worker: &mut SimulationWorker) {
        for _ in 0..2_000 {
            worker.poll();
            if worker.activity() == Activity::Idle {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the worker never finished");
    }

    #[test]
    fn the_newest_request_wins() {
        let ctx = egui::Context::default();
        let mut worker = SimulationWorker::default();
        assert_eq!(worker.activity(), Activity::Idle);
        // A long run, then at once a short one: only the short one's result arrives.
        worker.request(&ctx, &ScenarioInputs::default());
        let burst = Experiment::BurstOf500.inputs();
        worker.request(&ctx, &burst);
        assert!(matches!(worker.activity(), Activity::Running { .. }));
        wait_until_idle(&mut worker);
        let finished = worker.latest().expect("a result");
        assert_eq!(finished.inputs, burst);
        let run = finished.outcome.as_ref().expect("runs");
        assert_eq!(run.result.summary.cold_starts, 500);

        // The same inputs again: nothing to do.
        worker.request(&ctx, &burst);
        assert_eq!(worker.activity(), Activity::Idle);
    }

    #[test]
    fn refused_inputs_come_back_as_errors() {
        let ctx = egui::Context::default();
        let mut worker = SimulationWorker::default();
        let bad = ScenarioInputs {
            reserved: Some(2),
            provisioned: 3,
            ..ScenarioInputs::default()
        };
        worker.request(&ctx, &bad);
        wait_until_idle(&mut worker);
        let finished = worker.latest().expect("a result");
        assert!(finished.outcome.is_err());
    }
}
