//! Checks the event being edited: JSON syntax (line and column of the first error), the
//! event kind and its AWS shape. Small events are checked at once; large ones on a worker
//! thread, so typing into a 6 MB event does not wait for a 6 MB parse on every key.

use std::sync::Arc;

use serde_json::Value;

use super::worker::{Job, JobContext, Worker};
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

/// A text to check on the worker thread.
struct Check(Arc<str>);

impl Job for Check {
    type State = ();
    type Progress = ();
    type Output = EventAnalysis;
    const THREAD_NAME: &'static str = "event-check";

    fn run(self, _: &mut (), _: &JobContext<()>) -> Option<EventAnalysis> {
        Some(analyse(&self.0))
    }
}

/// The latest analysis of the event, and the worker that makes it for large events.
pub struct EventChecker {
    analysis: EventAnalysis,
    worker: Worker<Check>,
}

impl EventChecker {
    /// A checker whose worker asks `repaint` for a frame when a background check is done.
    pub fn new(repaint: Option<egui::Context>) -> Self {
        Self {
            analysis: EventAnalysis::default(),
            worker: Worker::new(repaint),
        }
    }

    /// The analysis of the latest text checked, or of the one before while it is checked.
    pub fn analysis(&self) -> &EventAnalysis {
        &self.analysis
    }

    /// Whether a newer text is still being checked.
    pub fn is_checking(&self) -> bool {
        self.worker.is_running()
    }

    /// Checks `text`: at once when it is small, else in the background (see [`Self::poll`]).
    pub fn check(&mut self, text: &str) {
        if text.len() <= BACKGROUND_CHECK_BYTES {
            // A small text replaces any large one still being checked.
            self.worker.cancel();
            self.analysis = analyse(text);
            return;
        }
        self.worker.start(Check(Arc::from(text)));
    }

    /// Takes a finished background check; true when the analysis changed.
    pub fn poll(&mut self) -> bool {
        match self
            .worker
            .poll()
            .then(|| self.worker.take_latest())
            .flatten()
        {
            Some(analysis) => {
                self.analysis = analysis;
                true
            }
            None => false,
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
        let mut checker = EventChecker::new(None);
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
        let mut checker = EventChecker::new(None);
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
