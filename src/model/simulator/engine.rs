//! The discrete-event engine: busy environments in a min-heap of end times, idle ones in a
//! deque by when they went idle, and Lambda's rule applied at each arrival (reuse, else start
//! one within the limits, else throttle), with the time series and summary it keeps.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::*;

/// Orders f64 times for the heap (the validated inputs are never NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Time(f64);

impl Eq for Time {}

impl PartialOrd for Time {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Time {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A busy environment: when it finishes, its id (ties broken by id, for determinism), and
/// whether it is provisioned.
type Busy = Reverse<(Time, u32, bool)>;

/// Per-bucket accumulators. Environment counts are kept as changes (+1/−1 at the moment of
/// each transition) and summed at the end, so transitions can be booked whenever they are
/// known, in any order.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct BucketAcc {
    pub(super) requests: u32,
    pub(super) cold_starts: u32,
    pub(super) throttles: u32,
    pub(super) peak_concurrency: u32,
    pub(super) d_initialising: i32,
    pub(super) d_busy: i32,
    pub(super) d_idle: i32,
    pub(super) d_provisioned: i32,
}

/// The simulation state between arrivals.
pub(super) struct Engine<'a> {
    pub(super) config: &'a SimConfig,
    pub(super) arrival_rng: Pcg64Mcg,
    /// A second stream for init and handler times, so changing the runtime or the handler
    /// does not change the arrivals.
    pub(super) service_rng: Pcg64Mcg,
    pub(super) limit: u32,
    pub(super) limit_reason: ThrottleReason,
    pub(super) busy: BinaryHeap<Busy>,
    /// On-demand idle environments (when they went idle, id), oldest first: reuse takes the
    /// back (most recently used), reclaim takes the front (idle longest).
    pub(super) idle: VecDeque<(f64, u32)>,
    /// Provisioned idle environments; never reclaimed.
    pub(super) provisioned_idle: Vec<u32>,
    /// Creation times of the most recent on-demand environments, at most the scaling limit.
    pub(super) recent_creations: VecDeque<f64>,
    pub(super) in_flight: u32,
    pub(super) environments_alive: u32,
    pub(super) provisioned_alive: u32,
    pub(super) provisioned_target: u32,
    /// Busy provisioned environments to drop when they finish (after a scheduled decrease).
    pub(super) provisioned_to_retire: u32,
    pub(super) provisioned_since_ms: f64,
    pub(super) schedule_next: usize,
    pub(super) next_environment_id: u32,
    pub(super) any_environment_yet: bool,
    /// Reclaimed environments not yet replaced by a cold start (see [`ColdReason::IdleExpiry`]).
    pub(super) reclaimed_unreplaced: u64,
    pub(super) buckets: Vec<BucketAcc>,
    /// Latencies of warm and of cold requests; "all" is their sum, made once at the end.
    pub(super) histogram_warm: Histogram,
    pub(super) histogram_cold: Histogram,
    /// The bucket of the latest arrival and its bounds: most bookings fall in it, which spares
    /// a division per booking.
    pub(super) cursor_index: usize,
    pub(super) cursor_start_ms: f64,
    pub(super) cursor_end_ms: f64,
    pub(super) summary: Summary,
    pub(super) outcomes: Vec<RequestOutcome>,
    /// The last handler duration billed and its billed ms: a fixed duration is billed once,
    /// not once per request (hot path).
    pub(super) last_billed: (f64, u64),
}

impl<'a> Engine<'a> {
    pub(super) fn new(config: &'a SimConfig) -> Self {
        let (limit, limit_reason) = config.concurrency_limit();
        let bucket_count = ((config.duration_ms / config.step_ms).ceil() as usize).max(1);
        let outcomes = if config.record_requests {
            // Reserve what the pattern should need (capped, it grows if a Poisson run
            // overshoots) so recording does not reallocate per request.
            Vec::with_capacity((config.expected_requests() * 1.01 + 16.0).min(50_000_000.0) as usize)
        } else {
            Vec::new()
        };
        let mut engine = Self {
            config,
            arrival_rng: Pcg64Mcg::seed_from_u64(config.seed),
            service_rng: Pcg64Mcg::seed_from_u64(config.seed ^ 0x9E37_79B9_7F4A_7C15),
            limit,
            limit_reason,
            busy: BinaryHeap::new(),
            idle: VecDeque::new(),
            provisioned_idle: Vec::new(),
            recent_creations: VecDeque::new(),
            in_flight: 0,
            environments_alive: 0,
            provisioned_alive: 0,
            provisioned_target: 0,
            provisioned_to_retire: 0,
            provisioned_since_ms: 0.0,
            schedule_next: 0,
            next_environment_id: 0,
            any_environment_yet: false,
            reclaimed_unreplaced: 0,
            buckets: vec![BucketAcc::default(); bucket_count],
            histogram_warm: Histogram::new(),
            histogram_cold: Histogram::new(),
            cursor_index: 0,
            cursor_start_ms: 0.0,
            cursor_end_ms: config.step_ms,
            summary: Summary::default(),
            outcomes,
            last_billed: (f64::NAN, 0),
        };
        engine.set_provisioned(0.0, config.provisioned);
        engine
    }

