//! Power tuning and break-even, as models: how Lambda's duration and cost per invocation
//! would change with the memory size (CPU share grows with memory), and where a monthly
//! Lambda bill crosses an always-on server's. Pure; the Cost page feeds it measurements.

use super::lambda::Architecture;
use super::limits::{FULL_VCPU_MEMORY_MB, MAX_MEMORY_MB, MIN_MEMORY_MB};
use super::pricing::{self, PricingInputs};

/// The memory sizes the sweep tries: 128 MB to 10,240 MB (the limits), including 1,769 MB (one vCPU).
pub const SWEEP_MEMORY_MB: [u32; 10] = [
    MIN_MEMORY_MB,
    256,
    512,
    1024,
    1536,
    FULL_VCPU_MEMORY_MB,
    2048,
    3008,
    5120,
    MAX_MEMORY_MB,
];

/// Hours in a month, as AWS prices always-on instances (FACTS.md).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// An always-on server to compare with (EC2 on-demand, us-east-1; FACTS.md, "verify before
/// shipping": widely quoted prices, checked 2026-11).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Server {
    pub name: &'static str,
    pub usd_per_hour: f64,
}

pub const T4G_SMALL: Server = Server {
    name: "EC2 t4g.small",
    usd_per_hour: 0.0168,
};
pub const T3_MICRO: Server = Server {
    name: "EC2 t3.micro",
    usd_per_hour: 0.0104,
};

impl Server {
    pub fn monthly_usd(self) -> f64 {
        self.usd_per_hour * HOURS_PER_MONTH
    }
}

/// One memory size's measurements: how long the handler computed and how long it waited
/// (timers, I/O), both as measured by the embedded engine on this machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    pub compute_ms: f64,
    pub waiting_ms: f64,
}

/// The share of one vCPU a function gets at `memory_mb`. Single-threaded JavaScript cannot
/// use more than one vCPU, so the share stops at 1 (more memory adds vCPUs it cannot use).
pub fn single_thread_cpu_share(memory_mb: u32) -> f64 {
    (f64::from(memory_mb) / f64::from(FULL_VCPU_MEMORY_MB)).min(1.0)
}

/// Estimated Lambda duration at `memory_mb` for work measured here, assuming this machine's
/// core is about one Lambda vCPU: computing slows down by the CPU share, waiting does not.
pub fn estimated_duration_ms(measured: Measured, memory_mb: u32) -> f64 {
    measured.compute_ms / single_thread_cpu_share(memory_mb) + measured.waiting_ms
}

/// The cost of one warm invocation of `duration_ms` at `memory_mb`: one request plus the
/// billed GB-s at the first price tier (no free tier: the marginal price).
pub fn cost_per_invocation_usd(
    duration_ms: f64,
    memory_mb: u32,
    architecture: Architecture,
) -> f64 {
    pricing::invocation_usd(
        pricing::billed_duration_ms(duration_ms, None),
        memory_mb,
        architecture,
    )
}

/// A trimmed mean: drops the lowest and highest tenth (at least one value each side when
/// there are five or more), so a hiccup of the machine does not move the result.
pub fn trimmed_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let dropped = if sorted.len() >= 5 {
        (sorted.len() / 10).max(1)
    } else {
        0
    };
    let kept = &sorted[dropped..sorted.len() - dropped];
    Some(kept.iter().sum::<f64>() / kept.len() as f64)
}

/// One point of the sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    pub memory_mb: u32,
    /// The warm runs at this size, as measured here.
    pub measured: Measured,
    /// The first (cold) invoke's Init Duration, shown apart from the warm runs.
    pub cold_init_ms: Option<f64>,
    /// Estimated from the whole sweep's runs (see [`SweepPoint::new`]).
    pub estimated_duration_ms: f64,
    pub cost_per_invocation_usd: f64,
}

impl SweepPoint {
    /// `pooled` is what every warm run of the sweep measured together: the embedded engine
    /// runs at the same speed whatever the memory size (only Lambda's CPU share differs), so
    /// each size's runs measure the same thing, and pooling them keeps machine noise from
    /// making one size look faster than another.
    pub fn new(
        memory_mb: u32,
        measured: Measured,
        pooled: Measured,
        cold_init_ms: Option<f64>,
        architecture: Architecture,
    ) -> Self {
        let estimated = estimated_duration_ms(pooled, memory_mb);
        Self {
            memory_mb,
            measured,
            cold_init_ms,
            estimated_duration_ms: estimated,
            cost_per_invocation_usd: cost_per_invocation_usd(estimated, memory_mb, architecture),
        }
    }
}

/// The sweep's picks, as AWS Lambda Power Tuning names them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picks {
    pub cheapest_mb: u32,
    pub fastest_mb: u32,
    /// The lowest product of normalised cost and normalised duration.
    pub balanced_mb: u32,
}

