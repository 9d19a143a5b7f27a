//! The power-tuning sweep over sample handlers gives the shape AWS Lambda Power Tuning shows:
//! CPU-bound code gets faster up to one vCPU (1,769 MB) and no faster beyond, and a handler
//! that mostly waits only costs more as memory grows. Runs the real engine; the assertions
//! compare sizes far apart, so machine noise cannot flip them.

use std::path::Path;

use lambda_lab::model::lambda::Architecture;
use lambda_lab::model::tuning::SweepPoint;
use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::tuning::{SweepEvent, SweepJob, run_sweep};

fn sweep(handler: &str, event: &str) -> Vec<SweepPoint> {
    let job = SweepJob {
        config: FunctionConfig {
            function_name: handler.into(),
            handler: format!("{handler}.handler"),
            code_path: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets/handlers")
                .join(format!("{handler}.mjs")),
            timeout_secs: 30,
            ..FunctionConfig::default()
        },
        event: SweepEvent::Text(event.into()),
        event_name: "test".into(),
        runs: 3,
        memory_mb: lambda_lab::model::tuning::SWEEP_MEMORY_MB.to_vec(),
        architectures: vec![Architecture::X86_64],
    };
    let mut last = 0.0;
    let result = run_sweep(&job, &|| false, |fraction| {
        assert!(fraction >= last, "progress only moves forward");
        last = fraction;
    })
    .unwrap();
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    assert!((last - 1.0).abs() < 1e-6, "progress ends at 100%: {last}");
    result.points
}

fn at(points: &[SweepPoint], memory_mb: u32) -> SweepPoint {
    *points.iter().find(|p| p.memory_mb == memory_mb).unwrap()
}

#[test]
fn cpu_bound_code_gets_faster_up_to_one_vcpu_and_no_faster_beyond() {
    let points = sweep("primes", r#"{"limit": 200000}"#);
    assert_eq!(points.len(), 10);
    let duration = |m| at(&points, m).estimated_duration_ms;
    assert!(duration(128) > 2.0 * duration(512), "{points:#?}");
    assert!(duration(512) > 2.0 * duration(1769), "{points:#?}");
    // All sizes' runs are pooled, so past one vCPU the estimate is flat, and the fastest
    // pick is the least memory that reaches it.
    assert!(
        (duration(10_240) - duration(1769)).abs() < 1e-9,
        "{points:#?}"
    );
    let picks = lambda_lab::model::tuning::picks(&points, 0.5).unwrap();
    assert_eq!(picks.fastest.memory_mb, 1769);
    // The cold invoke is kept apart from the averaged warm ones.
    assert!(points.iter().all(|p| p.cold_init_ms.is_some()));
}

#[test]
fn a_handler_that_mostly_waits_costs_more_as_memory_grows() {
    let points = sweep("slow", r#"{"delayMs": 60}"#);
    let point = at(&points, 1024);
    assert!(
        point.measured.waiting_ms > 10.0 * point.measured.compute_ms,
        "it waits rather than computes: {point:?}"
    );
    let cost = |m| at(&points, m).cost_per_invocation_usd;
    assert!(cost(1024) > 3.0 * cost(128), "{points:#?}");
    assert!(cost(10_240) > 5.0 * cost(1024), "{points:#?}");
}