    /// The bucket `[index × step, (index + 1) × step)` holding a moment in the window.
    pub(super) fn bucket_index_slow(&self, time_ms: f64) -> usize {
        let step_ms = self.config.step_ms;
        let mut index = (time_ms / step_ms) as usize;
        // The division may round across a boundary; the boundaries are `index × step`, the
        // same numbers the cursor compares with, so both paths always agree.
        if index > 0 && time_ms < index as f64 * step_ms {
            index -= 1;
        } else if time_ms >= (index + 1) as f64 * step_ms {
            index += 1;
        }
        index.min(self.buckets.len() - 1)
    }

    /// The bucket a moment falls in, or `None` after the traffic window.
    pub(super) fn bucket_index(&self, time_ms: f64) -> Option<usize> {
        if time_ms >= self.config.duration_ms {
            None
        } else if time_ms >= self.cursor_start_ms && time_ms < self.cursor_end_ms {
            Some(self.cursor_index)
        } else {
            Some(self.bucket_index_slow(time_ms))
        }
    }

    /// Moves the cursor to the bucket of an arrival (arrivals come in time order).
    pub(super) fn move_cursor(&mut self, time_ms: f64) {
        if time_ms >= self.cursor_end_ms && time_ms < self.config.duration_ms {
            let index = self.bucket_index_slow(time_ms);
            self.cursor_index = index;
            self.cursor_start_ms = index as f64 * self.config.step_ms;
            self.cursor_end_ms = (index + 1) as f64 * self.config.step_ms;
        }
    }

    pub(super) fn book(&mut self, time_ms: f64, change: impl FnOnce(&mut BucketAcc)) {
        if let Some(index) = self.bucket_index(time_ms)
            && let Some(bucket) = self.buckets.get_mut(index)
        {
            change(bucket);
        }
    }

    pub(super) fn new_environment_id(&mut self) -> u32 {
        let id = self.next_environment_id;
        self.next_environment_id = self.next_environment_id.wrapping_add(1);
        self.environments_alive += 1;
        self.summary.peak_environments =
            self.summary.peak_environments.max(self.environments_alive);
        self.any_environment_yet = true;
        id
    }

    /// Integrates provisioned environments over time, for the provisioned-concurrency bill.
    pub(super) fn provisioned_changes(&mut self, time_ms: f64, delta: i64) {
        let until = time_ms.min(self.config.duration_ms);
        if until > self.provisioned_since_ms {
            self.summary.provisioned_environment_ms_total +=
                f64::from(self.provisioned_alive) * (until - self.provisioned_since_ms);
            self.provisioned_since_ms = until;
        }
        self.provisioned_alive = (i64::from(self.provisioned_alive) + delta).max(0) as u32;
    }

    /// Brings the provisioned environments to `target` at `time_ms`. They are assumed ready
    /// at that moment (on AWS, allocation takes minutes: schedule it early).
    pub(super) fn set_provisioned(&mut self, time_ms: f64, target: u32) {
        if target > self.provisioned_target {
            let mut add = target - self.provisioned_target;
            let kept = add.min(self.provisioned_to_retire);
            self.provisioned_to_retire -= kept;
            add -= kept;
            for _ in 0..add {
                let id = self.new_environment_id();
                self.provisioned_idle.push(id);
                self.summary.provisioned_environments_created += 1;
                self.provisioned_changes(time_ms, 1);
                self.book(time_ms, |bucket| {
                    bucket.d_idle += 1;
                    bucket.d_provisioned += 1;
                });
            }
        } else {
            let mut remove = self.provisioned_target - target;
            while remove > 0 && self.provisioned_idle.pop().is_some() {
                remove -= 1;
                self.environments_alive -= 1;
                self.provisioned_changes(time_ms, -1);
                self.book(time_ms, |bucket| {
                    bucket.d_idle -= 1;
                    bucket.d_provisioned -= 1;
                });
            }
            // Busy ones finish their request first.
            self.provisioned_to_retire += remove;
        }
        self.provisioned_target = target;
    }

