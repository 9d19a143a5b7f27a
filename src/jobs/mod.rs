//! All work off the UI thread, owned by the app: invokes, simulations, the power-tuning sweep,
//! event checks, file reads and writes, and file dialogs. Pages ask for work with
//! [`AppCommand`]s; the app starts it here, polls it once a frame, and hands results to the
//! session and the pages. Each kind of work runs on a [`worker::Worker`] (the newest request
//! wins, with progress and cancel), except files, which keep their order ([`files`]), and
//! dialogs, which answer with a command ([`dialogs`]).

pub mod dialogs;
pub mod event_check;
pub mod exercise;
pub mod files;
pub mod invoke;
pub mod simulate;
pub mod sources;
pub mod sweep;
pub mod worker;

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::command::AppCommand;

/// Where threads send commands for the app: results of file work and dialogs. Sending wakes
/// the window, so the command is applied even when nothing else happens on screen.
#[derive(Clone)]
pub struct Inbox {
    sender: Sender<AppCommand>,
    repaint: Option<egui::Context>,
}

impl Inbox {
    /// An inbox and the app's end of it.
    pub fn new(repaint: Option<egui::Context>) -> (Self, Receiver<AppCommand>) {
        let (sender, receiver) = channel();
        (Self { sender, repaint }, receiver)
    }

    pub fn send(&self, command: AppCommand) {
        // The app is gone when this fails; nobody is left to tell.
        let _ = self.sender.send(command);
        self.wake();
    }

    /// Asks for a frame without sending anything.
    pub fn wake(&self) {
        if let Some(ctx) = &self.repaint {
            ctx.request_repaint();
        }
    }
}

/// Every background worker of the app.
pub struct Jobs {
    pub invoke: worker::Worker<invoke::Invoke>,
    pub simulation: simulate::SimulationWorker,
    pub sweep: worker::Worker<crate::runtime::tuning::SweepJob>,
    pub event_check: event_check::EventChecker,
    pub files: files::FileWorker,
    pub dialogs: dialogs::Dialogs,
    /// The Event sources page's triggers.
    pub sources: sources::Sources,
    /// An invoke waits behind the file thread's writes (so it runs the code as saved).
    pub invoke_queued: bool,
    /// The open exercise's checks.
    pub exercise: worker::Worker<exercise::ExerciseRun>,
    /// When the open exercise is checked again: a moment after the learner stops typing.
    pub exercise_due: Option<std::time::Instant>,
}

impl Jobs {
    /// An invoke is running or about to start.
    pub fn invoking(&self) -> bool {
        self.invoke_queued || self.invoke.is_running()
    }

    /// The workers, each asking `repaint` for a frame when it has news; their commands go to
    /// `inbox`.
    pub fn new(repaint: &egui::Context, inbox: &Inbox) -> Self {
        let repaint = Some(repaint.clone());
        Self {
            invoke: worker::Worker::new(repaint.clone()),
            simulation: simulate::SimulationWorker::new(repaint.clone()),
            sweep: worker::Worker::new(repaint.clone()),
            event_check: event_check::EventChecker::new(repaint.clone()),
            files: files::FileWorker::new(inbox.clone()),
            dialogs: dialogs::Dialogs::new(inbox.clone()),
            sources: sources::Sources::new(inbox.clone()),
            invoke_queued: false,
            exercise: worker::Worker::new(repaint.clone()),
            exercise_due: None,
        }
    }

    /// Whether anything the window waits for is still running (tests wait for this).
    pub fn is_busy(&self) -> bool {
        self.invoking()
            || self.sweep.is_running()
            || self.exercise.is_running()
            || self.exercise_due.is_some()
            || self.event_check.is_checking()
            || self.files.is_busy()
            || !matches!(self.simulation.activity(), simulate::Activity::Idle)
    }
}
