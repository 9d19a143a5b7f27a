//! `lambda-lab cost` end to end: the real binary reproduces AWS's worked examples to the cent
//! and refuses bad values with exit code 2 and a message saying what is allowed.

use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cost(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .arg("cost")
        .args(args)
        .output()
        .expect("runs");
    Run {
        code: output.status.code().expect("exit code"),
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

fn cost_json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let run = cost(&all);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON object")
}

/// A JSON dollar amount as whole cents (the values are printed from cents, so this is exact).
fn cents(json: &serde_json::Value, key: &str) -> i64 {
    let usd = json[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {json}"));
    (usd * 100.0).round() as i64
}

fn assert_refused(args: &[&str], flag: &str, message_part: &str) {
    let run = cost(args);
    assert_eq!(
        run.code, 2,
        "{args:?} should exit 2; stdout: {}",
        run.stdout
    );
    assert!(
        run.stdout.is_empty(),
        "{args:?} printed a bill: {}",
        run.stdout
    );
    assert!(
        run.stderr.contains(flag) && run.stderr.contains(message_part),
        "{args:?}: stderr should name {flag} and say {message_part:?}; got: {}",
        run.stderr
    );
}

const EXAMPLE_1: [&str; 6] = [
    "--requests",
    "3000000",
    "--duration-ms",
    "120",
    "--memory-mb",
    "1536",
];

#[test]
fn example_1_human_output_shows_the_arithmetic() {
    let run = cost(&EXAMPLE_1);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(
        run.stdout
            .contains("540,000 GB-s − 400,000 free = 140,000 GB-s × $0.0000166667 = $2.33"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "3,000,000 requests − 1,000,000 free = 2,000,000 requests × $0.20 per 1M = $0.40"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("$2.33 + $0.40 = $2.73"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty());
}

#[test]
fn example_1_json() {
    let json = cost_json(&EXAMPLE_1);
    assert_eq!(cents(&json, "compute_usd"), 233);
    assert_eq!(cents(&json, "requests_usd"), 40);
    assert_eq!(cents(&json, "total_usd"), 273);
    for absent in [
        "ephemeral_usd",
        "provisioned_concurrency_usd",
        "provisioned_duration_usd",
        "init_usd",
    ] {
        assert_eq!(json[absent].as_f64(), Some(0.0), "{absent}");
    }
    assert_eq!(json["inputs"]["requests"], 3_000_000);
    assert_eq!(json["inputs"]["memory_mb"], 1536);
    assert_eq!(json["inputs"]["arch"], "x86_64");
    assert_eq!(json["inputs"]["free_tier"], true);
}

#[test]
fn example_1_without_free_tier() {
    // 540,000 GB-s × $0.0000166667 = $9.000018 → $9.00; 3M × $0.20/M = $0.60.
    let mut args = EXAMPLE_1.to_vec();
    args.push("--no-free-tier");
    let json = cost_json(&args);
    assert_eq!(cents(&json, "compute_usd"), 900);
    assert_eq!(cents(&json, "requests_usd"), 60);
    assert_eq!(cents(&json, "total_usd"), 960);
    assert_eq!(json["inputs"]["free_tier"], false);
}

#[test]
fn example_2_with_ephemeral_storage() {
    let json = cost_json(&[
        "--requests",
        "6000000",
        "--duration-ms",
        "280",
        "--memory-mb",
        "4096",
        "--ephemeral-mb",
        "2048",
    ]);
    assert_eq!(cents(&json, "compute_usd"), 10_533);
    assert_eq!(cents(&json, "requests_usd"), 100);
    assert_eq!(cents(&json, "ephemeral_usd"), 8);
    assert_eq!(cents(&json, "total_usd"), 10_641);
}

#[test]
fn aws_provisioned_concurrency_example() {
    // AWS pricing page: 1,024 MB, 1,000 concurrency for 2 h, 1.2M requests of 1 s:
    // $30.00 (7.2M GB-s × $0.0000041667) + $11.67 (1.2M GB-s × $0.0000097222) + $0.24 = $41.91.
    let json = cost_json(&[
        "--requests",
        "0",
        "--duration-ms",
        "0",
        "--memory-mb",
        "1024",
        "--pc-concurrency",
        "1000",
        "--pc-hours",
        "2",
        "--pc-requests",
        "1200000",
        "--pc-duration-ms",
        "1000",
    ]);
    assert_eq!(cents(&json, "provisioned_concurrency_usd"), 3_000);
    assert_eq!(cents(&json, "provisioned_duration_usd"), 1_167);
    assert_eq!(cents(&json, "requests_usd"), 24);
    assert_eq!(cents(&json, "compute_usd"), 0);
    assert_eq!(cents(&json, "total_usd"), 4_191);
    assert_eq!(json["inputs"]["pc_concurrency"], 1000);
}

#[test]
fn provisioned_concurrency_with_overflow_on_arm() {
    // By hand (see the model's unit test): $175.20 + $15.56 + $4.20 + $0.00 = $194.96.
    let json = cost_json(&[
        "--requests",
        "2000000",
        "--duration-ms",
        "50",
        "--memory-mb",
        "2048",
        "--arch",
        "arm64",
        "--pc-concurrency",
        "10",
        "--pc-hours",
        "730",
        "--pc-requests",
        "20000000",
        "--pc-duration-ms",
        "50",
    ]);
    assert_eq!(cents(&json, "provisioned_concurrency_usd"), 17_520);
    assert_eq!(cents(&json, "provisioned_duration_usd"), 1_556);
    assert_eq!(cents(&json, "requests_usd"), 420);
    assert_eq!(cents(&json, "compute_usd"), 0);
    assert_eq!(cents(&json, "total_usd"), 19_496);
}

#[test]
fn tier_boundaries_for_both_architectures() {
    // 1,024 MB × 1,000 ms = 1 GB-s per request, so requests = GB-s; free tier off.
    let compute = |arch: &str, requests: &str| {
        let json = cost_json(&[
            "--requests",
            requests,
            "--duration-ms",
            "1000",
            "--memory-mb",
            "1024",
            "--arch",
            arch,
            "--no-free-tier",
        ]);
        cents(&json, "compute_usd")
    };
    // x86_64: 6B × $0.0000166667 = $100,000.20; 1M more at $0.000015 = + $15.00.
    assert_eq!(compute("x86_64", "6000000000"), 10_000_020);
    assert_eq!(compute("x86_64", "6001000000"), 10_001_520);
    // x86_64: 15B = $235,000.20; 1M more at $0.0000133334 = + $13.3334.
    assert_eq!(compute("x86_64", "15000000000"), 23_500_020);
    assert_eq!(compute("x86_64", "15001000000"), 23_501_353);
    // arm64: 7.5B × $0.0000133334 = $100,000.50; 1M more at $0.0000120001 = + $12.0001.
    assert_eq!(compute("arm64", "7500000000"), 10_000_050);
    assert_eq!(compute("arm64", "7501000000"), 10_001_250);
    // arm64: 18.75B = $235,001.625 → $235,001.63 (half up); 1M more at $0.0000106667.
    assert_eq!(compute("arm64", "18750000000"), 23_500_163);
    assert_eq!(compute("arm64", "18751000000"), 23_501_229);
}

#[test]
fn fractional_duration_bills_as_whole_ms() {
    // 1e9 × 2 ms (1.2 rounded up) × 1 GB = 2,000,000 GB-s × $0.0000166667 = $33.33.
    let args = [
        "--requests",
        "1000000000",
        "--duration-ms",
        "1.2",
        "--memory-mb",
        "1024",
        "--no-free-tier",
    ];
    let json = cost_json(&args);
    assert_eq!(cents(&json, "compute_usd"), 3_333);
    let run = cost(&args);
    assert!(
        run.stdout.contains("2 ms (1.2 ms rounded up)"),
        "{}",
        run.stdout
    );
}

#[test]
fn init_billing_for_cold_starts() {
    // 1% of 3M = 30,000 cold starts × 130 ms × 1.5 GB = 5,850 GB-s × $0.0000166667 = $0.10.
    let mut args = EXAMPLE_1.to_vec();
    args.extend(["--cold-start-rate", "0.01", "--init-ms", "130"]);
    let json = cost_json(&args);
    assert_eq!(cents(&json, "init_usd"), 10);
    assert_eq!(cents(&json, "compute_usd"), 233);
    assert_eq!(cents(&json, "total_usd"), 283);
    assert_eq!(json["inputs"]["init_billed"], true);
    // The human output compares with the bill before INIT was billed (2025-08-01).
    let run = cost(&args);
    assert!(
        run.stdout.contains("$2.33 + $0.10 + $0.40 = $2.83"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Before 2025-08-01") && run.stdout.contains("total $2.73"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_values_exit_2_and_say_what_is_allowed() {
    let base = |extra: &[&'static str]| {
        let mut args = vec![
            "--requests",
            "1000",
            "--duration-ms",
            "100",
            "--memory-mb",
            "128",
        ];
        args.extend_from_slice(extra);
        args
    };
    let with = |flag: &'static str, value: &'static str| {
        let mut args: Vec<&str> = Vec::new();
        let defaults = [
            ("--requests", "1000"),
            ("--duration-ms", "100"),
            ("--memory-mb", "128"),
        ];
        for (name, default) in defaults {
            args.push(name);
            args.push(if name == flag { value } else { default });
        }
        args
    };

    assert_refused(
        &with("--memory-mb", "20000"),
        "--memory-mb",
        "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value \
         less than or equal to 10240",
    );
    assert_refused(
        &with("--memory-mb", "127"),
        "--memory-mb",
        "Member must have value greater than or equal to 128",
    );
    assert_refused(
        &with("--memory-mb", "-5"),
        "--memory-mb",
        "128 to 10,240 MB",
    );
    assert_refused(
        &with("--memory-mb", "1536.5"),
        "--memory-mb",
        "whole number",
    );
    assert_refused(
        &with("--requests", "-1"),
        "--requests",
        "greater than or equal to 0",
    );
    assert_refused(&with("--requests", "1.5"), "--requests", "whole number");
    assert_refused(
        &with("--duration-ms", "-0.5"),
        "--duration-ms",
        "0 to 900,000 ms",
    );
    assert_refused(
        &with("--duration-ms", "900001"),
        "--duration-ms",
        "0 to 900,000 ms",
    );
    assert_refused(
        &base(&["--ephemeral-mb", "511"]),
        "--ephemeral-mb",
        "Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have \
         value greater than or equal to 512",
    );
    assert_refused(
        &base(&["--ephemeral-mb", "10241"]),
        "--ephemeral-mb",
        "less than or equal to 10240",
    );
    assert_refused(
        &base(&["--cold-start-rate", "1.5", "--init-ms", "100"]),
        "--cold-start-rate",
        "a fraction from 0 to 1",
    );
    assert_refused(
        &base(&["--cold-start-rate", "-0.1", "--init-ms", "100"]),
        "--cold-start-rate",
        "a fraction from 0 to 1",
    );
    assert_refused(
        &base(&["--cold-start-rate", "0.1", "--init-ms", "-1"]),
        "--init-ms",
        "0 to 10,000 ms",
    );
    assert_refused(
        &base(&["--cold-start-rate", "0.1", "--init-ms", "10001"]),
        "--init-ms",
        "0 to 10,000 ms",
    );
    assert_refused(
        &base(&["--pc-concurrency", "0", "--pc-hours", "1"]),
        "--pc-concurrency",
        "Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member \
         must have value greater than or equal to 1",
    );
    assert_refused(
        &base(&["--pc-concurrency", "1", "--pc-hours", "-1"]),
        "--pc-hours",
        "0 to 744 hours",
    );
    assert_refused(
        &base(&["--pc-concurrency", "1", "--pc-hours", "745"]),
        "--pc-hours",
        "0 to 744 hours",
    );
    assert_refused(
        &base(&[
            "--pc-concurrency",
            "1",
            "--pc-hours",
            "1",
            "--pc-requests",
            "-3",
            "--pc-duration-ms",
            "10",
        ]),
        "--pc-requests",
        "greater than or equal to 0",
    );
    assert_refused(
        &base(&[
            "--pc-concurrency",
            "1",
            "--pc-hours",
            "1",
            "--pc-requests",
            "3",
            "--pc-duration-ms",
            "-10",
        ]),
        "--pc-duration-ms",
        "0 to 900,000 ms",
    );
    // One environment for 1 h cannot serve 3,601 requests of 1 s.
    assert_refused(
        &base(&[
            "--pc-concurrency",
            "1",
            "--pc-hours",
            "1",
            "--pc-requests",
            "3601",
            "--pc-duration-ms",
            "1000",
        ]),
        "--pc-requests",
        "at most concurrency × hours enabled",
    );
}

#[test]
fn malformed_or_incomplete_flags_exit_2() {
    // These are caught by the argument parser; the exit code is the same.
    let cases: [&[&str]; 8] = [
        &[
            "--requests",
            "abc",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
        ],
        &[
            "--requests",
            "nan",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
        ],
        &["--duration-ms", "1", "--memory-mb", "128"],
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--arch",
            "mips",
        ],
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--init-ms",
            "100",
        ],
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--cold-start-rate",
            "0.1",
        ],
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--pc-hours",
            "1",
        ],
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--pc-concurrency",
            "1",
            "--pc-hours",
            "1",
            "--pc-requests",
            "5",
        ],
    ];
    for args in cases {
        let run = cost(args);
        assert_eq!(run.code, 2, "{args:?}: stderr {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn asynchronous_events_over_256_kb_are_billed_as_several_requests() {
    // 1M events of 1,024 KB without the free tier: 13 requests each, $2.60.
    let json = cost_json(&[
        "--requests",
        "1000000",
        "--duration-ms",
        "100",
        "--memory-mb",
        "128",
        "--async-event-kb",
        "1024",
        "--no-free-tier",
    ]);
    assert_eq!(cents(&json, "requests_usd"), 260);
    // Up to 256 KB an event is one request; 257 KB begins a second chunk.
    let small = cost_json(&[
        "--requests",
        "1000000",
        "--duration-ms",
        "100",
        "--memory-mb",
        "128",
        "--async-event-kb",
        "256",
        "--no-free-tier",
    ]);
    assert_eq!(cents(&small, "requests_usd"), 20);
    let just_over = cost_json(&[
        "--requests",
        "1000000",
        "--duration-ms",
        "100",
        "--memory-mb",
        "128",
        "--async-event-kb",
        "257",
        "--no-free-tier",
    ]);
    assert_eq!(cents(&just_over, "requests_usd"), 40);
    assert_refused(
        &[
            "--requests",
            "1",
            "--duration-ms",
            "1",
            "--memory-mb",
            "128",
            "--async-event-kb",
            "2000",
        ],
        "--async-event-kb",
        "0 to 1,024 KB",
    );
}
