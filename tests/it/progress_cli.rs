//! `lambda-lab progress`: a learner's report written from the app's state file, the name
//! asked once and kept, and `progress merge` building the class table from three reports.

use std::path::Path;
use std::process::{Command, Output};

fn progress(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .env("LAMBDA_LAB_DATA_DIR", data)
        .arg("progress")
        .args(args)
        .output()
        .expect("run progress")
}

/// A state file: `read` lessons read, and the first quiz question of what-is-serverless
/// answered right first time when `quiz`.
fn state(data: &Path, read: &[&str], quiz: bool) {
    let progress: serde_json::Map<String, serde_json::Value> = read
        .iter()
        .map(|id| ((*id).to_owned(), serde_json::json!("read")))
        .collect();
    let mut state = serde_json::json!({ "progress": progress });
    if quiz {
        // …and the first exercise passed.
        state["exercises"] = serde_json::json!({
            "first-handler": { "passed_at_ms": 1_764_856_800_000_u64, "hints_shown": 1 }
        });
        state["quiz"] = serde_json::json!({
            "what-is-serverless": { "0": {
                "attempts": 1, "correct": true, "first_try": true, "last_answer": null, "gave_up": false
            } }
        });
    }
    std::fs::write(data.join("state.json"), state.to_string()).unwrap();
}

#[test]
fn three_reports_merge_into_the_class_table() {
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, read, quiz) in [
        (
            "Grace Hopper",
            vec!["what-is-serverless", "key-concepts"],
            true,
        ),
        ("Ada Lovelace", vec!["what-is-serverless"], false),
        ("Alan Turing", vec![], false),
    ] {
        let data = tempfile::tempdir().unwrap();
        state(data.path(), &read, quiz);
        let file = out.path().join(format!("{}.json", name.replace(' ', "-")));
        let output = progress(
            data.path(),
            &["--learner", name, "--out", &file.to_string_lossy()],
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // The name is kept: the next report needs no --learner.
        let again = progress(data.path(), &["--json"]);
        let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(report["learner"], name);
        assert_eq!(report["format"], "lambda-lab-progress/1");
        files.push(file);
    }
    let mut args: Vec<String> = vec!["merge".into(), "--csv".into()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let data = tempfile::tempdir().unwrap();
    let merged = progress(data.path(), &args);
    assert_eq!(merged.status.code(), Some(0));
    let csv = String::from_utf8_lossy(&merged.stdout).into_owned();
    println!("{csv}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three learners");
    assert!(lines[0].starts_with(
        "learner,pack,pack_version,exported_at,lessons_read,quizzes_passed,exercises_passed,"
    ));
    assert!(lines[0].contains(",what-is-serverless,"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("Ada Lovelace,lessons,"),
        "sorted by name: {csv}"
    );
    assert!(lines[2].starts_with("Alan Turing,"), "{csv}");
    assert!(lines[3].starts_with("Grace Hopper,"), "{csv}");
    assert!(
        lines[3].contains(",2,0,1/12,read (1/"),
        "two read, one exercise of twelve, the quiz score: {csv}"
    );
    assert!(
        lines[3].contains(",not started (exercises 1/1),"),
        "the exercise in its lesson's cell, with its time in the report: {csv}"
    );
    assert!(lines[2].contains(",0,0,0/12,not started"), "{csv}");
    // The table for people.
    let mut args = args.clone();
    args.retain(|arg| *arg != "--csv");
    let table = String::from_utf8_lossy(&progress(data.path(), &args).stdout).into_owned();
    assert!(table.contains("3 learners of 18 lessons"), "{table}");
}

#[test]
fn no_name_and_foreign_files_are_named() {
    let data = tempfile::tempdir().unwrap();
    state(data.path(), &[], false);
    let output = progress(data.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--learner"));
    let other = data.path().join("notes.json");
    std::fs::write(&other, "{\"hello\": 1}").unwrap();
    let output = progress(data.path(), &["merge", &other.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not a Lambda Lab progress report")
    );
}

#[test]
fn a_damaged_state_file_is_said_not_reported_as_empty_progress() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("state.json"), "{\"progress\": 5}").unwrap();
    let output = progress(data.path(), &["--learner", "Alan Turing"]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("were damaged"), "{stderr}");
}
