//! Scenarios against the simulator and the pricing model: experiments, comparisons, bills,
//! typed durations.

use super::*;
use crate::model::pricing::LineItemKind;

fn run(inputs: &ScenarioInputs) -> ScenarioRun {
    simulate(inputs, &mut |_| true).expect("runs")
}

#[test]
fn a_replay_sends_requests_at_the_recorded_moments() {
    // Three at once, then one a second later when all three environments are idle again.
    let inputs = ScenarioInputs {
        pattern: Pattern::Replay,
        replay_arrivals_ms: vec![0.0, 0.0, 0.0, 1_000.0],
        function_ms: 100.0,
        duration_secs: 60.0,
        ..ScenarioInputs::default()
    };
    let summary = run(&inputs).result.summary;
    assert_eq!(summary.requests, 4);
    assert_eq!(summary.cold_starts, 3);
    assert_eq!(summary.warm_starts, 1);
}

#[test]
fn chart_steps_are_round_and_at_most_400_buckets() {
    assert_eq!(chart_step_ms(60_000.0), 200.0);
    assert_eq!(chart_step_ms(3_600_000.0), 10_000.0);
    assert_eq!(chart_step_ms(86_400_000.0), 300_000.0);
    assert_eq!(chart_step_ms(30.0 * 86_400_000.0), 7_200_000.0);
    assert_eq!(chart_step_ms(1_000.0), 100.0);
    for duration_ms in [1.0, 59_999.0, 4.0 * 3_600_000.0, 1.0e12] {
        assert!(duration_ms / chart_step_ms(duration_ms) <= MAX_CHART_BUCKETS);
    }
    assert_eq!(chart_step_ms(f64::NAN), 100.0);
}

#[test]
fn the_defaults_make_a_valid_configuration() {
    let (config, init) = ScenarioInputs::default().config().expect("valid");
    assert_eq!(config.step_ms, 300_000.0);
    assert!(init.median_ms() > 0.0);
    assert!(matches!(config.traffic, Traffic::Daily { .. }));
}

