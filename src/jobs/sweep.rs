//! The Cost page's power-tuning sweep off the UI thread, with progress and Cancel; the sweep
//! itself is [`crate::runtime::tuning`].

use super::worker::{Job, JobContext};
use crate::runtime::tuning::{SweepJob, SweepResult, run_sweep};

impl Job for SweepJob {
    type State = ();
    /// The fraction done, 0 to 1.
    type Progress = f32;
    type Output = SweepResult;
    const THREAD_NAME: &'static str = "power-tuning";

    fn run(self, _: &mut (), context: &JobContext<f32>) -> Option<SweepResult> {
        run_sweep(&self, &|| context.cancelled(), |fraction| {
            context.progress(fraction);
        })
    }
}
