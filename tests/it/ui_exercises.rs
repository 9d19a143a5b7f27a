//! Exercises in the window: "Start exercise" opens the Playground on the starter with the
//! checklist failing; saving a fix runs the checks again and records the pass; the lesson
//! then offers the solution, and hints come one at a time.

use lambda_lab::command::AppCommand;
use lambda_lab::state::Page;
use lambda_lab::workspace::Language;

use crate::common::{assert_shows, click_button, lesson_app, settle, shipped_lessons, shows};

fn click(harness: &mut egui_kittest::Harness<'_, lambda_lab::app::LambdaLabApp>, label: &str) {
    click_button(harness, label);
    settle(harness);
}

#[test]
fn start_fix_and_pass_an_exercise() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "handlers-and-runtimes");
    assert_shows(&harness, "Exercise: Your first handler");
    assert_shows(&harness, "not passed yet");

    click(&mut harness, "💡 Show a hint (1 of 3)");
    // Hints are markdown: the number in bold, `event.name` as code.
    assert_shows(&harness, "Hint 1:");
    assert_shows(&harness, "The event is the handler's first argument");
    assert!(!shows(&harness, "Hint 2:"));
    assert!(shows(
        &harness,
        "The solution is shown once every check passes (or to a teacher: --teacher)."
    ));

    click(&mut harness, "▶ Start exercise");
    assert_eq!(harness.state().state().page, Page::Playground);
    assert_eq!(
        harness.state().state().playground.exercise.as_deref(),
        Some("first-handler")
    );
    assert_shows(&harness, "0 of 2 checks pass");
    assert_shows(&harness, "✘ greets Ada");
    assert_shows(
        &harness,
        "expected the response {\"message\":\"Hello, Ada!\"}, got {}",
    );

    // What the code editor sends as the learner types: the fix, saved as their own copy.
    let fix =
        std::fs::read_to_string(shipped_lessons().join("solutions/ex-first-handler.mjs")).unwrap();
    harness.state_mut().send(AppCommand::SaveCode {
        handler: "ex-first-handler".into(),
        code: fix,
        language: Language::JavaScript,
    });
    harness.step();
    settle(&mut harness);
    assert_shows(&harness, "✔ every check passes (2 of 2)");
    assert!(data.path().join("handlers/ex-first-handler.mjs").is_file());
    let record = &harness.state().state().exercises["first-handler"];
    assert!(record.passed_at_ms.is_some());

    click(&mut harness, "Back to the lesson");
    assert_eq!(harness.state().state().page, Page::Lessons);
    assert_shows(&harness, "✔ passed");
    click(&mut harness, "Show the solution");
    assert_shows(&harness, "Solution of \"Your first handler\"");
}

#[test]
fn the_teacher_key_shows_solutions_before_passing() {
    let data = tempfile::tempdir().unwrap();
    let mut config = crate::common::config(&shipped_lessons(), data.path());
    config.start_lesson = Some("limits".into());
    config.start_page = Some(Page::Lessons);
    config.teacher = true;
    let mut harness = crate::common::app(config);
    assert_shows(&harness, "not passed yet");
    click(&mut harness, "Show the solution");
    assert_shows(&harness, "Solution of \"Stop before the timeout\"");
}

#[test]
fn a_choice_exercise_checks_again_when_the_learner_changes_the_setting() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "pricing");
    click(&mut harness, "▶ Start exercise");
    assert_shows(&harness, "You decide:");
    assert_shows(&harness, "2 of 3 checks pass");
    assert_shows(&harness, "at 128 MB: about 16,584.4 ms per invoke");
    // What the "Memory (MB)" field sends when the learner sets 1,536 MB.
    let mut settings = harness.state().state().playground.clone();
    settings.memory_mb = 1536;
    harness
        .state_mut()
        .send(lambda_lab::command::AppCommand::UpdatePlayground(settings));
    harness.step();
    settle(&mut harness);
    assert_shows(&harness, "✔ every check passes (3 of 3)");
    let record = &harness.state().state().exercises["tune-memory"];
    assert_eq!(record.choices["memory_mb"], 1536);
    assert!(record.passed_at_ms.is_some());
}