#[test]
fn saved_inputs_from_older_versions_still_load() {
    let inputs: ScenarioInputs =
        serde_json::from_str(r#"{"pattern":"burst","burst_size":7,"arch":"arm64"}"#)
            .expect("loads");
    assert_eq!(inputs.pattern, Pattern::Burst);
    assert_eq!(inputs.burst_size, 7);
    assert_eq!(inputs.arch, Architecture::Arm64);
    assert_eq!(inputs.runtime, ScenarioInputs::default().runtime);
    let round_trip: ScenarioInputs =
        serde_json::from_str(&serde_json::to_string(&inputs).expect("encodes")).expect("decodes");
    assert_eq!(round_trip, inputs);
}

#[test]
fn the_experiments_show_what_they_promise() {
    let summary = |experiment: Experiment| run(&experiment.inputs()).result.summary;

    let quiet = summary(Experiment::QuietHour);
    assert_eq!((quiet.requests, quiet.cold_starts), (4, 4));
    assert_eq!(quiet.cold_idle_expiry, 3);

    let burst = summary(Experiment::BurstOf500);
    assert_eq!((burst.cold_starts, burst.peak_concurrency), (500, 500));

    let steady = summary(Experiment::SteadyNeverCold);
    assert_eq!((steady.requests, steady.cold_starts), (7_200, 1));
    assert_eq!(steady.peak_environments, 1);

    let reserved = summary(Experiment::Reserved5);
    assert_eq!((reserved.cold_starts, reserved.throttles), (5, 495));

    let provisioned = run(&Experiment::Provisioned10.inputs());
    assert_eq!(provisioned.result.summary.cold_starts, 0);
    assert_eq!(provisioned.result.summary.provisioned_requests, 80);
    let on_demand = provisioned.on_demand_only.expect("compared with on demand");
    assert_eq!(on_demand.cold_starts, 80, "15 minutes idle is too long");

    let compared = run(&Experiment::CompareRuntimes.inputs());
    assert_eq!(compared.comparison.len(), 4);
    let p50 = |index: usize| match &compared.comparison[index].outcome {
        Ok((_, summary)) => summary.latency.p50_ms,
        Err(error) => panic!("{error}"),
    };
    assert!(p50(3) < p50(0), "Rust starts faster than Java");
    assert!(p50(3) < p50(1) && p50(3) < p50(2));
}

#[test]
fn bad_inputs_say_which_input_and_what_is_allowed() {
    let too_many_provisioned = ScenarioInputs {
        reserved: Some(5),
        provisioned: 6,
        ..ScenarioInputs::default()
    };
    let message = too_many_provisioned
        .config()
        .expect_err("6 > 5")
        .to_string();
    assert!(
        message.starts_with("Provisioned concurrency can be at most 5"),
        "{message}"
    );
    let unknown = ScenarioInputs {
        runtime: "cobol".to_owned(),
        ..ScenarioInputs::default()
    };
    assert!(unknown.config().is_err());
    let flood = ScenarioInputs {
        pattern: Pattern::Steady,
        rate_per_s: 1_000.0,
        duration_secs: MONTH_SECS,
        ..ScenarioInputs::default()
    };
    let message = flood.config().expect_err("2.6e9 requests").to_string();
    assert!(message.contains("2,592,000,000 requests"), "{message}");
    let tiny = ScenarioInputs {
        memory_mb: 64,
        ..ScenarioInputs::default()
    };
    assert_eq!(tiny.config(), Err(ScenarioError::Memory(64)));
}

#[test]
fn cancelling_stops_the_whole_scenario() {
    let error = simulate(&ScenarioInputs::default(), &mut |_| false).expect_err("cancelled");
    assert!(error.is_cancelled());
}

#[test]
fn progress_covers_every_run_and_ends_at_one() {
    let inputs = ScenarioInputs {
        pattern: Pattern::Steady,
        rate_per_s: 100.0,
        duration_secs: 3_600.0,
        provisioned: 2,
        ..ScenarioInputs::default()
    };
    let mut seen = Vec::new();
    simulate(&inputs, &mut |fraction| {
        seen.push(fraction);
        true
    })
    .expect("runs");
    assert!(seen.windows(2).all(|pair| pair[0] <= pair[1]), "{seen:?}");
    assert_eq!(seen.last().copied(), Some(1.0));
    assert!(seen.iter().any(|fraction| (0.4..=0.6).contains(fraction)));
}

#[test]
fn bills_scale_the_simulation_to_a_month() {
    let reserved = run(&Experiment::Reserved5.inputs());
    let bills = &reserved.bills;
    assert_eq!(bills.scale, 43_200.0);
    assert!(bills.with_provisioned.is_none());
    let estimate = bills.on_demand.estimate.as_ref().expect("prices");
    // 5 served (495 throttled) × 43,200 = 216,000 requests, all cold.
    assert_eq!(estimate.inputs.requests, 216_000);
    let cold = estimate.inputs.cold_starts.expect("cold starts");
    assert_eq!(cold.rate, 1.0);
    assert!(
        bills.on_demand.derivation[1].contains("5 served × 43,200 = 216,000"),
        "{:?}",
        bills.on_demand.derivation
    );
    assert!(estimate.line(LineItemKind::Init).is_some());
}

#[test]
fn provisioned_concurrency_is_billed_all_month() {
    let provisioned = run(&Experiment::Provisioned10.inputs());
    let bills = &provisioned.bills;
    assert_eq!(bills.scale, 360.0);
    let with = bills
        .with_provisioned
        .as_ref()
        .expect("provisioned bill")
        .estimate
        .as_ref()
        .expect("prices");
    let on_demand = bills.on_demand.estimate.as_ref().expect("prices");
    let pc = with.inputs.provisioned.expect("provisioned inputs");
    assert_eq!((pc.concurrency, pc.requests), (10, 80 * 360));
    assert_eq!(pc.hours_enabled, MONTH_HOURS);
    assert_eq!(with.inputs.requests, 0, "every request found a warm one");
    // 10 × 2,592,000 s × 128 MB = 3,240,000 GB-s × $0.0000041667 = $13.50.
    assert_eq!(with.cents(LineItemKind::ProvisionedConcurrency), 1_350);
    assert_eq!(on_demand.inputs.requests, 80 * 360);
    assert!(on_demand.total_cents < with.total_cents);
}

#[test]
fn durations_read_and_print_like_people_write_them() {
    assert_eq!(format::duration_words(45.0), "45 s");
    assert_eq!(format::duration_words(3_600.0), "1 h");
    assert_eq!(format::duration_words(5_400.0), "1 h 30 min");
    assert_eq!(format::duration_words(86_400.0), "1 day");
    assert_eq!(format::duration_words(MONTH_SECS), "30 days");
    assert_eq!(format::duration_words(90_061.0), "1 day 1 h");
    assert_eq!(parse_duration_secs("90"), Some(90.0));
    assert_eq!(parse_duration_secs("1 h 30 min"), Some(5_400.0));
    assert_eq!(parse_duration_secs("2d"), Some(172_800.0));
    assert_eq!(parse_duration_secs("1.5 h"), Some(5_400.0));
    assert_eq!(parse_duration_secs("45 s"), Some(45.0));
    assert_eq!(parse_duration_secs("1 day 1 h"), Some(90_000.0));
    assert_eq!(parse_duration_secs("soon"), None);
    assert_eq!(parse_duration_secs(""), None);
    assert_eq!(format::factor(43_200.0), "43,200");
    assert_eq!(format::factor(2.5), "2.5");
    assert_eq!(format::decimals(136.239, 2), "136.24");
    assert_eq!(format::decimals(100.0, 2), "100");
}
