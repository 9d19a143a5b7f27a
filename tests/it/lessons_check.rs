//! `lambda-lab lessons check` as a user runs it: on the shipped pack and on broken packs.

use std::path::Path;
use std::process::Command;

fn check(dir: &Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["lessons", "check"])
        .arg(dir)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exit code"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_shipped_lessons_pass() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let (code, out) = check(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no problems"), "{out}");
}

#[test]
fn a_broken_pack_fails_naming_each_file_and_fix() {
    let pack = tempfile::tempdir().expect("temp dir");
    let dir = pack.path();
    std::fs::write(
        dir.join("index.toml"),
        r#"format_version = 1
[[lesson]]
id = "one"
title = "One"
file = "one.md"
summary = "First."
level = "beginner"
minutes = 5
[[lesson]]
id = "one"
title = "Two"
file = "two.md"
summary = "Second."
level = "beginner"
minutes = 5
[[lesson]]
id = "Three Lessons"
title = "Three"
file = "three.md"
summary = "Missing."
level = "advanced"
minutes = 5
"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("one.md"),
        "# One\n\n![diagram](assets/nope.png)\n\n```klingon\nqapla'\n```\n\n```quiz\n[[question]]\nkind = \"essay\"\nprompt = \"Why?\"\nexplanation = \"Because.\"\n```\n\n```tryit\nlabel = \"Go\"\npage = \"playground\"\nhandler = \"nope\"\nlook_for = \"x\"\n```\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("two.md"),
        "# Not two\n\n![web](https://example.com/x.png)\n",
    )
    .expect("write");
    std::fs::write(dir.join("stray.md"), "# Stray\n").expect("write");

    let (code, out) = check(dir);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let expect = |file: &str, words: &str| {
        assert!(
            lines
                .iter()
                .any(|line| line.contains(file) && line.contains(words) && line.contains("Fix:")),
            "no line about {file} saying {words:?} with a fix in:\n{out}"
        );
    };
    expect("index.toml", "lesson id 'one' is used by entries 1 and 2");
    expect("index.toml", "'Three Lessons' (entry 3) is not a valid id");
    expect("three.md", "cannot be read");
    expect("one.md", "image assets/nope.png not found");
    expect("one.md", "language 'klingon'");
    expect("one.md", "line 9: question 1: kind = \"essay\" is unknown");
    expect("two.md", "first heading \"Not two\" differs");
    expect("two.md", "is on the web");
    expect("stray.md", "not listed in index.toml");
    expect("one.md", "handler \"nope\" is not a sample handler");
    expect("two.md", "the lesson has no Try it action");
    assert!(out.trim_end().ends_with("11 problems found"), "{out}");
}

#[test]
fn an_unreadable_index_is_one_clear_problem() {
    let pack = tempfile::tempdir().expect("temp dir");
    let (code, out) = check(pack.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("index.toml: cannot read the lesson index"),
        "{out}"
    );
    assert!(out.contains("Fix: create index.toml"), "{out}");

    std::fs::write(pack.path().join("index.toml"), "format_version = 7\n").expect("write");
    let (code, out) = check(pack.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("format_version 7 is not supported"), "{out}");
}

#[test]
fn exercise_blocks_are_checked_for_what_they_name() {
    let pack = tempfile::tempdir().unwrap();
    let written = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["course", "new"])
        .arg(pack.path().join("p"))
        .output()
        .unwrap();
    assert_eq!(written.status.code(), Some(0));
    let dir = pack.path().join("p");
    let lesson = dir.join("greetings.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let text = text
        .replace("starter = \"goodbye\"", "starter = \"goodby\"")
        .replace(
            "solution = \"solutions/goodbye.mjs\"",
            "solution = \"solutions/nope.mjs\"",
        )
        .replace(
            "event = \"greet-ada\"\nresponse",
            "event = \"greet-bob\"\nresponse",
        );
    let text = format!(
        "{text}\n```exercise\nid = \"say-goodbye\"\ntitle = \"Again\"\ntask = \"t\"\nstarter = \"goodbye\"\n\
         choose = {{ provisioned_concurrency = 0 }}\nsolution_choose = {{ provisioned_concurrency = 1 }}\n\
         [[check]]\nname = \"no cold\"\nmax_cold_starts = 0\n[check.scenario]\nruntime = \"cobol\"\n```\n\n\
         ```exercise\nid = \"broken\"\ntitle = \"B\"\n```\n"
    );
    std::fs::write(&lesson, text).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["lessons", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    for expected in [
        "the starter \"goodby\" is not a handler",
        "the solution file solutions/nope.mjs does not exist",
        "event \"greet-bob\" is not a sample event",
        "exercise id \"say-goodbye\" is also used in",
        "the scenario cannot be simulated",
        "missing field `task`",
    ] {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    assert!(out.contains("Fix: "), "{out}");
}
