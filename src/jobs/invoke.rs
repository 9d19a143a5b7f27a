//! Invokes off the UI thread: the Playground's (and Try it's) invoke jobs run on the invoke
//! worker, whose thread keeps the function's warm environments between jobs. Cancel stops
//! waiting: the running invoke finishes or times out in the background, as a Lambda function
//! keeps running when its caller disconnects, and the next job starts on fresh environments.

use crate::runtime::job::{self, InvalidJob, InvokeJob, JobResult, Pools};
use crate::session::{RunRequest, Source};

use super::worker::{Job, JobContext};

/// An invoke job and who asked for it (the session records the source with each invocation).
pub struct Invoke {
    pub job: InvokeJob,
    pub source: Source,
    /// What the learner calls the event (kept with the run in the session).
    pub event_label: String,
}

/// A finished invoke job.
#[derive(Clone, Debug)]
pub struct Invoked {
    pub source: Source,
    /// What ran: the handler and the event, for the session's history.
    pub run: RunRequest,
    pub outcome: Result<JobResult, InvalidJob>,
}

impl Job for Invoke {
    type State = Pools;
    /// Invocations done so far.
    type Progress = u32;
    type Output = Invoked;
    const THREAD_NAME: &'static str = "invoker";

    fn run(self, pools: &mut Pools, context: &JobContext<u32>) -> Option<Invoked> {
        let outcome = job::run(pools, &self.job, &|| context.cancelled(), &|done| {
            context.progress(done);
        });
        if context.cancelled() {
            return None;
        }
        Some(Invoked {
            source: self.source,
            run: RunRequest {
                handler: self.job.config.function_name.clone(),
                event_label: self.event_label,
                event_json: self.job.event_json,
            },
            outcome,
        })
    }
}