/// Cheapest, fastest and balanced among the points; ties go to less memory.
pub fn picks(points: &[SweepPoint]) -> Option<Picks> {
    let first = points.first()?;
    let better = |a: f64, b: f64| a < b * (1.0 - 1e-9);
    let mut cheapest = first;
    let mut fastest = first;
    for point in points {
        if better(
            point.cost_per_invocation_usd,
            cheapest.cost_per_invocation_usd,
        ) {
            cheapest = point;
        }
        if better(point.estimated_duration_ms, fastest.estimated_duration_ms) {
            fastest = point;
        }
    }
    let min_cost = cheapest.cost_per_invocation_usd.max(f64::MIN_POSITIVE);
    let min_duration = fastest.estimated_duration_ms.max(f64::MIN_POSITIVE);
    let score = |p: &SweepPoint| {
        (p.cost_per_invocation_usd / min_cost) * (p.estimated_duration_ms / min_duration)
    };
    let mut balanced = first;
    for point in points {
        if better(score(point), score(balanced)) {
            balanced = point;
        }
    }
    Some(Picks {
        cheapest_mb: cheapest.memory_mb,
        fastest_mb: fastest.memory_mb,
        balanced_mb: balanced.memory_mb,
    })
}

/// The monthly bill at `requests` with everything else as in `inputs`.
pub fn monthly_usd_at(inputs: &PricingInputs, requests: u64) -> Option<f64> {
    let mut at = inputs.clone();
    at.requests = requests;
    pricing::estimate(&at)
        .ok()
        .map(|estimate| estimate.total_usd())
}

/// The smallest number of requests a month at which Lambda costs more than `monthly_usd`
/// (binary search; the bill grows with requests). `None` when Lambda stays cheaper up to
/// `max_requests`.
pub fn break_even_requests(
    inputs: &PricingInputs,
    monthly_usd: f64,
    max_requests: u64,
) -> Option<u64> {
    if monthly_usd_at(inputs, max_requests)? <= monthly_usd {
        return None;
    }
    let (mut low, mut high) = (0_u64, max_requests);
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if monthly_usd_at(inputs, mid)? > monthly_usd {
            high = mid;
        } else {
            low = mid;
        }
    }
    Some(high)
}

#[cfg(test)]
mod tests {
    use super::*;

    const X86: Architecture = Architecture::X86_64;

    #[test]
    fn compute_speeds_up_until_one_vcpu_and_waiting_never_does() {
        let cpu_bound = Measured {
            compute_ms: 100.0,
            waiting_ms: 0.0,
        };
        let durations: Vec<f64> = SWEEP_MEMORY_MB
            .iter()
            .map(|m| estimated_duration_ms(cpu_bound, *m))
            .collect();
        assert!(
            durations.windows(2).take(5).all(|w| w[1] < w[0]),
            "{durations:?}"
        );
        let at_full = estimated_duration_ms(cpu_bound, FULL_VCPU_MEMORY_MB);
        assert!((at_full - 100.0).abs() < 1e-9);
        assert!((estimated_duration_ms(cpu_bound, 10_240) - at_full).abs() < 1e-9);

        let waiting = Measured {
            compute_ms: 1.0,
            waiting_ms: 200.0,
        };
        let costs: Vec<f64> = SWEEP_MEMORY_MB
            .iter()
            .map(|m| cost_per_invocation_usd(estimated_duration_ms(waiting, *m), *m, X86))
            .collect();
        assert!(
            costs.windows(2).all(|w| w[1] > w[0]),
            "a waiting handler costs more with more memory: {costs:?}"
        );
    }

    #[test]
    fn picks_follow_the_numbers() {
        let points: Vec<SweepPoint> = SWEEP_MEMORY_MB
            .iter()
            .map(|m| {
                let measured = Measured {
                    compute_ms: 400.0,
                    waiting_ms: 0.0,
                };
                SweepPoint::new(*m, measured, measured, None, X86)
            })
            .collect();
        let picks = picks(&points).unwrap_or_else(|| panic!("points"));
        // CPU-bound: no faster past one vCPU, so the fastest is the smallest size at 1,769 MB.
        assert_eq!(picks.fastest_mb, 1_769);
        assert!(picks.cheapest_mb <= 1_769);
        assert!(picks.balanced_mb <= 1_769 && picks.balanced_mb >= 512);
    }

    #[test]
    fn break_even_is_where_lambda_overtakes_the_server() {
        let inputs = PricingInputs {
            duration_ms: 100.0,
            memory_mb: 512,
            ..PricingInputs::default()
        };
        let server = T4G_SMALL.monthly_usd();
        let requests = break_even_requests(&inputs, server, 1_000_000_000)
            .unwrap_or_else(|| panic!("Lambda overtakes a small server eventually"));
        let below = monthly_usd_at(&inputs, requests - 1).unwrap_or_default();
        let at = monthly_usd_at(&inputs, requests).unwrap_or_default();
        assert!(below <= server && at > server, "{below} {at} {server}");
        assert!((T4G_SMALL.monthly_usd() - 12.264).abs() < 1e-9);
    }

    #[test]
    fn the_trimmed_mean_drops_a_tenth_each_side() {
        assert_eq!(trimmed_mean(&[1.0, 2.0, 3.0, 4.0, 100.0]), Some(3.0));
        // 20 values: two dropped each side.
        let mut values = vec![10.0; 16];
        values.extend([0.0, 0.0, 1000.0, 1000.0]);
        assert_eq!(trimmed_mean(&values), Some(10.0));
        assert_eq!(trimmed_mean(&[2.0, 4.0]), Some(3.0));
        assert_eq!(trimmed_mean(&[]), None);
    }
}
