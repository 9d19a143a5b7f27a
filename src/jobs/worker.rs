//! The one pattern for work off the UI thread: a [`Worker`] runs [`Job`]s on a thread of its
//! own, one at a time, and reports progress and results back through a channel, asking egui
//! for a repaint. The newest request wins: starting a job while one runs tells the running one
//! to stop, and jobs that were replaced before they began are skipped. The thread keeps its
//! [`Job::State`] from one job to the next (the invoke worker keeps its warm environments
//! there). [`Worker::cancel`] abandons the thread instead: a job stuck in a handler's endless
//! loop finishes or times out on its own, unseen, and the next job starts on a fresh thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Progress reports closer together than this are dropped: a bar needs no more, and every
/// report costs the UI a frame.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(50);

/// Work that runs on a [`Worker`]'s thread.
pub trait Job: Send + 'static {
    /// Kept by the worker's thread from one job to the next (and lost when a job is cancelled).
    type State: Default + Send + 'static;
    /// What a running job says about how far it got.
    type Progress: Send + 'static;
    /// What a finished job produced.
    type Output: Send + 'static;
    /// The thread's name, for debuggers and panic messages.
    const THREAD_NAME: &'static str;

    /// Does the work; `None` when it noticed it was cancelled.
    fn run(
        self,
        state: &mut Self::State,
        context: &JobContext<Self::Progress>,
    ) -> Option<Self::Output>;
}

/// What a running job can see of its worker: whether it was cancelled, and a way to report
/// progress.
pub struct JobContext<P> {
    cancel: Arc<AtomicBool>,
    report: Box<dyn Fn(P) + Send>,
    last_report: std::cell::Cell<Option<Instant>>,
}

impl<P> JobContext<P> {
    /// True once the job was cancelled or replaced by a newer one: stop soon.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Reports progress, at most every 50 ms (more often would only cost frames).
    pub fn progress(&self, progress: P) {
        let now = Instant::now();
        if self
            .last_report
            .get()
            .is_some_and(|last| now.duration_since(last) < PROGRESS_INTERVAL)
        {
            return;
        }
        self.last_report.set(Some(now));
        (self.report)(progress);
    }

    /// A context for running a job on the caller's thread (the CLI, tests): never cancelled,
    /// progress goes to `report`.
    pub fn inline(report: impl Fn(P) + Send + 'static) -> Self {
        Self {
            cancel: Arc::new(AtomicBool::new(false)),
            report: Box::new(report),
            last_report: std::cell::Cell::new(None),
        }
    }
}

enum Report<J: Job> {
    Progress {
        generation: u64,
        progress: J::Progress,
    },
    Done {
        generation: u64,
        output: J::Output,
    },
}

struct Request<J> {
    generation: u64,
    job: J,
    cancel: Arc<AtomicBool>,
}

/// The app's handle on one kind of background work.
pub struct Worker<J: Job> {
    repaint: Option<egui::Context>,
    /// To the current thread; `None` before the first job and after a cancel.
    thread: Option<Sender<Request<J>>>,
    reports: Receiver<Report<J>>,
    report_sender: Sender<Report<J>>,
    /// Bumped by every start and cancel; reports of other generations are stale.
    generation: u64,
    /// The running job's cancel flag.
    running: Option<Arc<AtomicBool>>,
    progress: Option<J::Progress>,
    latest: Option<J::Output>,
}

impl<J: Job> Worker<J> {
    /// A worker whose thread asks `repaint` to draw a frame when it has news (`None`: nobody
    /// to wake, e.g. in the CLI).
    pub fn new(repaint: Option<egui::Context>) -> Self {
        let (report_sender, reports) = channel();
        Self {
            repaint,
            thread: None,
            reports,
            report_sender,
            generation: 0,
            running: None,
            progress: None,
            latest: None,
        }
    }

    /// Starts `job`; a running job is told to stop, and its output is not used (the newest
    /// request wins).
    pub fn start(&mut self, job: J) {
        if let Some(replaced) = self.running.take() {
            replaced.store(true, Ordering::Relaxed);
        }
        self.generation += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        let request = Request {
            generation: self.generation,
            job,
            cancel: Arc::clone(&cancel),
        };
        let request = match &self.thread {
            Some(thread) => match thread.send(request) {
                Ok(()) => None,
                // The thread is gone (it cannot be, short of a panic): start a fresh one.
                Err(returned) => Some(returned.0),
            },
            None => Some(request),
        };
        if let Some(request) = request {
            match self.spawn() {
                Some(thread) => {
                    // A new thread's receiver is alive: this cannot fail.
                    let _ = thread.send(request);
                    self.thread = Some(thread);
                }
                None => return,
            }
        }
        self.running = Some(cancel);
        self.progress = None;
    }

    /// Stops waiting for the running job. Its thread is abandoned: it stops at the job's next
    /// look at the cancel flag, or when the job ends on its own; nothing it reports is used.
    pub fn cancel(&mut self) {
        if let Some(cancel) = self.running.take() {
            cancel.store(true, Ordering::Relaxed);
            self.thread = None;
        }
        self.generation += 1;
        self.progress = None;
    }

