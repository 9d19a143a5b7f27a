//! Event sources that deliver to a function as AWS's triggers do: a queue with an event
//! source mapping ([`queue`]), a folder watched as an S3 bucket ([`bucket`]) and an
//! EventBridge schedule ([`schedule`]). Each runner drives a [`model`](crate::model) of the
//! service against a [`Pool`](crate::runtime::pool::Pool) and reports every delivery through a
//! callback, so the command line prints it and the window adds it to the session. Time runs
//! on a [`Clock`] that can be fast-forwarded; a [`StopFlag`] ends a runner between deliveries.

pub mod bucket;
pub mod http;
pub mod queue;
pub mod schedule;
pub mod settings;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The time a source lives in: real time, or faster by `speed` (a day of a schedule in
/// seconds). Invokes take real time either way; only the waits between them shrink.
#[derive(Clone, Debug)]
pub struct Clock {
    started: Instant,
    start_ms: u64,
    speed: f64,
}

impl Clock {
    /// A clock reading `start_ms` (Unix milliseconds) now, running `speed` times as fast as
    /// real time (1.0: real time; values below 1 are taken as 1).
    pub fn new(start_ms: u64, speed: f64) -> Self {
        Self {
            started: Instant::now(),
            start_ms,
            speed: if speed.is_finite() && speed > 1.0 {
                speed
            } else {
                1.0
            },
        }
    }

    /// Real time from now (Unix milliseconds), at `speed`.
    pub fn real_time(speed: f64) -> Self {
        Self::new(crate::runtime::record::now_ms(), speed)
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// The clock's time, Unix milliseconds.
    pub fn now_ms(&self) -> u64 {
        let elapsed_ms = self.started.elapsed().as_secs_f64() * 1000.0 * self.speed;
        self.start_ms + elapsed_ms as u64
    }

    /// Sleeps until the clock reads `target_ms`, in short steps so a stop is noticed within
    /// a tenth of a second. Returns false when stopped first.
    pub fn sleep_until(&self, target_ms: u64, stop: &StopFlag) -> bool {
        loop {
            if stop.is_set() {
                return false;
            }
            let now_ms = self.now_ms();
            if now_ms >= target_ms {
                return true;
            }
            let real_ms = ((target_ms - now_ms) as f64 / self.speed).ceil() as u64;
            std::thread::sleep(Duration::from_millis(real_ms.clamp(1, 100)));
        }
    }
}

/// Asks a runner to stop; cheap to clone and share with a Ctrl+C handler or the window.
#[derive(Clone, Debug, Default)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    pub fn set(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fast_clock_runs_ahead_and_a_stop_ends_its_sleep() {
        let clock = Clock::new(1_000, 1_000.0);
        let stop = StopFlag::default();
        // A minute of clock time at 1,000× is 60 ms of real time.
        assert!(clock.sleep_until(61_000, &stop));
        assert!(clock.now_ms() >= 61_000);
        stop.set();
        assert!(!clock.sleep_until(u64::MAX, &stop));
        assert_eq!(Clock::new(0, 0.5).speed(), 1.0);
    }
}
