//! File work off the UI thread: reading and writing the learner's files (state, handler
//! copies, events, exports) happens here, on one thread, in the order it was asked for, so a
//! slow disk never stalls a frame and a save is never overtaken by a later read. Each piece
//! of work may answer with an [`AppCommand`], which reaches the app through its inbox.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};

use super::Inbox;
use crate::command::AppCommand;

type FileWork = Box<dyn FnOnce() -> Option<AppCommand> + Send>;

/// The app's handle on the file thread.
pub struct FileWorker {
    sender: Option<Sender<FileWork>>,
    inbox: Inbox,
    /// Work handed in and not finished yet.
    pending: Arc<AtomicUsize>,
}

impl FileWorker {
    pub fn new(inbox: Inbox) -> Self {
        Self {
            sender: None,
            inbox,
            pending: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Runs `work` on the file thread after everything handed in before it; the command it
    /// returns, if any, is applied by the app on a later frame.
    pub fn run(&mut self, work: impl FnOnce() -> Option<AppCommand> + Send + 'static) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        let work: FileWork = Box::new(work);
        let work = match &self.sender {
            Some(sender) => match sender.send(work) {
                Ok(()) => return,
                Err(returned) => returned.0,
            },
            None => work,
        };
        match self.spawn() {
            Some(sender) => {
                let _ = sender.send(work);
                self.sender = Some(sender);
            }
            None => {
                // Without a thread the work still has to happen: do it here.
                if let Some(command) = work() {
                    self.inbox.send(command);
                }
                self.pending.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// Whether file work is still waiting or running.
    pub fn is_busy(&self) -> bool {
        self.pending.load(Ordering::SeqCst) > 0
    }

    /// Waits until everything handed in so far is done (at exit, so nothing is lost).
    pub fn finish(&mut self) {
        let Some(sender) = self.sender.take() else {
            return;
        };
        let (done, finished) = channel();
        let signalled = sender.send(Box::new(move || {
            let _ = done.send(());
            None
        }));
        if signalled.is_ok() {
            self.pending.fetch_add(1, Ordering::SeqCst);
            let _ = finished.recv();
        }
    }

    fn spawn(&self) -> Option<Sender<FileWork>> {
        let (sender, work) = channel::<FileWork>();
        let inbox = self.inbox.clone();
        let pending = Arc::clone(&self.pending);
        let spawned = std::thread::Builder::new()
            .name("files".to_owned())
            .spawn(move || {
                for piece in work {
                    if let Some(command) = piece() {
                        inbox.send(command);
                    }
                    pending.fetch_sub(1, Ordering::SeqCst);
                    inbox.wake();
                }
            });
        match spawned {
            Ok(_) => Some(sender),
            Err(error) => {
                log::error!("could not start the file thread: {error}");
                None
            }
        }
    }
}
