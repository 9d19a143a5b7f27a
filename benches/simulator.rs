//! Simulator costs the Cold starts page pays when a slider moves: one day at 10 requests/s
//! (target under 100 ms, so sliders feel live) and one month at 10 requests/s (target a few
//! seconds, behind a progress bar). Issue 7.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_lab::model::coldstart::ColdStartInputs;
use lambda_lab::model::simulator::{self, SimConfig, Traffic};

const DAY_MS: f64 = 86_400_000.0;

/// Poisson traffic at 10 requests/s, a 100 ms handler, nodejs24.x init samples from
/// lambda-perf, AWS defaults otherwise: the page's default scenario.
fn scenario(duration_ms: f64, step_ms: f64, record_requests: bool) -> SimConfig {
    let Ok(estimate) = ColdStartInputs::default().estimate() else {
        panic!("the default runtime is in the lambda-perf data");
    };
    SimConfig {
        init: estimate.init_durations(),
        step_ms,
        record_requests,
        ..SimConfig::new(Traffic::Poisson { rate_per_s: 10.0 }, duration_ms)
    }
}

fn one_day(c: &mut Criterion) {
    let summary_only = scenario(DAY_MS, 60_000.0, false);
    c.bench_function(
        "one day at 10 req/s (864k requests), summary + series",
        |b| b.iter(|| simulator::run(black_box(&summary_only))),
    );
    let recorded = scenario(DAY_MS, 60_000.0, true);
    c.bench_function("one day at 10 req/s, every request recorded", |b| {
        b.iter(|| simulator::run(black_box(&recorded)))
    });
}

fn one_month(c: &mut Criterion) {
    let month = scenario(30.0 * DAY_MS, 3_600_000.0, false);
    let mut group = c.benchmark_group("month");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(
        "30 days at 10 req/s (25.9M requests), summary + series",
        |b| b.iter(|| simulator::run(black_box(&month))),
    );
    group.finish();
}

criterion_group!(benches, one_day, one_month);
criterion_main!(benches);
