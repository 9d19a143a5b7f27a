//! The simulator's tests: each rule of Lambda's scaling behaviour, the traffic patterns, the
//! percentiles, determinism and cancellation.

use super::*;

fn config(traffic: Traffic, duration_ms: f64) -> SimConfig {
    SimConfig {
        record_requests: true,
        ..SimConfig::new(traffic, duration_ms)
    }
}

fn burst(size: u32) -> Traffic {
    Traffic::Burst {
        size,
        every_ms: None,
    }
}

#[test]
fn a_burst_of_n_gives_n_cold_starts() {
    let result = run(&config(burst(250), 60_000.0)).expect("runs");
    let summary = &result.summary;
    assert_eq!(summary.requests, 250);
    assert_eq!(summary.cold_starts, 250);
    assert_eq!(summary.cold_first_request, 1);
    assert_eq!(summary.cold_all_busy, 249);
    assert_eq!(summary.throttles, 0);
    assert_eq!(summary.peak_concurrency, 250);
    assert!(result.requests.iter().all(RequestOutcome::is_cold));
}

#[test]
fn a_burst_of_n_with_n_provisioned_has_no_cold_starts() {
    let mut config = config(burst(250), 60_000.0);
    config.provisioned = 250;
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.cold_starts, 0);
    assert_eq!(result.summary.warm_starts, 250);
    assert_eq!(result.summary.provisioned_environments_created, 250);
    assert_eq!(result.summary.provisioned_requests, 250);
    assert_eq!(result.summary.provisioned_duration_ms_total, 250.0 * 100.0);
    assert!(result.requests.iter().all(|outcome| outcome.provisioned));
    // One more than provisioned spills over to one on-demand cold start.
    let mut spill = config.clone();
    spill.traffic = burst(251);
    let result = run(&spill).expect("runs");
    assert_eq!(result.summary.cold_starts, 1);
    assert_eq!(result.summary.cold_all_busy, 1);
    assert_eq!(result.summary.provisioned_requests, 250);
}

#[test]
fn steady_traffic_slower_than_one_function_stays_on_one_environment() {
    let mut config = config(Traffic::Steady { rate_per_s: 5.0 }, 3_600_000.0);
    config.function_duration = FunctionDuration::Fixed { duration_ms: 100.0 };
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.requests, 18_000);
    assert_eq!(result.summary.cold_starts, 1);
    assert_eq!(result.summary.peak_concurrency, 1);
    assert!(result.requests.iter().all(|r| r.environment_id == Some(0)));
    // Exactly one function at a time (arrival when the previous one ends) also reuses it.
    config.function_duration = FunctionDuration::Fixed { duration_ms: 200.0 };
    config.init = InitDurations::Fixed { init_ms: 0.0 };
    assert_eq!(run(&config).expect("runs").summary.cold_starts, 1);
    // But a slow first init can make the second request find the only environment busy.
    config.function_duration = FunctionDuration::Fixed { duration_ms: 150.0 };
    config.init = InitDurations::Fixed { init_ms: 100.0 };
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.cold_starts, 2);
    assert_eq!(result.requests[1].start, Start::Cold(ColdReason::AllBusy));
}