    /// Frees every environment whose request ended by `time_ms`.
    pub(super) fn release_until(&mut self, time_ms: f64) {
        while let Some(Reverse((Time(end_ms), id, provisioned))) = self.busy.peek().copied() {
            if end_ms > time_ms {
                break;
            }
            self.busy.pop();
            self.in_flight -= 1;
            if provisioned && self.provisioned_to_retire > 0 {
                self.provisioned_to_retire -= 1;
                self.environments_alive -= 1;
                self.provisioned_changes(end_ms, -1);
                self.book(end_ms, |bucket| {
                    bucket.d_busy -= 1;
                    bucket.d_provisioned -= 1;
                });
                continue;
            }
            if provisioned {
                self.provisioned_idle.push(id);
            } else {
                self.idle.push_back((end_ms, id));
            }
            self.book(end_ms, |bucket| {
                bucket.d_busy -= 1;
                bucket.d_idle += 1;
            });
        }
    }

    /// Reclaims on-demand environments idle for the idle lifetime by `time_ms`.
    pub(super) fn reclaim_until(&mut self, time_ms: f64) {
        let lifetime_ms = self.config.idle_lifetime_ms;
        while let Some(&(idle_since_ms, _)) = self.idle.front() {
            let reclaimed_at_ms = idle_since_ms + lifetime_ms;
            if reclaimed_at_ms > time_ms {
                break;
            }
            self.idle.pop_front();
            self.environments_alive -= 1;
            self.reclaimed_unreplaced += 1;
            self.summary.environments_reclaimed += 1;
            self.book(reclaimed_at_ms, |bucket| bucket.d_idle -= 1);
        }
    }

    /// Applies everything that happens up to and including `time_ms`.
    pub(super) fn advance_to(&mut self, time_ms: f64) {
        // A scheduled decrease can only remove environments idle by then, so finish the
        // requests that ended before each change first.
        while let Some(change) = self
            .config
            .provisioned_schedule
            .get(self.schedule_next)
            .copied()
        {
            if change.at_ms > time_ms {
                break;
            }
            self.release_until(change.at_ms);
            self.set_provisioned(change.at_ms, change.count);
            self.schedule_next += 1;
        }
        self.release_until(time_ms);
        self.reclaim_until(time_ms);
    }

    pub(super) fn sample_init_ms(&mut self) -> f64 {
        match &self.config.init {
            InitDurations::Fixed { init_ms } => *init_ms,
            InitDurations::Samples { samples_ms } => {
                // Multiply-shift: an unbiased-enough, portable index without division.
                let index = ((u64::from(self.service_rng.next_u32()) * samples_ms.len() as u64)
                    >> 32) as usize;
                samples_ms.get(index).copied().unwrap_or_default()
            }
        }
    }

    pub(super) fn sample_duration_ms(&mut self) -> f64 {
        match self.config.function_duration {
            FunctionDuration::Fixed { duration_ms } => duration_ms,
            FunctionDuration::Uniform { min_ms, max_ms } => {
                min_ms + (max_ms - min_ms) * (1.0 - unit_open_closed(&mut self.service_rng))
            }
        }
    }

    /// Whether the scaling rate allows one more new environment at `time_ms`: fewer than the
    /// limit were created in the window before it.
    pub(super) fn scaling_allows(&self, time_ms: f64) -> bool {
        match self.config.scaling {
            None => true,
            Some(scaling) => {
                self.recent_creations.len() < scaling.environments as usize
                    || self
                        .recent_creations
                        .front()
                        .is_some_and(|oldest_ms| *oldest_ms <= time_ms - scaling.window_ms)
            }
        }
    }

    pub(super) fn note_creation(&mut self, time_ms: f64) {
        if let Some(scaling) = self.config.scaling {
            if self.recent_creations.len() >= scaling.environments as usize {
                self.recent_creations.pop_front();
            }
            self.recent_creations.push_back(time_ms);
        }
    }

