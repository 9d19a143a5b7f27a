//! A teacher's pack from `lambda-lab course new`, extended by hand with one more exercise,
//! works in `lessons check`, in `exercises check` and in the window; and the release
//! binary copied alone into an empty folder opens the shipped course it carries.

use std::path::Path;
use std::process::{Command, Output};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lambda_lab::command::AppCommand;
use lambda_lab::workspace::Language;

use crate::common::{app, assert_shows, config, settle};

fn lambda_lab(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .env("LAMBDA_LAB_DATA_DIR", data)
        .args(args)
        .output()
        .expect("run lambda-lab")
}

const SHOUT_SOLUTION: &str = "// Shouts the name.\nexport const handler = async (event) => ({ shout: `${event.name.toUpperCase()}!` });\n";

/// What an author adds by hand: a starter, its solution, and an exercise block.
fn add_exercise(pack: &Path) {
    let index = pack.join("starter/index.toml");
    let mut text = std::fs::read_to_string(&index).unwrap();
    text.push_str(
        "\n[[handler]]\nname = \"shout\"\nfile = \"shout.mjs\"\ntitle = \"Exercise: shout\"\n\
         teaches = \"string methods in a handler\"\nevent = \"greet-ada.json\"\n",
    );
    std::fs::write(&index, text).unwrap();
    std::fs::write(
        pack.join("starter/shout.mjs"),
        "// Exercise: shout the name.\nexport const handler = async (event) => ({ shout: event.name });\n",
    )
    .unwrap();
    std::fs::write(pack.join("solutions/shout.mjs"), SHOUT_SOLUTION).unwrap();
    let lesson = pack.join("greetings.md");
    let mut text = std::fs::read_to_string(&lesson).unwrap();
    let quiz = text.find("## Check yourself").unwrap();
    text.insert_str(
        quiz,
        "## Exercise: shout\n\n```exercise\nid = \"shout\"\ntitle = \"Shout\"\n\
         task = \"Answer the name in capitals with an exclamation mark.\"\nstarter = \"shout\"\n\
         solution = \"solutions/shout.mjs\"\n\n[[check]]\nname = \"shouts ADA\"\n\
         event_json = '{\"name\": \"Ada\"}'\nresponse = '{\"shout\": \"ADA!\"}'\n```\n\n",
    );
    std::fs::write(&lesson, text).unwrap();
}

#[test]
fn a_new_course_with_a_hand_added_exercise_passes_both_checks_and_works_in_the_window() {
    let root = tempfile::tempdir().unwrap();
    let pack = root.path().join("my-course");
    let data = tempfile::tempdir().unwrap();
    let written = lambda_lab(data.path(), &["course", "new", &pack.to_string_lossy()]);
    assert_eq!(written.status.code(), Some(0));
    add_exercise(&pack);
    let pack_arg = pack.to_string_lossy().into_owned();

    let check = lambda_lab(data.path(), &["lessons", "check", &pack_arg]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{text}");
    let solutions = lambda_lab(
        data.path(),
        &["exercises", "check", &pack_arg, "--solutions"],
    );
    let text = String::from_utf8_lossy(&solutions.stdout);
    assert_eq!(solutions.status.code(), Some(0), "{text}");
    assert!(
        text.contains("2 exercises, 2 checks: 2 passed, 0 failed"),
        "{text}"
    );
    let starters = lambda_lab(data.path(), &["exercises", "check", &pack_arg]);
    let text = String::from_utf8_lossy(&starters.stdout);
    assert_eq!(starters.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "FAIL shouts ADA: expected the response {\"shout\":\"ADA!\"}, got {\"shout\":\"Ada\"}"
        ),
        "{text}"
    );
    // A second `course new` into the same folder writes nothing.
    let again = lambda_lab(data.path(), &["course", "new", &pack_arg]);
    assert_eq!(again.status.code(), Some(2));

    // The window: the hand-added exercise starts, fails, and passes once fixed.
    let mut harness = app(config(&pack, data.path()));
    assert_shows(&harness, "Exercise: Shout");
    let buttons: Vec<_> = harness
        .query_all_by_role_and_label(Role::Button, "▶ Start exercise")
        .collect();
    assert_eq!(buttons.len(), 2);
    buttons[1].scroll_to_me();
    harness.run();
    let buttons: Vec<_> = harness
        .query_all_by_role_and_label(Role::Button, "▶ Start exercise")
        .collect();
    buttons[1].click();
    harness.step();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().playground.exercise.as_deref(),
        Some("shout")
    );
    assert_shows(&harness, "✘ shouts ADA");
    harness.state_mut().send(AppCommand::SaveCode {
        handler: "shout".into(),
        code: SHOUT_SOLUTION.into(),
        language: Language::JavaScript,
    });
    harness.step();
    settle(&mut harness);
    assert_shows(&harness, "✔ every check passes (1 of 1)");
}

#[test]
fn the_binary_copied_alone_into_an_empty_folder_opens_the_shipped_course() {
    let folder = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let binary = folder.path().join("lambda-lab");
    std::fs::copy(env!("CARGO_BIN_EXE_lambda-lab"), &binary).unwrap();
    let run = |args: &[&str]| {
        Command::new(&binary)
            .current_dir(folder.path())
            // Not run by cargo: nothing points at the checkout.
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("LAMBDA_LAB_LESSONS")
            .env("LAMBDA_LAB_DATA_DIR", data.path())
            .args(args)
            .output()
            .unwrap()
    };
    let check = run(&["lessons", "check"]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{text}");
    assert!(text.contains("18 lessons, no problems"), "{text}");
    let builtin = data.path().join("builtin");
    assert!(
        text.starts_with(&*builtin.to_string_lossy()),
        "the course is the embedded one, written into the data folder: {text}"
    );
    // Samples, events and layers come with it: an exercise's solution runs against them.
    let exercise = run(&[
        "exercises",
        "check",
        "--solutions",
        "--exercise",
        "layer-import",
    ]);
    let text = String::from_utf8_lossy(&exercise.stdout);
    assert_eq!(exercise.status.code(), Some(0), "{text}");
    // Nothing was written beside the binary.
    let beside: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
}
