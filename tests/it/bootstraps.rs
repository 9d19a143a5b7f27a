//! The bootstraps shipped for real runtimes (assets/runtimes) against the ground truth
//! captured from AWS's own clients: every recorded case must still match. The capture
//! harnesses need only python3 and node, and talk to their own loopback servers.

use std::path::Path;
use std::process::Command;

fn run(program: &str, args: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(program)
        .args(args)
        .current_dir(root)
        .output()
        .unwrap_or_else(|error| panic!("{program} could not start: {error}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{program} {args:?} found differences:\n{text}"
    );
    text
}

#[test]
fn the_python_bootstrap_matches_awslambdaric_in_every_captured_case() {
    let report = run(
        "python3",
        &[
            "tests/fixtures/runtime_api/python/capture/capture.py",
            "--client",
            "bundled",
            "--compare",
        ],
    );
    assert!(report.contains(" passed, 0 failed"), "{report}");
}

#[test]
fn the_node_bootstrap_matches_the_official_node_client_in_every_recorded_case() {
    let report = run("node", &["tests/fixtures/runtime_api/nodejs/check.mjs"]);
    assert!(report.contains("cases match"), "{report}");
}
