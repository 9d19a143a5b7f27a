//! The shipped course's graded exercises: every starter fails its checks and every solution
//! passes them (so a learner is never asked to fix what is not broken, nor given a solution
//! that does not work), and `lambda-lab exercises check` reports one line per check.

use std::path::Path;
use std::process::{Command, Output};

use lambda_lab::content::{LessonPack, Samples};
use lambda_lab::exercises::{self, Choices, Context};

fn shipped() -> (std::path::PathBuf, LessonPack, Samples) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let pack = LessonPack::load(&dir).expect("the shipped pack loads");
    let samples = Samples::load_with_pack(&dir);
    (dir, pack, samples)
}

#[test]
fn the_shipped_course_has_at_least_twelve_exercises_and_every_block_parses() {
    let (_, pack, _) = shipped();
    let blocks = exercises::blocks(&pack);
    for (lesson, block) in &blocks {
        assert!(block.is_ok(), "{lesson}: {:?}", block.as_ref().err());
    }
    assert!(blocks.len() >= 12, "only {} exercises", blocks.len());
}

#[test]
fn every_starter_fails_and_every_solution_passes() {
    let (dir, pack, samples) = shipped();
    let context = Context {
        pack_dir: &dir,
        samples: &samples,
    };
    for (lesson, block) in exercises::blocks(&pack) {
        let exercise = block.expect("parsed");
        let starter = exercises::starter_path(exercise, &samples).expect("starter exists");
        let results = exercises::run(exercise, context, &starter, &Choices::new(), &|| false);
        assert_eq!(results.len(), exercise.checks.len());
        assert!(
            results.iter().any(|result| !result.passed),
            "{lesson}/{}: the starter already passes every check: {results:#?}",
            exercise.id
        );
        let solution = exercise
            .solution
            .as_ref()
            .map_or(starter.clone(), |file| dir.join(file));
        let results = exercises::run(
            exercise,
            context,
            &solution,
            &exercises::solution_choices(exercise),
            &|| false,
        );
        let failed: Vec<_> = results.iter().filter(|result| !result.passed).collect();
        assert!(
            failed.is_empty(),
            "{lesson}/{}: the solution fails: {failed:#?}",
            exercise.id
        );
    }
}

fn exercises_cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .env("LAMBDA_LAB_DATA_DIR", data)
        .arg("exercises")
        .args(args)
        .output()
        .expect("run exercises")
}

#[test]
fn the_cli_checks_the_learners_copy_and_the_learners_choices() {
    let data = tempfile::tempdir().unwrap();
    // Untouched: the starter is checked, and fails.
    let output = exercises_cli(data.path(), &["check", "--exercise", "first-handler"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("the starter (not edited yet)"), "{text}");
    assert!(
        text.contains(
            "FAIL greets Ada: expected the response {\"message\":\"Hello, Ada!\"}, got {}"
        ),
        "{text}"
    );
    // The learner's copy (where the app saves it) is what is checked once it exists.
    let handlers = data.path().join("handlers");
    std::fs::create_dir_all(&handlers).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/solutions/ex-first-handler.mjs"),
        handlers.join("ex-first-handler.mjs"),
    )
    .unwrap();
    let output = exercises_cli(data.path(), &["check", "--exercise", "first-handler"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("your copy"), "{text}");
    assert!(
        text.contains("PASS greets the world when there is no name"),
        "{text}"
    );
    assert!(
        text.contains("1 exercises, 2 checks: 2 passed, 0 failed"),
        "{text}"
    );

    // A choice exercise reads the learner's last choice from the state file.
    std::fs::write(
        data.path().join("state.json"),
        r#"{"exercises": {"tune-memory": {"choices": {"memory_mb": 1769}}}}"#,
    )
    .unwrap();
    let output = exercises_cli(data.path(), &["check", "--exercise", "tune-memory"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("at 1769 MB: about 1,200 ms per invoke"),
        "{text}"
    );

    let output = exercises_cli(data.path(), &["check", "--exercise", "no-such-thing"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The JavaScript solutions are teaching material that must run unchanged on AWS: they pass
/// their checks in a real `node` runtime process too, not only in the embedded engine.
#[test]
fn the_javascript_solutions_pass_in_a_real_node_runtime_too() {
    let (dir, pack, samples) = shipped();
    let context = Context {
        pack_dir: &dir,
        samples: &samples,
    };
    let mut checked = 0;
    for (_, block) in exercises::blocks(&pack) {
        let mut exercise = block.expect("parsed").clone();
        let Some(solution) = exercise.solution.clone().filter(|f| f.ends_with(".mjs")) else {
            continue;
        };
        exercise.settings.runtime = Some("nodejs22.x".into());
        let results = exercises::run(
            &exercise,
            context,
            &dir.join(&solution),
            &exercises::solution_choices(&exercise),
            &|| false,
        );
        let failed: Vec<_> = results.iter().filter(|result| !result.passed).collect();
        assert!(failed.is_empty(), "{} on node: {failed:#?}", exercise.id);
        checked += 1;
    }
    assert!(checked >= 9, "{checked}");
}