#[test]
fn a_pause_longer_than_the_idle_lifetime_gives_one_new_cold_start() {
    let lifetime_ms = ASSUMED_IDLE_LIFETIME_MS;
    let before: Vec<f64> = (0..60).map(|i| f64::from(i) * 1000.0).collect();
    let resume_ms = 59_000.0 + 100.0 + lifetime_ms + 60_000.0;
    let after: Vec<f64> = (0..60).map(|i| resume_ms + f64::from(i) * 1000.0).collect();
    let arrivals_ms: Vec<f64> = before.iter().chain(&after).copied().collect();
    let result = run(&config(Traffic::Replay { arrivals_ms }, 2.0 * 3_600_000.0)).expect("runs");
    let summary = &result.summary;
    assert_eq!(summary.cold_starts, 2);
    assert_eq!(summary.cold_first_request, 1);
    assert_eq!(summary.cold_idle_expiry, 1);
    // The second environment is reclaimed too, before the two hours are over.
    assert_eq!(summary.environments_reclaimed, 2);
    assert_eq!(
        result.requests[60].start,
        Start::Cold(ColdReason::IdleExpiry)
    );

    // A pause shorter than the idle lifetime keeps the environment warm.
    let short: Vec<f64> = vec![0.0, lifetime_ms - 1_000.0];
    let result = run(&config(Traffic::Replay { arrivals_ms: short }, 3_600_000.0)).expect("runs");
    assert_eq!(result.summary.cold_starts, 1);
}

#[test]
fn reserved_concurrency_throttles_the_rest_of_a_burst() {
    let mut config = config(burst(100), 60_000.0);
    config.reserved_concurrency = Some(5);
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.cold_starts, 5);
    assert_eq!(result.summary.throttles, 95);
    assert_eq!(result.summary.throttles_reserved, 95);
    assert_eq!(result.summary.peak_concurrency, 5);
}

#[test]
fn the_account_limit_throttles_when_nothing_is_reserved() {
    let result = run(&config(burst(1_200), 60_000.0)).expect("runs");
    assert_eq!(result.summary.cold_starts, 1_000);
    assert_eq!(result.summary.throttles_account, 200);
}

#[test]
fn the_scaling_rate_allows_1000_new_environments_per_10_seconds() {
    let mut config = config(
        Traffic::Burst {
            size: 3_000,
            every_ms: Some(5_000.0),
        },
        20_000.0,
    );
    config.account_concurrency = 5_000;
    config.step_ms = 1_000.0;
    let result = run(&config).expect("runs");
    let at = |time_ms: f64| {
        result
            .requests
            .iter()
            .filter(move |outcome| outcome.arrival_ms == time_ms)
    };
    // t = 0: 1,000 new environments, the other 2,000 synchronous requests throttled.
    assert_eq!(at(0.0).filter(|o| o.is_cold()).count(), 1_000);
    assert_eq!(
        at(0.0)
            .filter(|o| o.start == Start::Throttled(ThrottleReason::ScalingRate))
            .count(),
        2_000
    );
    // t = 5 s: the 1,000 are idle again and reused; no new environment yet.
    assert_eq!(
        at(5_000.0).filter(|o| o.start == Start::Warm).count(),
        1_000
    );
    assert_eq!(at(5_000.0).filter(|o| o.is_cold()).count(), 0);
    // t = 10 s: the window has passed, 1,000 more.
    assert_eq!(at(10_000.0).filter(|o| o.is_cold()).count(), 1_000);
    assert_eq!(
        at(10_000.0).filter(|o| o.start == Start::Warm).count(),
        1_000
    );
    // In any 10 s, at most 1,000 new environments.
    let creations: Vec<f64> = result
        .requests
        .iter()
        .filter(|o| o.is_cold())
        .map(|o| o.arrival_ms)
        .collect();
    for (index, created_ms) in creations.iter().enumerate() {
        let in_window = creations[index..]
            .iter()
            .take_while(|later| **later < created_ms + SCALING_WINDOW_MS)
            .count();
        assert!(in_window <= 1_000);
    }
    assert_eq!(result.series[0].cold_starts, 1_000);
    assert_eq!(result.series[0].throttles, 2_000);

    // Without the scaling limit the account limit is what throttles.
    config.scaling = None;
    let result = run(&config).expect("runs");
    assert_eq!(
        result
            .requests
            .iter()
            .filter(|o| o.arrival_ms == 0.0 && o.is_cold())
            .count(),
        3_000
    );
}