    pub(super) fn arrive(&mut self, time_ms: f64) {
        self.move_cursor(time_ms);
        self.advance_to(time_ms);
        self.summary.requests += 1;

        let reused = if self.in_flight >= self.limit {
            None
        } else if let Some(id) = self.provisioned_idle.pop() {
            // Lambda serves from provisioned concurrency first, spilling over to on-demand.
            Some((id, true))
        } else {
            self.idle.pop_back().map(|(_, id)| (id, false))
        };

        let (start, environment_id, provisioned, init_ms, duration_ms) =
            if let Some((id, provisioned)) = reused {
                let duration_ms = self.sample_duration_ms();
                (Start::Warm, Some(id), provisioned, 0.0, duration_ms)
            } else if self.in_flight >= self.limit {
                (Start::Throttled(self.limit_reason), None, false, 0.0, 0.0)
            } else if !self.scaling_allows(time_ms) {
                (
                    Start::Throttled(ThrottleReason::ScalingRate),
                    None,
                    false,
                    0.0,
                    0.0,
                )
            } else {
                let reason = if !self.any_environment_yet {
                    ColdReason::FirstInvoke
                } else if self.reclaimed_unreplaced > 0 {
                    self.reclaimed_unreplaced -= 1;
                    ColdReason::IdleExpiry
                } else {
                    ColdReason::AllBusy
                };
                let id = self.new_environment_id();
                self.note_creation(time_ms);
                let init_ms = self.sample_init_ms();
                let duration_ms = self.sample_duration_ms();
                self.book(time_ms + init_ms, |bucket| {
                    bucket.d_initialising -= 1;
                    bucket.d_busy += 1;
                });
                (Start::Cold(reason), Some(id), false, init_ms, duration_ms)
            };

        let summary = &mut self.summary;
        match start {
            Start::Warm => summary.warm_starts += 1,
            Start::Cold(reason) => {
                summary.cold_starts += 1;
                summary.environments_created += 1;
                match reason {
                    ColdReason::FirstInvoke => summary.cold_first_request += 1,
                    ColdReason::AllBusy => summary.cold_all_busy += 1,
                    ColdReason::IdleExpiry => summary.cold_idle_expiry += 1,
                    // The simulated environments never fail and the code never changes.
                    ColdReason::Reset | ColdReason::ConfigChange => {}
                }
            }
            Start::Throttled(reason) => {
                summary.throttles += 1;
                match reason {
                    ThrottleReason::AccountConcurrency => summary.throttles_account += 1,
                    ThrottleReason::ReservedConcurrency => summary.throttles_reserved += 1,
                    ThrottleReason::ScalingRate => summary.throttles_scaling += 1,
                }
            }
        }

        if let Some(id) = environment_id {
            let end_ms = time_ms + init_ms + duration_ms;
            self.in_flight += 1;
            self.busy.push(Reverse((Time(end_ms), id, provisioned)));
            let summary = &mut self.summary;
            summary.peak_concurrency = summary.peak_concurrency.max(self.in_flight);
            summary.init_ms_total += init_ms;
            summary.duration_ms_total += duration_ms;
            if self.last_billed.0 != duration_ms {
                self.last_billed = (duration_ms, billed_duration_ms(duration_ms, None));
            }
            summary.billed_duration_ms_total += self.last_billed.1;
            if provisioned {
                summary.provisioned_requests += 1;
                summary.provisioned_duration_ms_total += duration_ms;
            }
            summary.end_ms = summary.end_ms.max(end_ms);
            let latency_ms = init_ms + duration_ms;
            if start == Start::Warm {
                self.histogram_warm.record(latency_ms);
            } else {
                self.histogram_cold.record(latency_ms);
            }
        }

        let in_flight = self.in_flight;
        self.book(time_ms, |bucket| {
            bucket.requests += 1;
            bucket.peak_concurrency = bucket.peak_concurrency.max(in_flight);
            // Everything that happens at the arrival itself, booked at once.
            match start {
                Start::Warm => {
                    bucket.d_idle -= 1;
                    bucket.d_busy += 1;
                }
                Start::Cold(_) => {
                    bucket.cold_starts += 1;
                    bucket.d_initialising += 1;
                }
                Start::Throttled(_) => bucket.throttles += 1,
            }
        });

        if self.config.record_requests {
            self.outcomes.push(RequestOutcome {
                arrival_ms: time_ms,
                start,
                environment_id,
                provisioned,
                init_ms,
                duration_ms,
            });
        }
    }

    pub(super) fn finish(mut self) -> SimResult {
        // Apply what happens until the window closes (requests ending, reclaims, scheduled
        // provisioned changes); anything later is outside every bucket and every total.
        self.advance_to(self.config.duration_ms);
        self.provisioned_changes(self.config.duration_ms, 0);
        let step_ms = self.config.step_ms;
        let mut series = Vec::with_capacity(self.buckets.len());
        let (mut initialising, mut busy, mut idle, mut provisioned) = (0i64, 0i64, 0i64, 0i64);
        for (index, acc) in self.buckets.iter().enumerate() {
            // Requests already in flight when the bucket starts count towards its peak.
            let in_flight_at_start = (initialising + busy).max(0) as u32;
            initialising += i64::from(acc.d_initialising);
            busy += i64::from(acc.d_busy);
            idle += i64::from(acc.d_idle);
            provisioned += i64::from(acc.d_provisioned);
            series.push(SeriesBucket {
                start_ms: index as f64 * step_ms,
                requests: acc.requests,
                cold_starts: acc.cold_starts,
                throttles: acc.throttles,
                peak_concurrency: acc.peak_concurrency.max(in_flight_at_start),
                initialising: initialising.max(0) as u32,
                busy: busy.max(0) as u32,
                idle: idle.max(0) as u32,
                provisioned: provisioned.max(0) as u32,
            });
        }
        let mut summary = self.summary;
        summary.latency_warm = self.histogram_warm.percentiles();
        let mut all = self.histogram_cold;
        all.merge(&self.histogram_warm);
        summary.latency = all.percentiles();
        SimResult {
            summary,
            step_ms,
            series,
            requests: self.outcomes,
        }
    }
}
