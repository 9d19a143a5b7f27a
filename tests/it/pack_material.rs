//! A lesson pack carrying its own handlers and events (`handlers/`, `events/` beside its
//! lessons, in the shipped index formats): `lessons check` accepts Try its that name them and
//! reports ones that name nothing, and the window opens the pack's handler with its event.

use std::path::Path;
use std::process::Command;

use crate::common::{app, click_try_it, config, wait_for_invokes};

/// A one-lesson pack whose Try it opens `handler`.
fn write_pack(dir: &Path, handler: &str) {
    std::fs::write(
        dir.join("index.toml"),
        "format_version = 1\n\n[[lesson]]\nid = \"greetings\"\ntitle = \"Greetings\"\n\
         file = \"greetings.md\"\nsummary = \"A handler of the pack's own.\"\nlevel = \"beginner\"\nminutes = 2\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("greetings.md"),
        format!(
            "# Greetings\n\nThe pack brings its own handler and event.\n\n```tryit\nlabel = \"Greet\"\n\
             page = \"playground\"\nhandler = \"{handler}\"\nlook_for = \"Hello, Ada\"\n```\n"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("handlers")).unwrap();
    std::fs::write(
        dir.join("handlers/index.toml"),
        "format_version = 1\n\n[[handler]]\nname = \"greeter\"\nfile = \"greeter.mjs\"\n\
         title = \"Greeter\"\nteaches = \"a pack's own handler\"\nevent = \"greet.json\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("handlers/greeter.mjs"),
        "// Greets the name in the event.\nexport const handler = async (event) => ({ greeting: `Hello, ${event.name}` });\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("events")).unwrap();
    std::fs::write(
        dir.join("events/index.toml"),
        "format_version = 1\n\n[[event]]\nid = \"greet\"\nservice = \"Lambda (direct invoke)\"\n\
         title = \"A name to greet\"\nfile = \"greet.json\"\nteaches = \"a pack's own event\"\n\
         handler = \"greeter\"\nrust_type = \"serde_json::Value\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("events/greet.json"), "{\"name\": \"Ada\"}\n").unwrap();
}

fn check(dir: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["lessons", "check"])
        .arg(dir)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn lessons_check_knows_the_packs_own_handlers_and_names_unknown_ones() {
    let pack = tempfile::tempdir().unwrap();
    write_pack(pack.path(), "greeter");
    let (code, out) = check(pack.path());
    assert_eq!(code, Some(0), "{out}");
    write_pack(pack.path(), "greeter-typo");
    let (code, out) = check(pack.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("handler \"greeter-typo\" is not a sample handler"),
        "{out}"
    );
    std::fs::remove_file(pack.path().join("handlers/greeter.mjs")).unwrap();
    let (_, out) = check(pack.path());
    assert!(out.contains("its file greeter.mjs does not exist"), "{out}");
}

#[test]
fn the_window_opens_the_packs_handler_with_its_event_and_invokes_it() {
    let pack = tempfile::tempdir().unwrap();
    write_pack(pack.path(), "greeter");
    let data = tempfile::tempdir().unwrap();
    let mut config = config(pack.path(), data.path());
    config.start_lesson = Some("greetings".into());
    config.start_page = Some(lambda_lab::state::Page::Lessons);
    let mut harness = app(config);
    click_try_it(&mut harness, "Greet");
    wait_for_invokes(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .last()
        .cloned()
        .expect("the Try it invoked the pack's handler");
    let response = record.response.expect("a response");
    assert_eq!(response.text(), r#"{"greeting":"Hello, Ada"}"#);
}

#[test]
fn a_try_it_naming_an_unknown_handler_is_an_error_panel_not_a_button() {
    let pack = tempfile::tempdir().unwrap();
    write_pack(pack.path(), "greeter-typo");
    let data = tempfile::tempdir().unwrap();
    let mut config = config(pack.path(), data.path());
    config.start_lesson = Some("greetings".into());
    config.start_page = Some(lambda_lab::state::Page::Lessons);
    let harness = app(config);
    assert!(crate::common::shows(
        &harness,
        "This Try it names something the app does not have"
    ));
    assert!(crate::common::shows(
        &harness,
        "handler \"greeter-typo\" is not a sample handler"
    ));
    assert!(!crate::common::shows(&harness, "▶ Try it: Greet"));
}