#[test]
fn the_same_seed_gives_the_same_result() {
    let mut config = config(Traffic::Poisson { rate_per_s: 50.0 }, 600_000.0);
    config.init = InitDurations::Samples {
        samples_ms: vec![100.0, 120.0, 400.0],
    };
    config.function_duration = FunctionDuration::Uniform {
        min_ms: 20.0,
        max_ms: 300.0,
    };
    config.seed = 7;
    let first = run(&config).expect("runs");
    let second = run(&config).expect("runs");
    assert_eq!(first, second);
    config.seed = 8;
    let other = run(&config).expect("runs");
    assert_ne!(first.requests, other.requests);
}

#[test]
fn changing_the_runtime_keeps_the_arrivals() {
    let mut config = config(Traffic::Poisson { rate_per_s: 5.0 }, 60_000.0);
    let first = run(&config).expect("runs");
    config.init = InitDurations::Samples {
        samples_ms: vec![10.0, 900.0],
    };
    let second = run(&config).expect("runs");
    let arrivals =
        |result: &SimResult| -> Vec<f64> { result.requests.iter().map(|o| o.arrival_ms).collect() };
    assert_eq!(arrivals(&first), arrivals(&second));
}

#[test]
fn poisson_mean_rate_is_close_to_the_requested_rate() {
    let config = SimConfig::new(Traffic::Poisson { rate_per_s: 10.0 }, 86_400_000.0);
    let requests = run(&config).expect("runs").summary.requests as f64;
    // Expected 864,000 with a standard deviation of ~930: 1% is over 9 sigma.
    assert!((requests / 864_000.0 - 1.0).abs() < 0.01, "{requests}");
}

#[test]
fn the_daily_cycle_peaks_at_the_peak_hour() {
    let mut config = SimConfig::new(
        Traffic::Daily {
            min_rate_per_s: 1.0,
            max_rate_per_s: 20.0,
            peak_hour_utc: 14.0,
        },
        86_400_000.0,
    );
    config.step_ms = 3_600_000.0;
    let result = run(&config).expect("runs");
    let busiest = result
        .series
        .iter()
        .max_by_key(|bucket| bucket.requests)
        .expect("24 buckets");
    assert!((13.0..=15.0).contains(&(busiest.start_ms / 3_600_000.0)));
    let expected = 10.5 * 86_400.0;
    assert!((result.summary.requests as f64 / expected - 1.0).abs() < 0.02);
    // Quiet nights: the 02:00 bucket is far below the 14:00 one.
    assert!(result.series[2].requests * 5 < result.series[14].requests);
}

#[test]
fn a_schedule_fires_at_its_period() {
    let config = config(
        Traffic::Schedule {
            period_ms: 300_000.0,
            offset_ms: 0.0,
            requests_per_run: 1,
        },
        3_600_000.0,
    );
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.requests, 12);
    // Every 5 minutes is well inside a 10-minute idle lifetime: one cold start.
    assert_eq!(result.summary.cold_starts, 1);
    // Every 15 minutes is not: each run is cold.
    let mut rare = config.clone();
    rare.traffic = Traffic::Schedule {
        period_ms: 900_000.0,
        offset_ms: 0.0,
        requests_per_run: 1,
    };
    let result = run(&rare).expect("runs");
    assert_eq!(result.summary.cold_starts, 4);
    assert_eq!(result.summary.cold_idle_expiry, 3);
}