    /// Takes the thread's news; call once per frame. True when a job finished since the last
    /// call; its output is [`Self::latest`].
    pub fn poll(&mut self) -> bool {
        let mut finished = false;
        while let Ok(report) = self.reports.try_recv() {
            match report {
                Report::Progress {
                    generation,
                    progress,
                } if generation == self.generation => self.progress = Some(progress),
                Report::Done { generation, output } if generation == self.generation => {
                    self.latest = Some(output);
                    self.running = None;
                    self.progress = None;
                    finished = true;
                }
                _ => {} // from a cancelled or replaced job
            }
        }
        finished
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The running job's latest progress report.
    pub fn progress(&self) -> Option<&J::Progress> {
        self.progress.as_ref()
    }

    /// The newest finished job's output, possibly from before the running job started.
    pub fn latest(&self) -> Option<&J::Output> {
        self.latest.as_ref()
    }

    /// The newest finished job's output, to take parts of it away.
    pub fn latest_mut(&mut self) -> Option<&mut J::Output> {
        self.latest.as_mut()
    }

    /// Takes the newest output away (its consumer keeps it from now on).
    pub fn take_latest(&mut self) -> Option<J::Output> {
        self.latest.take()
    }

    fn spawn(&self) -> Option<Sender<Request<J>>> {
        let (sender, requests) = channel::<Request<J>>();
        let reports = self.report_sender.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name(J::THREAD_NAME.to_owned())
            .spawn(move || serve(&requests, &reports, repaint.as_ref()));
        match spawned {
            Ok(_) => Some(sender),
            Err(error) => {
                log::error!("could not start the {} thread: {error}", J::THREAD_NAME);
                None
            }
        }
    }
}

impl<J: Job> Drop for Worker<J> {
    /// The app is going: the running job stops at its next look at the flag, and the thread
    /// ends when it sees the handle gone.
    fn drop(&mut self) {
        if let Some(cancel) = &self.running {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// A worker thread: runs jobs one at a time, the newest waiting first (older waiting ones
/// were replaced), until its handle drops the sender.
fn serve<J: Job>(
    requests: &Receiver<Request<J>>,
    reports: &Sender<Report<J>>,
    repaint: Option<&egui::Context>,
) {
    let mut state = J::State::default();
    while let Ok(mut request) = requests.recv() {
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let Request {
            generation,
            job,
            cancel,
        } = request;
        let progress_reports = reports.clone();
        let progress_repaint = repaint.cloned();
        let context = JobContext {
            cancel: Arc::clone(&cancel),
            report: Box::new(move |progress| {
                let _ = progress_reports.send(Report::Progress {
                    generation,
                    progress,
                });
                if let Some(ctx) = &progress_repaint {
                    ctx.request_repaint();
                }
            }),
            last_report: std::cell::Cell::new(None),
        };
        let Some(output) = job.run(&mut state, &context) else {
            continue;
        };
        if cancel.load(Ordering::Relaxed) {
            continue; // replaced while finishing: nobody waits for this output
        }
        if reports.send(Report::Done { generation, output }).is_err() {
            return; // the app is gone
        }
        if let Some(ctx) = repaint {
            ctx.request_repaint();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts up to `to`, looking at the cancel flag at every step; remembers how many jobs
    /// its thread ran.
    struct Count {
        to: u64,
        step: Duration,
    }

    impl Job for Count {
        type State = u32;
        type Progress = u64;
        type Output = (u64, u32);
        const THREAD_NAME: &'static str = "test-count";

        fn run(self, jobs_run: &mut u32, context: &JobContext<u64>) -> Option<(u64, u32)> {
            *jobs_run += 1;
            for n in 0..self.to {
                if context.cancelled() {
                    return None;
                }
                context.progress(n);
                std::thread::sleep(self.step);
            }
            Some((self.to, *jobs_run))
        }
    }

    fn wait(worker: &mut Worker<Count>) -> (u64, u32) {
        for _ in 0..2_000 {
            if worker.poll()
                && let Some(output) = worker.latest()
            {
                return *output;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!("the job never finished");
    }

    #[test]
    fn the_newest_request_wins_and_state_survives_between_jobs() {
        let mut worker = Worker::new(None);
        worker.start(Count {
            to: 10_000,
            step: Duration::from_millis(1),
        });
        assert!(worker.is_running());
        // Replaced at once: the first job stops, only the second job's output arrives.
        worker.start(Count {
            to: 3,
            step: Duration::ZERO,
        });
        assert_eq!(wait(&mut worker).0, 3);
        assert!(!worker.is_running());
        // The next job runs on the same thread, which remembers the jobs it ran before.
        let before = worker.latest().map(|(_, runs)| *runs).unwrap_or_default();
        worker.start(Count {
            to: 4,
            step: Duration::ZERO,
        });
        assert_eq!(wait(&mut worker), (4, before + 1));
        assert_eq!(worker.latest(), Some(&(4, before + 1)));
    }

    #[test]
    fn a_cancelled_job_reports_nothing_and_the_next_starts_afresh() {
        let mut worker = Worker::new(None);
        worker.start(Count {
            to: 100,
            step: Duration::from_millis(5),
        });
        std::thread::sleep(Duration::from_millis(20));
        worker.cancel();
        assert!(!worker.is_running());
        std::thread::sleep(Duration::from_millis(50));
        assert!(!worker.poll());
        assert!(worker.latest().is_none());
        // A fresh thread: its state starts again.
        worker.start(Count {
            to: 1,
            step: Duration::ZERO,
        });
        assert_eq!(wait(&mut worker), (1, 1));
    }
}
