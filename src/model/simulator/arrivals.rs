//! Request arrival times for each traffic pattern, generated in time order (never stored,
//! except for replays), and the random draws behind them.

use rand::RngCore;
use rand_pcg::Pcg64Mcg;

use super::*;

/// A uniform number in (0, 1], from the top 53 bits, identical on every platform.
pub(super) fn unit_open_closed(rng: &mut Pcg64Mcg) -> f64 {
    ((rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// An exponentially distributed gap with the given mean (Poisson process arrivals).
pub(super) fn exponential_ms(rng: &mut Pcg64Mcg, mean_ms: f64) -> f64 {
    -unit_open_closed(rng).ln() * mean_ms
}

/// The arrival generator: one state per traffic pattern, producing times in order.
pub(super) enum Arrivals<'a> {
    Steady {
        interval_ms: f64,
        index: u64,
    },
    Poisson {
        mean_gap_ms: f64,
        now_ms: f64,
    },
    /// Bursts and schedules: `size` requests at `first_ms + k × period_ms`.
    Grouped {
        first_ms: f64,
        period_ms: Option<f64>,
        size: u32,
        run: u64,
        left_in_run: u32,
    },
    /// Thinning (Lewis–Shedler): candidates at the peak rate, each kept with probability
    /// rate(t) / peak, which yields a Poisson process with the time-varying rate.
    Daily {
        min_rate_per_s: f64,
        max_rate_per_s: f64,
        peak_ms_of_day: f64,
        now_ms: f64,
    },
    Replay {
        arrivals_ms: &'a [f64],
        index: usize,
    },
}

pub(super) const DAY_MS: f64 = 86_400_000.0;

impl<'a> Arrivals<'a> {
    pub(super) fn new(traffic: &'a Traffic) -> Self {
        match traffic {
            Traffic::Steady { rate_per_s } => Arrivals::Steady {
                interval_ms: 1000.0 / rate_per_s,
                index: 0,
            },
            Traffic::Poisson { rate_per_s } => Arrivals::Poisson {
                mean_gap_ms: 1000.0 / rate_per_s,
                now_ms: 0.0,
            },
            Traffic::Burst { size, every_ms } => Arrivals::Grouped {
                first_ms: 0.0,
                period_ms: *every_ms,
                size: *size,
                run: 0,
                left_in_run: *size,
            },
            Traffic::Schedule {
                period_ms,
                offset_ms,
                requests_per_run,
            } => Arrivals::Grouped {
                first_ms: *offset_ms,
                period_ms: Some(*period_ms),
                size: *requests_per_run,
                run: 0,
                left_in_run: *requests_per_run,
            },
            Traffic::Daily {
                min_rate_per_s,
                max_rate_per_s,
                peak_hour_utc,
            } => Arrivals::Daily {
                min_rate_per_s: *min_rate_per_s,
                max_rate_per_s: *max_rate_per_s,
                peak_ms_of_day: peak_hour_utc * 3_600_000.0,
                now_ms: 0.0,
            },
            Traffic::Replay { arrivals_ms } => Arrivals::Replay {
                arrivals_ms,
                index: 0,
            },
        }
    }

    pub(super) fn next(&mut self, rng: &mut Pcg64Mcg, end_ms: f64) -> Option<f64> {
        let time_ms = match self {
            Arrivals::Steady { interval_ms, index } => {
                // Multiply rather than accumulate, so day-long runs do not drift.
                let time_ms = *index as f64 * *interval_ms;
                *index += 1;
                time_ms
            }
            Arrivals::Poisson {
                mean_gap_ms,
                now_ms,
            } => {
                *now_ms += exponential_ms(rng, *mean_gap_ms);
                *now_ms
            }
            Arrivals::Grouped {
                first_ms,
                period_ms,
                size,
                run,
                left_in_run,
            } => {
                if *left_in_run == 0 {
                    // Without a period there is only the first run.
                    period_ms.as_ref()?;
                    *run += 1;
                    *left_in_run = *size;
                }
                *left_in_run -= 1;
                *first_ms + *run as f64 * period_ms.unwrap_or(0.0)
            }
            Arrivals::Daily {
                min_rate_per_s,
                max_rate_per_s,
                peak_ms_of_day,
                now_ms,
            } => {
                let peak_gap_ms = 1000.0 / *max_rate_per_s;
                loop {
                    *now_ms += exponential_ms(rng, peak_gap_ms);
                    if *now_ms >= end_ms {
                        return None;
                    }
                    let phase = std::f64::consts::TAU * (*now_ms - *peak_ms_of_day) / DAY_MS;
                    let rate = *min_rate_per_s
                        + (*max_rate_per_s - *min_rate_per_s) * (1.0 + phase.cos()) / 2.0;
                    if unit_open_closed(rng) * *max_rate_per_s <= rate {
                        break *now_ms;
                    }
                }
            }
            Arrivals::Replay { arrivals_ms, index } => {
                let time_ms = *arrivals_ms.get(*index)?;
                *index += 1;
                time_ms
            }
        };
        (time_ms < end_ms).then_some(time_ms)
    }
}