#[test]
fn provisioned_concurrency_follows_its_schedule() {
    let mut config = config(
        Traffic::Burst {
            size: 10,
            every_ms: Some(60_000.0),
        },
        240_000.0,
    );
    config.provisioned_schedule = vec![
        ProvisionedChange {
            at_ms: 59_000.0,
            count: 10,
        },
        ProvisionedChange {
            at_ms: 150_000.0,
            count: 0,
        },
    ];
    config.idle_lifetime_ms = 1_000.0;
    config.step_ms = 30_000.0;
    let result = run(&config).expect("runs");
    let cold_at = |time_ms: f64| {
        result
            .requests
            .iter()
            .filter(|o| o.arrival_ms == time_ms && o.is_cold())
            .count()
    };
    assert_eq!(cold_at(0.0), 10);
    assert_eq!(cold_at(60_000.0), 0);
    assert_eq!(cold_at(120_000.0), 0);
    assert_eq!(cold_at(180_000.0), 10);
    // Ten provisioned environments for 91 s.
    assert!((result.summary.provisioned_environment_ms_total - 910_000.0).abs() < 1e-6);
    let provisioned: Vec<u32> = result.series.iter().map(|b| b.provisioned).collect();
    assert_eq!(provisioned, vec![0, 10, 10, 10, 10, 0, 0, 0]);
}

#[test]
fn a_scheduled_decrease_waits_for_busy_provisioned_environments() {
    let mut config = config(burst(4), 60_000.0);
    config.provisioned = 4;
    config.function_duration = FunctionDuration::Fixed {
        duration_ms: 10_000.0,
    };
    config.provisioned_schedule = vec![ProvisionedChange {
        at_ms: 5_000.0,
        count: 1,
    }];
    config.step_ms = 1_000.0;
    let result = run(&config).expect("runs");
    assert_eq!(result.series[5].provisioned, 4, "still busy at 5 s");
    assert_eq!(
        result.series[10].provisioned, 1,
        "retired when they finished"
    );
    assert_eq!(result.series[10].idle, 1);
}

#[test]
fn time_series_adds_up_to_the_summary() {
    let mut config = config(Traffic::Poisson { rate_per_s: 30.0 }, 3_600_000.0);
    config.function_duration = FunctionDuration::Uniform {
        min_ms: 50.0,
        max_ms: 400.0,
    };
    config.idle_lifetime_ms = 30_000.0;
    config.reserved_concurrency = Some(8);
    let result = run(&config).expect("runs");
    let total = |field: fn(&SeriesBucket) -> u32| -> u64 {
        result.series.iter().map(|b| u64::from(field(b))).sum()
    };
    assert_eq!(result.series.len(), 60);
    assert_eq!(total(|b| b.requests), result.summary.requests);
    assert_eq!(total(|b| b.cold_starts), result.summary.cold_starts);
    assert_eq!(total(|b| b.throttles), result.summary.throttles);
    assert_eq!(
        result.series.iter().map(|b| b.peak_concurrency).max(),
        Some(result.summary.peak_concurrency)
    );
    assert!(result.series.iter().all(|b| b.initialising + b.busy <= 8));
    assert_eq!(
        result.summary.requests,
        result.summary.warm_starts + result.summary.cold_starts + result.summary.throttles
    );
    assert_eq!(result.requests.len() as u64, result.summary.requests);
}

#[test]
fn summary_only_mode_gives_the_same_summary() {
    let recorded = config(Traffic::Poisson { rate_per_s: 20.0 }, 600_000.0);
    let summary_only = SimConfig {
        record_requests: false,
        ..recorded.clone()
    };
    let with = run(&recorded).expect("runs");
    let without = run(&summary_only).expect("runs");
    assert_eq!(with.summary, without.summary);
    assert_eq!(with.series, without.series);
    assert!(without.requests.is_empty());
}

#[test]
fn percentiles_with_and_without_cold_starts() {
    let mut config = config(Traffic::Steady { rate_per_s: 1.0 }, 100_000.0);
    config.init = InitDurations::Fixed { init_ms: 500.0 };
    config.function_duration = FunctionDuration::Fixed { duration_ms: 100.0 };
    config.idle_lifetime_ms = 60_000.0;
    // 100 requests, 1 s apart: cold at 0, then warm; never idle 60 s, so 1 cold start.
    let result = run(&config).expect("runs");
    assert_eq!(result.summary.cold_starts, 1);
    assert_eq!(result.summary.latency.p50_ms, 100.0);
    assert_eq!(result.summary.latency.p99_ms, 100.0);
    assert_eq!(result.summary.latency.max_ms, 600.0);
    assert_eq!(result.summary.latency_warm.count, 99);
    assert_eq!(result.summary.latency_warm.max_ms, 100.0);
    // A burst is all cold starts, so every latency includes init.
    let mut bursty = config.clone();
    bursty.traffic = Traffic::Burst {
        size: 50,
        every_ms: None,
    };
    let result = run(&bursty).expect("runs");
    assert_eq!(result.summary.latency.p99_ms, 600.0);
    assert_eq!(result.summary.latency_warm.count, 0);
}

