//! This run's invocations, in one store every page reads: each invocation record with who
//! produced it (the Playground, a lesson's Try it, the power-tuning sweep; later external
//! runtimes and triggers), the outcomes of the latest asynchronous invokes, and every event
//! that failed all its attempts. Producers append through the app; nothing here is saved
//! between runs, as the Lambda console's test results are not.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::runtime::job::JobResult;
use crate::runtime::pool::{AsyncInvocation, FailedEvent};
use crate::runtime::record::InvocationRecord;

/// Invocations kept per source; older ones are dropped so a long session stays small.
pub const HISTORY_LIMIT: usize = 500;

/// Who produced an invocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The learner pressed Invoke in the Playground.
    Playground,
    /// A lesson's Try it button invoked through the Playground.
    TryIt,
    /// The Cost page's power-tuning sweep.
    PowerTuning,
    /// A trigger on the Event sources page (an HTTP request, a queue's batch, a file in the
    /// watched folder, a schedule's firing).
    EventSource,
}

impl Source {
    /// Invocations the learner asked for by hand (the Playground's history, the timeline and
    /// the cost projection show these; a sweep's 60 invokes would drown them).
    pub fn is_by_hand(self) -> bool {
        matches!(self, Self::Playground | Self::TryIt | Self::EventSource)
    }
}

/// What one press of Invoke (or one Try it) asked to run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRequest {
    /// The handler's name (a sample's or the learner's own).
    pub handler: String,
    /// What the learner calls the event (`s3/put`, `saved: big order`, `file: order.json`).
    pub event_label: String,
    pub event_json: Arc<str>,
}

/// One run: every invocation one press of Invoke made (one, or a Repeat / At once burst).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Counts up from 1 in the session.
    pub id: u64,
    pub request: RunRequest,
}

/// One invocation, its source, and the run it belongs to (none for a sweep's).
#[derive(Clone, Debug)]
pub struct Entry {
    pub source: Source,
    pub record: InvocationRecord,
    pub run: Option<Arc<Run>>,
}

/// The session store.
#[derive(Debug, Default)]
pub struct Session {
    /// Oldest first.
    entries: VecDeque<Entry>,
    /// The latest asynchronous job's invocations (202 or 413, attempts, failure).
    asynchronous: Vec<AsyncInvocation>,
    /// Asynchronous events whose every attempt failed, oldest first: what an on-failure
    /// destination would hold.
    on_failure: Vec<FailedEvent>,
    /// Bumped whenever invocations are added or cleared, so pages can tell something changed.
    generation: u64,
    /// Runs so far (the last run's id).
    runs: u64,
}

impl Session {
    /// Adds a finished invoke job's invocations, as one run of `request`.
    pub fn add_job(&mut self, source: Source, result: JobResult, request: RunRequest) {
        self.runs += 1;
        let run = Arc::new(Run {
            id: self.runs,
            request,
        });
        self.add_entries(source, result.records, Some(run));
        if !result.asynchronous.is_empty() || source.is_by_hand() {
            // The Playground shows the latest job's asynchronous outcomes only.
            self.on_failure.extend(
                result
                    .asynchronous
                    .iter()
                    .filter_map(|invocation| invocation.failure.clone()),
            );
            self.asynchronous = result.asynchronous;
        }
    }

    /// Adds one delivery of an event source, as a run of its event.
    pub fn add_delivery(
        &mut self,
        source: Source,
        records: Vec<InvocationRecord>,
        request: RunRequest,
    ) {
        self.runs += 1;
        let run = Arc::new(Run {
            id: self.runs,
            request,
        });
        self.add_entries(source, records, Some(run));
    }

    /// Adds invocations in the order they ran, outside any run (a sweep's).
    pub fn add_records(&mut self, source: Source, records: Vec<InvocationRecord>) {
        self.add_entries(source, records, None);
    }

    fn add_entries(
        &mut self,
        source: Source,
        records: Vec<InvocationRecord>,
        run: Option<Arc<Run>>,
    ) {
        if records.is_empty() {
            return;
        }
        for record in records {
            self.entries.push_back(Entry {
                source,
                record,
                run: run.clone(),
            });
        }
        let mut kept = self.entries.iter().filter(|e| e.source == source).count();
        while kept > HISTORY_LIMIT {
            if let Some(oldest) = self.entries.iter().position(|e| e.source == source) {
                self.entries.remove(oldest);
            }
            kept -= 1;
        }
        self.generation += 1;
    }

    /// Every invocation, oldest first, with its source.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> {
        self.entries.iter()
    }

    /// The invocations the learner asked for by hand, oldest first.
    pub fn by_hand(&self) -> impl DoubleEndedIterator<Item = &InvocationRecord> + Clone {
        self.entries
            .iter()
            .filter(|entry| entry.source.is_by_hand())
            .map(|entry| &entry.record)
    }

    /// The entries the learner asked for by hand, oldest first.
    pub fn by_hand_entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + Clone {
        self.entries
            .iter()
            .filter(|entry| entry.source.is_by_hand())
    }

    /// The newest run of `handler`, with its invocations in the order they ran.
    pub fn latest_run_of(&self, handler: &str) -> Option<(Arc<Run>, Vec<&InvocationRecord>)> {
        let run = self.by_hand_entries().rev().find_map(|entry| {
            entry
                .run
                .as_ref()
                .filter(|run| run.request.handler == handler)
        })?;
        let records = self
            .by_hand_entries()
            .filter(|entry| entry.run.as_ref().is_some_and(|r| r.id == run.id))
            .map(|entry| &entry.record)
            .collect();
        Some((Arc::clone(run), records))
    }

    /// How many invocations the learner asked for by hand.
    pub fn by_hand_count(&self) -> usize {
        self.by_hand().count()
    }

    /// The latest asynchronous job's invocations.
    pub fn asynchronous(&self) -> &[AsyncInvocation] {
        &self.asynchronous
    }

    /// Asynchronous events that failed every attempt, oldest first.
    pub fn on_failure(&self) -> &[FailedEvent] {
        &self.on_failure
    }

    /// Forgets the invocations asked for by hand and the asynchronous outcomes (the
    /// Playground's "Clear history").
    pub fn clear_by_hand(&mut self) {
        self.entries.retain(|entry| !entry.source.is_by_hand());
        self.asynchronous.clear();
        self.generation += 1;
    }

    /// Changes whenever invocations are added or cleared.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(n: u64) -> InvocationRecord {
        InvocationRecord::example(n, (n == 0).then_some(100.0), 1.0)
    }

    #[test]
    fn every_source_appends_and_keeps_its_own_newest() {
        let mut session = Session::default();
        let before = session.generation();
        session.add_records(Source::Playground, (0..3).map(record).collect());
        session.add_records(
            Source::PowerTuning,
            (0..HISTORY_LIMIT as u64 + 10).map(record).collect(),
        );
        session.add_records(Source::TryIt, vec![record(3)]);
        assert!(session.generation() > before);
        // The sweep's many invokes do not push the learner's out.
        let by_hand: Vec<u64> = session.by_hand().map(|r| r.started_at_ms).collect();
        assert_eq!(by_hand, [0, 1, 2, 3]);
        let tuning = session
            .entries()
            .filter(|e| e.source == Source::PowerTuning)
            .count();
        assert_eq!(tuning, HISTORY_LIMIT);
        session.clear_by_hand();
        assert_eq!(session.by_hand_count(), 0);
        assert_eq!(session.entries().count(), HISTORY_LIMIT);
    }
}
