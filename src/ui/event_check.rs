//! Checks the event being edited: JSON syntax (line and column of the first error), the
//! event kind and its AWS shape. Small events are checked at once; large ones on a worker
//! thread, so typing into a 6 MB event does not wait for a 6 MB parse on every key.

use std::sync::mpsc::{Receiver, Sender, channel};

use serde_json::Value;

use crate::content::shape::{self, EventKind, ShapeMismatch};

/// Events up to this size are checked on the UI thread (well under a frame).
pub const BACKGROUND_CHECK_BYTES: usize = 256 * 1024;

/// What the event text is, worked out once per change of the text (not per frame).
#[derive(Clone, Debug, Default)]
pub struct EventAnalysis {
    /// The parsed event, for the parameter form and the tree (parsed once per change).
    pub value: Option<Value>,
    /// Line, column and message of the first JSON error.
    pub parse_error: Option<(usize, usize, String)>,
    pub kind: Option<EventKind>,
    pub mismatch: Option<ShapeMismatch>,
}

pub fn analyse(text: &str) -> EventAnalysis {
    let mut analysis = EventAnalysis::default();
    match serde_json::from_str::<Value>(text) {
        Err(error) => {
            analysis.parse_error = Some((error.line(), error.column(), error.to_string()));
        }
        Ok(value) => {
            analysis.kind = shape::detect(&value);
            if let Some(kind) = &analysis.kind {
                analysis.mismatch = shape::check_shape(kind.rust_type, text).err().flatten();
            }
            analysis.value = Some(value);
        }
    }
    analysis
}

/// A text to check, numbered so only the latest result is kept.
type Job = (u64, String);

/// The UI's ends of the worker's channels: texts in, analyses out.
type Worker = (Sender<Job>, Receiver<(u64, EventAnalysis)>);

/// The latest analysis of the event, and the worker that makes it for large events.
#[derive(Default)]
pub struct EventChecker {
    analysis: EventAnalysis,
    /// Number of the latest text handed in; results for older ones are dropped.
    latest: u64,
    /// The number of the text `analysis` describes.
    analysed: u64,
    worker: Option<Worker>,
}

impl EventChecker {
    /// The analysis of the latest text checked, or of the one before while it is checked.
    pub fn analysis(&self) -> &EventAnalysis {
        &self.analysis
    }

    /// Whether a newer text is still being checked.
    pub fn is_checking(&self) -> bool {
        self.analysed != self.latest
    }

    /// Checks `text`: at once when it is small, else in the background (see [`Self::poll`]).
    pub fn check(&mut self, text: &str) {
        self.latest += 1;
        if text.len() <= BACKGROUND_CHECK_BYTES {
            self.analysis = analyse(text);
            self.analysed = self.latest;
            return;
        }
        let job = (self.latest, text.to_owned());
        let sent = match &self.worker {
            Some((sender, _)) => sender.send(job).map_err(|error| error.0),
            None => Err(job),
        };
        if let Err(job) = sent {
            // No worker yet (or it is gone): start one; if no thread can start, check here
            // rather than not at all.
            self.worker = spawn_worker().and_then(|(jobs, finished)| {
                jobs.send(job).ok()?;
                Some((jobs, finished))
            });
            if self.worker.is_none() {
                self.analysis = analyse(text);
                self.analysed = self.latest;
            }
        }
    }

    /// Takes a finished background check; true when the analysis changed.
    pub fn poll(&mut self) -> bool {
        let Some((_, finished)) = &self.worker else {
            return false;
        };
        let mut changed = false;
        for (number, analysis) in finished.try_iter() {
            if number == self.latest {
                self.analysis = analysis;
                self.analysed = number;
                changed = true;
            }
        }
        changed
    }
}

fn spawn_worker() -> Option<Worker> {
    let (jobs, inbox) = channel::<Job>();
    let (results, finished) = channel();
    std::thread::Builder::new()
        .name("event-check".into())
        .spawn(move || check_in_background(&inbox, &results))
        .ok()?;
    Some((jobs, finished))
}

/// The worker: checks the newest text waiting, skipping any that were replaced meanwhile.
fn check_in_background(inbox: &Receiver<Job>, results: &Sender<(u64, EventAnalysis)>) {
    while let Ok(mut job) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            job = newer;
        }
        if results.send((job.0, analyse(&job.1))).is_err() {
            return; // the page is gone
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(checker: &mut EventChecker) {
        for _ in 0..2_000 {
            checker.poll();
            if !checker.is_checking() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the background check never finished");
    }

    #[test]
    fn a_small_event_is_checked_at_once() {
        let mut checker = EventChecker::default();
        checker.check("{\n  \"a\": 1,\n}");
        assert!(!checker.is_checking());
        let (line, column, _) = checker.analysis().parse_error.clone().unwrap();
        assert_eq!((line, column), (3, 1));
    }

    #[test]
    fn a_large_event_is_checked_in_the_background_and_only_the_latest_counts() {
        let body = "x".repeat(BACKGROUND_CHECK_BYTES * 2);
        let broken = format!("{{\n  \"body\": \"{body}\",\n  oops\n}}");
        let fixed = format!("{{\n  \"body\": \"{body}\"\n}}");
        let mut checker = EventChecker::default();
        checker.check(&broken);
        checker.check(&fixed);
        wait(&mut checker);
        assert!(checker.analysis().parse_error.is_none());
        checker.check(&broken);
        assert!(
            checker.is_checking(),
            "a large event is not checked on the caller's thread"
        );
        wait(&mut checker);
        let (line, column, _) = checker.analysis().parse_error.clone().unwrap();
        assert_eq!((line, column), (3, 3));
    }
}
