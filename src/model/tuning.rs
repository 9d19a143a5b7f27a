//! Power tuning and break-even, as models: how Lambda's duration and cost per invocation
//! would change with the memory size (CPU share grows with memory), and where a monthly
//! Lambda bill crosses an always-on server's. Pure; the Cost page feeds it measurements.

use serde::{Deserialize, Serialize};

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
    /// What the point is priced as. The duration model has no per-architecture speed (only a
    /// measurement on AWS tells whether code runs faster on Graviton), so both architectures
    /// share one estimated duration and differ in price.
    pub architecture: Architecture,
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
            architecture,
            measured,
            cold_init_ms,
            estimated_duration_ms: estimated,
            cost_per_invocation_usd: cost_per_invocation_usd(estimated, memory_mb, architecture),
        }
    }
}

/// What a power-tuning sweep optimises for: AWS Lambda Power Tuning's three strategies
/// (`strategy` in its input: "cost", "speed", "balanced"; cost is its default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// The lowest average cost per invocation; ties go to the faster.
    #[default]
    Cost,
    /// The lowest average duration; ties go to the cheaper.
    Speed,
    /// The lowest `weight × cost / max cost + (1 − weight) × duration / max duration`.
    Balanced,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Cost, Strategy::Speed, Strategy::Balanced];

    pub fn label(self) -> &'static str {
        match self {
            Strategy::Cost => "Cost",
            Strategy::Speed => "Speed",
            Strategy::Balanced => "Balanced",
        }
    }
}

/// Power Tuning's default `balancedWeight`.
pub const DEFAULT_BALANCED_WEIGHT: f64 = 0.5;

/// Where the strategies and the balanced formula come from.
pub const STRATEGY_SOURCE: &str = "AWS Lambda Power Tuning (github.com/alexcasalboni/\
     aws-lambda-power-tuning, lambda/analyzer.js, Apache-2.0; checked 2026-12): \
     cost = the cheapest average cost, speed = the fastest average duration, balanced = the \
     lowest weight × cost / max cost + (1 − weight) × duration / max duration, with \
     balancedWeight between 0 (speed only) and 1 (cost only), 0.5 by default.";

/// The balanced value of `point` among points whose largest cost and duration are given:
/// Power Tuning's `findBalanced` (lower is better).
pub fn balanced_value(point: &SweepPoint, weight: f64, max_cost: f64, max_duration: f64) -> f64 {
    let weight = weight.clamp(0.0, 1.0);
    weight * point.cost_per_invocation_usd / max_cost.max(f64::MIN_POSITIVE)
        + (1.0 - weight) * point.estimated_duration_ms / max_duration.max(f64::MIN_POSITIVE)
}

/// The point `strategy` picks (with `weight` for balanced). Ties not broken by the strategy's
/// own rule go to the point listed first (the sweep lists less memory first), as Power
/// Tuning's stable sort does.
pub fn best(points: &[SweepPoint], strategy: Strategy, weight: f64) -> Option<&SweepPoint> {
    let first = points.first()?;
    // Within a billionth counts as equal: estimates are floating point.
    let less = |a: f64, b: f64| a < b * (1.0 - 1e-9);
    let same = |a: f64, b: f64| !less(a, b) && !less(b, a);
    let max_cost = points
        .iter()
        .map(|p| p.cost_per_invocation_usd)
        .fold(0.0, f64::max);
    let max_duration = points
        .iter()
        .map(|p| p.estimated_duration_ms)
        .fold(0.0, f64::max);
    let mut best = first;
    for point in points {
        let better = match strategy {
            Strategy::Cost => {
                less(point.cost_per_invocation_usd, best.cost_per_invocation_usd)
                    || (same(point.cost_per_invocation_usd, best.cost_per_invocation_usd)
                        && less(point.estimated_duration_ms, best.estimated_duration_ms))
            }
            Strategy::Speed => {
                less(point.estimated_duration_ms, best.estimated_duration_ms)
                    || (same(point.estimated_duration_ms, best.estimated_duration_ms)
                        && less(point.cost_per_invocation_usd, best.cost_per_invocation_usd))
            }
            Strategy::Balanced => less(
                balanced_value(point, weight, max_cost, max_duration),
                balanced_value(best, weight, max_cost, max_duration),
            ),
        };
        if better {
            best = point;
        }
    }
    Some(best)
}

/// The sweep's picks, one per strategy, as AWS Lambda Power Tuning names them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picks {
    pub cheapest: SweepPoint,
    pub fastest: SweepPoint,
    /// The balanced pick at the weight asked for.
    pub balanced: SweepPoint,
}

impl Picks {
    pub fn of(&self, strategy: Strategy) -> SweepPoint {
        match strategy {
            Strategy::Cost => self.cheapest,
            Strategy::Speed => self.fastest,
            Strategy::Balanced => self.balanced,
        }
    }
}

/// Cheapest, fastest and balanced (at `weight`) among the points.
pub fn picks(points: &[SweepPoint], weight: f64) -> Option<Picks> {
    Some(Picks {
        cheapest: *best(points, Strategy::Cost, weight)?,
        fastest: *best(points, Strategy::Speed, weight)?,
        balanced: *best(points, Strategy::Balanced, weight)?,
    })
}

/// Why a list of memory sizes cannot be swept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryListError {
    #[error("no memory size given: type sizes in MB separated by commas, like 128, 512, 1024")]
    Empty,
    #[error("\"{0}\" is not a whole number of MB: type sizes like 128, 512, 1024")]
    NotANumber(String),
    #[error(
        "{0} MB is outside Lambda's memory sizes: {min} to {max} MB",
        min = crate::model::format::count(MIN_MEMORY_MB.into()),
        max = crate::model::format::count(MAX_MEMORY_MB.into())
    )]
    OutOfRange(u64),
}

