//! `lambda-lab simulate` run as a user runs it: the real binary, its output and exit codes.

use std::process::{Command, Output};

fn simulate(args: &str) -> Output {
    let run = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .arg("simulate")
        .args(args.split_whitespace())
        .output();
    match run {
        Ok(output) => output,
        Err(error) => panic!("could not run lambda-lab: {error}"),
    }
}

fn json(args: &str) -> serde_json::Value {
    let output = simulate(&format!("{args} --json"));
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one object on one line: {stdout}"
    );
    match serde_json::from_str(&stdout) {
        Ok(value) => value,
        Err(error) => panic!("not valid JSON ({error}): {stdout}"),
    }
}

#[test]
fn summary_names_its_sources_and_assumptions() {
    let output = simulate("--pattern poisson --rate 10 --duration-secs 3600");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    for expected in [
        "not a measurement",
        "Requests",
        "Cold starts",
        "Throttles",
        "Peak concurrency",
        "p50",
        "p90",
        "p99",
        "without cold starts",
        "github.com/maxday/lambda-perf",
        "assumption: AWS does not document it",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
}

#[test]
fn json_has_the_keys_issue_7_promises() {
    let value = json("--pattern steady --rate 2 --duration-secs 600 --function-ms 100");
    for key in [
        "requests",
        "cold_starts",
        "throttles",
        "peak_concurrency",
        "p50_ms",
        "p99_ms",
    ] {
        assert!(value.get(key).is_some(), "missing {key}: {value}");
    }
    // Slower than one function at a time (the first one's init included): one environment,
    // one cold start.
    assert_eq!(value["requests"], 1_200);
    assert_eq!(value["cold_starts"], 1);
    assert_eq!(value["peak_concurrency"], 1);
    assert_eq!(value["p50_ms"], 100.0);
}

#[test]
fn a_burst_is_all_cold_unless_provisioned() {
    let cold = json("--pattern burst --burst-size 200 --duration-secs 60");
    assert_eq!(cold["cold_starts"], 200);
    assert_eq!(cold["throttles"], 0);
    let provisioned = json("--pattern burst --burst-size 200 --duration-secs 60 --provisioned 200");
    assert_eq!(provisioned["cold_starts"], 0);
    // Warm all the way: the handler's time alone (the Cold starts page's default, 200 ms).
    assert_eq!(provisioned["p99_ms"], 200.0);
}

#[test]
fn reserved_concurrency_throttles_the_rest_of_a_burst() {
    let value = json("--pattern burst --burst-size 500 --duration-secs 60 --reserved 5");
    assert_eq!(value["cold_starts"], 5);
    assert_eq!(value["throttles"], 495);
    assert_eq!(value["throttles_by_reason"]["reserved_concurrency"], 495);
}

#[test]
fn the_scaling_rate_throttles_a_burst_beyond_1000_new_environments() {
    let value = json("--pattern burst --burst-size 3000 --duration-secs 60 --account-limit 5000");
    assert_eq!(value["cold_starts"], 1_000);
    assert_eq!(value["throttles_by_reason"]["scaling_rate"], 2_000);
}

#[test]
fn a_quiet_gap_longer_than_the_idle_lifetime_goes_cold_again() {
    // One request every 15 minutes with a 10-minute idle lifetime: every one is cold.
    let value = json(
        "--pattern schedule --burst-size 1 --burst-every-secs 900 --duration-secs 3600 --idle-lifetime-secs 600",
    );
    assert_eq!(value["requests"], 4);
    assert_eq!(value["cold_starts"], 4);
    assert_eq!(value["cold_starts_by_reason"]["idle_expiry"], 3);
}

#[test]
fn the_same_seed_prints_the_same_output() {
    let args = "--pattern poisson --rate 20 --duration-secs 3600 --seed 42 --runtime python3.13";
    let first = simulate(args);
    let second = simulate(args);
    assert_eq!(first.stdout, second.stdout);
    let other =
        simulate("--pattern poisson --rate 20 --duration-secs 3600 --seed 43 --runtime python3.13");
    assert_ne!(first.stdout, other.stdout);
}

#[test]
fn bad_arguments_exit_2_and_say_what_is_allowed() {
    for (args, expected) in [
        ("--pattern steady --duration-secs 60", "--rate"),
        ("--pattern burst --duration-secs 60", "--burst-size"),
        (
            "--pattern steady --rate 1 --duration-secs 60 --runtime cobol",
            "nodejs24.x",
        ),
        (
            "--pattern steady --rate 1 --duration-secs 60 --memory-mb 20000",
            "128 to 10240",
        ),
        ("--pattern sometimes --duration-secs 60", "steady"),
    ] {
        let output = simulate(args);
        assert_eq!(output.status.code(), Some(2), "{args}");
        assert!(output.stdout.is_empty(), "{args}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args}: {stderr}");
    }
}