#[test]
fn histogram_is_exact_for_repeated_values_and_close_otherwise() {
    let mut histogram = Histogram::new();
    for i in 1..=10_000 {
        histogram.record(f64::from(i) * 0.731);
    }
    let percentiles = histogram.percentiles();
    assert!((percentiles.p50_ms / (5_000.0 * 0.731) - 1.0).abs() < 0.002);
    assert!((percentiles.p99_ms / (9_900.0 * 0.731) - 1.0).abs() < 0.002);
    assert_eq!(Histogram::index(2_047), 2_047);
    assert_eq!(Histogram::index(2_048), 2_048);
    assert_eq!(Histogram::index(4_096), 3_072);
    assert_eq!(Histogram::index(u64::MAX), HISTOGRAM_BUCKETS - 1);
}

#[test]
fn bucket_boundaries_are_index_times_step() {
    let mut config = config(burst(1), 1_000.0);
    config.step_ms = 0.1;
    let engine = Engine::new(&config);
    for index in 0..10_000_usize {
        let start_ms = index as f64 * 0.1;
        assert_eq!(engine.bucket_index_slow(start_ms), index);
        if index > 0 {
            assert_eq!(engine.bucket_index_slow(start_ms.next_down()), index - 1);
        }
    }
    assert_eq!(billed_duration_ms(100.0, None), 100);
    assert_eq!(billed_duration_ms(100.2, None), 101);
    assert_eq!(billed_duration_ms(0.0, None), 1);
}

#[test]
fn cancel_stops_the_run() {
    let config = SimConfig::new(Traffic::Steady { rate_per_s: 10.0 }, 86_400_000.0);
    let mut calls = 0;
    let result = run_with_progress(&config, &mut |progress| {
        calls += 1;
        assert!(progress.fraction() > 0.0);
        calls < 3
    });
    assert_eq!(result, Err(SimError::Cancelled));
    assert_eq!(calls, 3);
    let mut last = 0.0;
    run_with_progress(&config, &mut |progress| {
        last = progress.fraction();
        true
    })
    .expect("runs");
    assert_eq!(last, 1.0);
}

#[test]
fn invalid_configurations_say_what_is_allowed() {
    let mut bad = SimConfig::new(Traffic::Steady { rate_per_s: 0.0 }, 1_000.0);
    assert!(
        bad.validate()
            .expect_err("rate 0")
            .to_string()
            .contains("more than 0")
    );
    bad.traffic = burst(10);
    bad.reserved_concurrency = Some(950);
    assert!(
        bad.validate()
            .expect_err("reserved")
            .to_string()
            .contains("900")
    );
    bad.reserved_concurrency = Some(5);
    bad.provisioned = 6;
    assert!(bad.validate().is_err());
    bad.provisioned = 0;
    bad.traffic = Traffic::Replay {
        arrivals_ms: vec![5.0, 1.0],
    };
    assert!(
        bad.validate()
            .expect_err("order")
            .to_string()
            .contains("entry 1")
    );
    bad.traffic = Traffic::Steady { rate_per_s: 1.0e9 };
    bad.duration_ms = 86_400_000.0 * 30.0;
    assert!(matches!(
        bad.validate(),
        Err(SimError::TooManyRequests { .. })
    ));
}
