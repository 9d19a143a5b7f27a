//! This run's invocations, in one store every page reads: each invocation record with who
//! produced it (the Playground, a lesson's Try it, the power-tuning sweep; later external
//! runtimes and triggers), the outcomes of the latest asynchronous invokes, and every event
//! that failed all its attempts. Producers append through the app; nothing here is saved
//! between runs, as the Lambda console's test results are not.

use std::collections::VecDeque;

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
}

impl Source {
    /// Invocations the learner asked for by hand (the Playground's history, the timeline and
    /// the cost projection show these; a sweep's 60 invokes would drown them).
    pub fn is_by_hand(self) -> bool {
        matches!(self, Self::Playground | Self::TryIt)
    }
}

/// One invocation and its source.
#[derive(Clone, Debug)]
pub struct Entry {
    pub source: Source,
    pub record: InvocationRecord,
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
}

impl Session {
    /// Adds a finished invoke job's invocations.
    pub fn add_job(&mut self, source: Source, result: JobResult) {
        self.add_records(source, result.records);
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

    /// Adds invocations in the order they ran.
    pub fn add_records(&mut self, source: Source, records: Vec<InvocationRecord>) {
        if records.is_empty() {
            return;
        }
        for record in records {
            self.entries.push_back(Entry { source, record });
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
