//! Runs the Cold starts page's simulations off the UI thread, so sliders stay live: the newest
//! inputs always win, a run whose inputs are outdated is cancelled at its next progress report,
//! and the worker asks egui for a repaint when it has news (progress of a long run, or a
//! result). Idle, its thread sleeps and costs nothing.

use super::worker::{Job, JobContext, Worker};
use crate::model::scenario::{self, ScenarioError, ScenarioInputs, ScenarioRun};

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

struct Simulate(ScenarioInputs);

impl Job for Simulate {
    type State = ();
    /// The fraction done, 0 to 1.
    type Progress = f64;
    type Output = Finished;
    const THREAD_NAME: &'static str = "simulator";

    fn run(self, _: &mut (), context: &JobContext<f64>) -> Option<Finished> {
        let outcome = scenario::simulate(&self.0, &mut |fraction| {
            if context.cancelled() {
                return false;
            }
            if fraction < 1.0 {
                context.progress(fraction);
            }
            true
        });
        if matches!(&outcome, Err(error) if error.is_cancelled()) {
            return None;
        }
        Some(Finished {
            inputs: self.0,
            outcome,
        })
    }
}

/// The app's handle on the simulations.
pub struct SimulationWorker {
    worker: Worker<Simulate>,
    requested: Option<ScenarioInputs>,
}

impl SimulationWorker {
    /// A worker whose thread asks `repaint` for a frame when it has news.
    pub fn new(repaint: Option<egui::Context>) -> Self {
        Self {
            worker: Worker::new(repaint),
            requested: None,
        }
    }

    /// Makes sure the latest result is (or will be) for `inputs`: a new request cancels the
    /// running simulation. Asking again for the same inputs does nothing.
    pub fn request(&mut self, inputs: &ScenarioInputs) {
        if self.requested.as_ref() == Some(inputs) {
            return;
        }
        self.requested = Some(inputs.clone());
        self.worker.start(Simulate(inputs.clone()));
    }

    /// Takes the worker's news; call once per frame before drawing.
    pub fn poll(&mut self) {
        self.worker.poll();
    }

    /// The newest finished simulation, possibly for older inputs while a new one runs.
    pub fn latest(&self) -> Option<&Finished> {
        self.worker.latest()
    }

    pub fn activity(&self) -> Activity {
        if self.worker.is_running() {
            Activity::Running {
                progress: self.worker.progress().copied(),
            }
        } else {
            Activity::Idle
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
        let mut worker = SimulationWorker::new(None);
        assert_eq!(worker.activity(), Activity::Idle);
        // A long run, then at once a short one: only the short one's result arrives.
        worker.request(&ScenarioInputs::default());
        let burst = Experiment::BurstOf500.inputs();
        worker.request(&burst);
        assert!(matches!(worker.activity(), Activity::Running { .. }));
        wait_until_idle(&mut worker);
        let finished = worker.latest().expect("a result");
        assert_eq!(finished.inputs, burst);
        let run = finished.outcome.as_ref().expect("runs");
        assert_eq!(run.result.summary.cold_starts, 500);

        // The same inputs again: nothing to do.
        worker.request(&burst);
        assert_eq!(worker.activity(), Activity::Idle);
    }

    #[test]
    fn refused_inputs_come_back_as_errors() {
        let mut worker = SimulationWorker::new(None);
        let bad = ScenarioInputs {
            reserved: Some(2),
            provisioned: 3,
            ..ScenarioInputs::default()
        };
        worker.request(&bad);
        wait_until_idle(&mut worker);
        let finished = worker.latest().expect("a result");
        assert!(finished.outcome.is_err());
    }
}