/// The memory sizes typed as "128, 512, 1024 MB" (commas or semicolons between sizes, a
/// trailing "MB" allowed): sorted, each once, each within Lambda's limits.
pub fn parse_memory_list(text: &str) -> Result<Vec<u32>, MemoryListError> {
    let mut sizes = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let number = part
            .strip_suffix("MB")
            .or_else(|| part.strip_suffix("mb"))
            .unwrap_or(part)
            .trim()
            .replace('_', "");
        let value: u64 = number
            .parse()
            .map_err(|_| MemoryListError::NotANumber(part.to_owned()))?;
        if !(u64::from(MIN_MEMORY_MB)..=u64::from(MAX_MEMORY_MB)).contains(&value) {
            return Err(MemoryListError::OutOfRange(value));
        }
        // In range, so it fits a u32.
        sizes.push(value as u32);
    }
    if sizes.is_empty() {
        return Err(MemoryListError::Empty);
    }
    sizes.sort_unstable();
    sizes.dedup();
    Ok(sizes)
}

/// The default sizes as the memory field shows them.
pub fn default_memory_text() -> String {
    SWEEP_MEMORY_MB
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
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
        let picks = picks(&points, DEFAULT_BALANCED_WEIGHT).unwrap_or_else(|| panic!("points"));
        // CPU-bound: no faster past one vCPU, so the fastest is the smallest size at 1,769 MB.
        assert_eq!(picks.fastest.memory_mb, 1_769);
        assert!(picks.cheapest.memory_mb <= 1_769);
        assert!(picks.balanced.memory_mb <= 1_769);
    }

    /// A handler that computes 300 ms at one vCPU and waits 100 ms, on both architectures.
    fn mixed_points() -> Vec<SweepPoint> {
        let measured = Measured {
            compute_ms: 300.0,
            waiting_ms: 100.0,
        };
        [X86, Architecture::Arm64]
            .into_iter()
            .flat_map(|architecture| {
                SWEEP_MEMORY_MB
                    .iter()
                    .map(move |m| SweepPoint::new(*m, measured, measured, None, architecture))
            })
            .collect()
    }

    #[test]
    fn the_balanced_pick_moves_with_the_weight() {
        let points = mixed_points();
        let at = |weight| {
            best(&points, Strategy::Balanced, weight)
                .map(|p| (p.memory_mb, p.architecture))
                .unwrap_or_else(|| panic!("points"))
        };
        // Weight 1 is cost only, weight 0 is speed only, as in Power Tuning.
        let cheapest = best(&points, Strategy::Cost, 0.5).map(|p| (p.memory_mb, p.architecture));
        let fastest = best(&points, Strategy::Speed, 0.5).map(|p| (p.memory_mb, p.architecture));
        assert_eq!(Some(at(1.0)), cheapest);
        // Speed only: as fast as the Speed pick. Power Tuning's balanced formula breaks no
        // ties by cost, so the first listed of equally fast points (x86_64) is kept.
        assert_eq!(at(0.0), (FULL_VCPU_MEMORY_MB, X86));
        assert_ne!(at(1.0), at(0.0));
        // In between, the pick moves from the fastest size towards the cheapest one.
        let middle = at(0.5).0;
        assert!(
            middle <= FULL_VCPU_MEMORY_MB && middle >= at(1.0).0,
            "{middle}"
        );
        // Speed ties (both architectures run as fast in the model) go to the cheaper: arm64.
        assert_eq!(fastest, Some((FULL_VCPU_MEMORY_MB, Architecture::Arm64)));
        // Cost: the cheapest size is small and on arm64.
        assert_eq!(cheapest.map(|c| c.1), Some(Architecture::Arm64));
        // The formula itself: weight × cost / max cost + (1 − weight) × duration / max duration.
        let point = points[0];
        let max_cost = points
            .iter()
            .map(|p| p.cost_per_invocation_usd)
            .fold(0.0, f64::max);
        let max_duration = points
            .iter()
            .map(|p| p.estimated_duration_ms)
            .fold(0.0, f64::max);
        let value = balanced_value(&point, 0.25, max_cost, max_duration);
        let expected = 0.25 * point.cost_per_invocation_usd / max_cost
            + 0.75 * point.estimated_duration_ms / max_duration;
        assert!((value - expected).abs() < 1e-12);
    }

    #[test]
    fn memory_lists_are_checked_against_lambdas_limits() {
        assert_eq!(
            parse_memory_list("512, 128,1024 MB, 128"),
            Ok(vec![128, 512, 1024])
        );
        assert_eq!(
            parse_memory_list(&default_memory_text()),
            Ok(SWEEP_MEMORY_MB.to_vec())
        );
        assert_eq!(parse_memory_list(" , "), Err(MemoryListError::Empty));
        assert_eq!(
            parse_memory_list("128, lots"),
            Err(MemoryListError::NotANumber("lots".into()))
        );
        let error = parse_memory_list("64, 512").unwrap_err();
        assert_eq!(error, MemoryListError::OutOfRange(64));
        assert_eq!(
            error.to_string(),
            "64 MB is outside Lambda's memory sizes: 128 to 10,240 MB"
        );
        assert_eq!(
            parse_memory_list("10241"),
            Err(MemoryListError::OutOfRange(10_241))
        );
        assert_eq!(parse_memory_list("10240"), Ok(vec![MAX_MEMORY_MB]));
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
