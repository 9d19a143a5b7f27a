//! Exact-enough latency percentiles in fixed memory: a log-linear histogram of durations.

use super::*;

/// A log-linear latency histogram over whole microseconds: exact below 2,048 µs, then 1,024
/// sub-buckets per power of two (under 0.1% error). Each bucket also sums its values, so a
/// percentile reports the mean of the values in its bucket — exact when they are all equal.
pub(super) struct Histogram {
    pub(super) counts: Vec<u64>,
    pub(super) sums_ms: Vec<f64>,
    pub(super) count: u64,
    pub(super) total_ms: f64,
    pub(super) max_ms: f64,
}

pub(super) const HISTOGRAM_SUB_BITS: u32 = 10;
pub(super) const HISTOGRAM_EXACT: u64 = 2 << HISTOGRAM_SUB_BITS;
/// Enough for 2^40 µs (12 days); latencies are at most 910 s.
pub(super) const HISTOGRAM_BUCKETS: usize = 2048 + (40 - 11 + 1) * 1024;

impl Histogram {
    pub(super) fn new() -> Self {
        Self {
            counts: vec![0; HISTOGRAM_BUCKETS],
            sums_ms: vec![0.0; HISTOGRAM_BUCKETS],
            count: 0,
            total_ms: 0.0,
            max_ms: 0.0,
        }
    }

    pub(super) fn index(micros: u64) -> usize {
        if micros < HISTOGRAM_EXACT {
            return micros as usize;
        }
        let exponent = 63 - micros.leading_zeros();
        let sub = (micros >> (exponent - HISTOGRAM_SUB_BITS)) & ((1 << HISTOGRAM_SUB_BITS) - 1);
        let index = HISTOGRAM_EXACT as usize
            + (exponent as usize - 11) * (1 << HISTOGRAM_SUB_BITS)
            + sub as usize;
        index.min(HISTOGRAM_BUCKETS - 1)
    }

    pub(super) fn record(&mut self, value_ms: f64) {
        // Values are never negative, so adding 0.5 and truncating rounds (and avoids a libm
        // call on targets without SSE4.1).
        let index = Self::index((value_ms * 1000.0 + 0.5) as u64);
        self.counts[index] += 1;
        self.sums_ms[index] += value_ms;
        self.count += 1;
        self.total_ms += value_ms;
        if value_ms > self.max_ms {
            self.max_ms = value_ms;
        }
    }

    /// Adds another histogram's values to this one.
    pub(super) fn merge(&mut self, other: &Histogram) {
        for (count, more) in self.counts.iter_mut().zip(&other.counts) {
            *count += more;
        }
        for (sum, more) in self.sums_ms.iter_mut().zip(&other.sums_ms) {
            *sum += more;
        }
        self.count += other.count;
        self.total_ms += other.total_ms;
        self.max_ms = self.max_ms.max(other.max_ms);
    }

    pub(super) fn percentiles(&self) -> Percentiles {
        if self.count == 0 {
            return Percentiles::default();
        }
        let mut ranks =
            [0.50, 0.90, 0.99].map(|p: f64| ((p * self.count as f64).ceil() as u64).max(1));
        let mut values = [0.0; 3];
        let mut next = 0;
        let mut seen = 0;
        for (count, sum) in self.counts.iter().zip(&self.sums_ms) {
            if *count == 0 {
                continue;
            }
            seen += count;
            while next < ranks.len() && seen >= ranks[next] {
                values[next] = sum / *count as f64;
                ranks[next] = u64::MAX;
                next += 1;
            }
            if next == ranks.len() {
                break;
            }
        }
        Percentiles {
            count: self.count,
            mean_ms: self.total_ms / self.count as f64,
            p50_ms: values[0],
            p90_ms: values[1],
            p99_ms: values[2],
            max_ms: self.max_ms,
        }
    }
}
