//! UI tests of the Lessons page in narrow windows (text, diagrams and code fit or scroll;
//! the lesson list resizes and collapses, remembered across restarts) and of quiz pedagogy
//! (a hint after a wrong answer, the explanation only once right or given up, answers kept
//! across restarts, counts in the right number).

use std::path::Path;

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lambda_lab::app::LambdaLabApp;
use lambda_lab::state::Page;

use crate::common::{app, app_sized, assert_shows, config, shipped_lessons, shows};

const NARROW: [f32; 2] = [1024.0, 700.0];

/// The app at `size`, opened on a lesson of the shipped course.
fn lesson_at(data_dir: &Path, lesson: &str, size: [f32; 2]) -> Harness<'static, LambdaLabApp> {
    let mut config = config(&shipped_lessons(), data_dir);
    config.start_lesson = Some(lesson.into());
    config.start_page = Some(Page::Lessons);
    app_sized(config, size)
}

/// Steps until every image has loaded, so images have their real size.
fn load_images(harness: &mut Harness<'_, LambdaLabApp>) {
    for _ in 0..500 {
        harness.run();
        if !harness.ctx.has_pending_images() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the images never loaded");
}

/// The left edge of the lesson text: the first paragraph's.
fn text_left(harness: &Harness<'_, LambdaLabApp>) -> f32 {
    harness
        .get_by_label_contains("Every request runs inside an execution environment")
        .rect()
        .min
        .x
}

#[test]
fn lesson_text_and_diagrams_fit_a_1024_by_700_window() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = lesson_at(data.path(), "execution-environment", NARROW);
    load_images(&mut harness);
    let right = NARROW[0];

    // Every line of text wraps inside the window, on screen or further down the lesson.
    // (Tables are the exception: their cells do not wrap, and the renderer scrolls a wide
    // table sideways.)
    let markdown = std::fs::read_to_string(shipped_lessons().join("execution-environment.md"))
        .expect("lesson file");
    let table_rows: Vec<&str> = markdown
        .lines()
        .filter(|line| line.trim_start().starts_with('|'))
        .collect();
    let in_table = |text: &str| table_rows.iter().any(|row| row.contains(text.trim()));
    let labels: Vec<_> = harness
        .query_all_by_role(Role::Label)
        .filter(|label| !label.value().is_some_and(|text| in_table(&text)))
        .collect();
    assert!(labels.len() > 50, "the lesson's text is there");
    for label in &labels {
        assert!(
            label.rect().max.x <= right,
            "{:?} reaches x = {} in a {right} px window",
            label.value(),
            label.rect().max.x
        );
    }

    // The line about the lesson wraps beside the header's buttons rather than under them.
    let about = harness.get_by_label_contains("Lesson 7 of 18").rect();
    let previous = harness.get_by_label("← Previous").rect();
    assert!(
        about.max.x <= previous.min.x,
        "{about:?} runs under {previous:?}"
    );

    // Diagrams (1,100 px wide files) scale down to the column, keeping their shape.
    let left = text_left(&harness);
    let images: Vec<_> = harness.query_all_by_role(Role::Image).collect();
    assert_eq!(images.len(), 2, "the lesson's two diagrams");
    // The files' height over width: environment-lifecycle.png, cold-start-by-runtime.png.
    for (image, shape) in images.iter().zip([560.0 / 1100.0, 660.0 / 1100.0]) {
        let rect = image.rect();
        assert!(rect.min.x >= left - 1.0 && rect.max.x <= right, "{rect:?}");
        assert!(rect.width() < 700.0, "scaled down: {rect:?}");
        let ratio = rect.height() / rect.width();
        assert!((ratio - shape).abs() < 0.01, "aspect ratio kept: {ratio}");
    }
}

#[test]
fn a_long_code_line_scrolls_sideways_instead_of_being_cut_off() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = lesson_at(data.path(), "execution-environment", NARROW);
    let report = |harness: &Harness<'_, LambdaLabApp>| {
        harness
            .query_all_by(|node| {
                node.value()
                    .is_some_and(|value| value.contains("Init Duration: 154.34 ms"))
            })
            .next()
            .expect("the REPORT line's code block")
            .rect()
    };
    // Wheel down to it (the code's sideways scroll area would swallow a scroll request).
    for _ in 0..40 {
        let rect = report(&harness);
        if rect.min.y > 60.0 && rect.max.y < NARROW[1] - 60.0 {
            break;
        }
        harness.hover_at(egui::pos2(700.0, 400.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, (400.0 - rect.center().y).clamp(-300.0, 300.0)),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run();
    }
    let before = report(&harness);
    // Unwrapped lines, wider than the window: they can only be read by scrolling. (Each
    // row of text is a text run; a wrapped line would be cut into several.)
    assert!(before.width() > NARROW[0], "{before:?}");
    let row = harness
        .query_all_by_role(Role::TextRun)
        .find(|run| {
            run.value()
                .is_some_and(|text| text.contains("Init Duration: 154.34 ms"))
        })
        .expect("the line's row");
    assert!(
        row.value()
            .is_some_and(|text| text.starts_with("REPORT RequestId: 6bc28136")),
        "one row for the whole line: {:?}",
        row.value()
    );
    assert!(before.min.y > 0.0 && before.max.y < NARROW[1]);

    harness.hover_at(egui::pos2(before.min.x + 100.0, before.center().y));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-400.0, 0.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    let after = report(&harness);
    assert!(
        after.min.x < before.min.x - 100.0,
        "scrolled sideways: {before:?} -> {after:?}"
    );
    assert!(
        (after.min.y - before.min.y).abs() < 1.0,
        "the lesson did not scroll down"
    );
}

/// Where the lesson list's edge is: the x where the pointer turns into a resize cursor.
fn list_edge(harness: &mut Harness<'_, LambdaLabApp>) -> f32 {
    let search = harness.get_by_label("Search").rect().max.x;
    for offset in 0..40 {
        let x = search + offset as f32;
        harness.hover_at(egui::pos2(x, 400.0));
        harness.run();
        if harness.output().platform_output.cursor_icon != egui::CursorIcon::Default {
            return x;
        }
    }
    panic!("no resize edge right of the search field at {search}");
}

#[test]
fn the_lesson_list_resizes_and_collapses_and_a_restart_remembers_both() {
    let data = tempfile::tempdir().expect("temp dir");
    let (default_left, wide_left) = {
        let mut harness = lesson_at(data.path(), "execution-environment", NARROW);
        let default_left = text_left(&harness);
        let edge = list_edge(&mut harness);
        harness.drag_at(egui::pos2(edge, 400.0));
        harness.run();
        for step in 1..=8 {
            harness.hover_at(egui::pos2(edge + 10.0 * step as f32, 400.0));
            harness.run();
        }
        harness.drop_at(egui::pos2(edge + 80.0, 400.0));
        harness.run();
        // The edge is found a few points left of the line (its grab area), so the list grows
        // by a little less than the 80 points the pointer moved.
        let width = harness.state().state().lesson_list.width.expect("resized");
        assert!((330.0..=352.0).contains(&width), "dragged wider: {width}");
        let wide_left = text_left(&harness);
        assert!(
            (wide_left - default_left - (width - 270.0)).abs() < 1.0,
            "the lesson moved over as much: {default_left} -> {wide_left}"
        );
        harness.state_mut().finish_writing();
        (default_left, wide_left)
    };

    let mut harness = lesson_at(data.path(), "execution-environment", NARROW);
    assert!(
        (text_left(&harness) - wide_left).abs() < 1.0,
        "the restarted app keeps the list's width"
    );
    harness.get_by_label("« Hide list").click();
    harness.run();
    assert!(!harness.state().state().lesson_list.open);
    assert!(
        harness.query_by_label("Search").is_none(),
        "the list is gone"
    );
    let collapsed_left = text_left(&harness);
    assert!(
        collapsed_left < default_left - 200.0,
        "the lesson takes the list's room: {collapsed_left}"
    );
    harness.state_mut().finish_writing();
    drop(harness);

    let mut harness = lesson_at(data.path(), "execution-environment", NARROW);
    assert!(
        harness.query_by_label("Search").is_none(),
        "still collapsed"
    );
    assert!((text_left(&harness) - collapsed_left).abs() < 1.0);
    harness.get_by_label("» Lessons").click();
    harness.run();
    harness.get_by_label("Search");
    assert!(
        (text_left(&harness) - wide_left).abs() < 1.0,
        "back at its width"
    );
    assert!(harness.state().state().lesson_list.open);
}

/// A one-lesson pack whose quiz is `quiz` (TOML).
fn quiz_pack(dir: &Path, quiz: &str) {
    std::fs::write(
        dir.join("index.toml"),
        r#"format_version = 1
[[lesson]]
id = "quiz-lesson"
title = "Quiz lesson"
file = "quiz.md"
summary = "Has a quiz."
level = "beginner"
minutes = 1
"#,
    )
    .expect("write index");
    std::fs::write(
        dir.join("quiz.md"),
        format!("# Quiz lesson\n\nLambda bills per millisecond.\n\n```quiz\n{quiz}```\n"),
    )
    .expect("write lesson");
}

const TWO_QUESTIONS: &str = r#"
[[question]]
kind = "single"
prompt = "Who patches the OS?"
choices = ["You", "AWS"]
correct = [2]
explanation = "AWS runs the OS for you."
hint = "Think about what a managed service takes off your hands."

[[question]]
kind = "numeric"
prompt = "How many ms is 1.5 s?"
value = 1500
unit = "ms"
explanation = "1.5 x 1000."
"#;

fn click_nth(harness: &mut Harness<'_, LambdaLabApp>, label: &str, nth: usize) {
    harness
        .get_all_by_label(label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {label:?} number {nth}"))
        .click();
    harness.run();
}

#[test]
fn a_wrong_answer_shows_the_hint_and_show_answer_the_explanation() {
    let pack = tempfile::tempdir().expect("temp dir");
    quiz_pack(pack.path(), TWO_QUESTIONS);
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(pack.path(), data.path()));

    harness.get_by_label("You").click();
    harness.run();
    click_nth(&mut harness, "Check answer", 0);
    assert_shows(&harness, "✘ Not quite");
    assert_shows(
        &harness,
        "Hint: Think about what a managed service takes off your hands.",
    );
    assert!(
        !shows(&harness, "AWS runs the OS for you."),
        "the explanation gives the answer away"
    );

    // Without a hint, a wrong answer says to try again or give up; still no explanation.
    let field = harness.get_by_label("Your answer");
    field.focus();
    field.type_text("15");
    harness.run();
    click_nth(&mut harness, "Check answer", 1);
    assert_shows(&harness, "✘ Not quite: try again, or show the answer");
    assert!(!shows(&harness, "1.5 x 1000."));

    // A changed answer loses the old verdict until it is checked.
    harness.get_by_label("AWS").click();
    harness.run();
    assert_eq!(
        harness
            .query_all_by(|node| node.label().is_some_and(|l| l == "✘ Not quite"))
            .count(),
        0
    );
    harness.get_by_label("You").click();
    harness.run();

    // Giving up shows the answer and why, and does not pass the question.
    assert_eq!(harness.get_all_by_label("Show answer").count(), 2);
    click_nth(&mut harness, "Show answer", 0);
    assert_shows(&harness, "Answer: AWS");
    assert_shows(&harness, "AWS runs the OS for you.");
    assert!(!shows(&harness, "Hint: Think about"), "no more hint");
    assert!(!shows(&harness, "1.5 x 1000."), "only that question");
    let state = harness.state().state();
    assert_eq!(state.quiz_score("quiz-lesson", 2).answered_correctly, 0);

    click_nth(&mut harness, "Show answer", 0);
    assert_shows(&harness, "Answer: 1500 ms");
    assert_shows(&harness, "1.5 x 1000.");

    // The learner may still answer; it counts, but never as right first time.
    harness.get_by_label("AWS").click();
    harness.run();
    click_nth(&mut harness, "Check answer", 0);
    assert_shows(&harness, "✔ Right");
    let score = harness.state().state().quiz_score("quiz-lesson", 2);
    assert_eq!((score.answered_correctly, score.first_try), (1, 0));
}

#[test]
fn checked_answers_and_their_verdicts_survive_a_restart() {
    let pack = tempfile::tempdir().expect("temp dir");
    quiz_pack(pack.path(), TWO_QUESTIONS);
    let data = tempfile::tempdir().expect("temp dir");
    {
        let mut harness = app(config(pack.path(), data.path()));
        harness.get_by_label("You").click();
        harness.run();
        click_nth(&mut harness, "Check answer", 0);
        let field = harness.get_by_label("Your answer");
        field.focus();
        field.type_text("1,500");
        harness.run();
        click_nth(&mut harness, "Check answer", 1);
        assert_shows(&harness, "✔ Right");
        harness.state_mut().finish_writing();
    }

    let harness = app(config(pack.path(), data.path()));
    let toggled = |label: &str| {
        harness
            .query_all_by_role(Role::RadioButton)
            .find(|node| node.accesskit_node().label().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no choice {label:?}"))
            .accesskit_node()
            .toggled()
    };
    assert_eq!(toggled("You"), Some(Toggled::True), "the chosen answer");
    assert_eq!(toggled("AWS"), Some(Toggled::False));
    assert_eq!(
        harness.get_by_label("Your answer").value().as_deref(),
        Some("1,500"),
        "the typed answer"
    );
    assert_shows(&harness, "✘ Not quite");
    assert_shows(&harness, "Hint: Think about");
    assert_shows(&harness, "✔ Right");
    assert_shows(&harness, "1.5 x 1000.");
    assert!(!shows(&harness, "AWS runs the OS for you."));
    assert_shows(&harness, "1 of 2 answered correctly");
}

#[test]
fn counts_read_in_the_right_number() {
    let pack = tempfile::tempdir().expect("temp dir");
    quiz_pack(
        pack.path(),
        r#"
[[question]]
kind = "single"
prompt = "Who patches the OS?"
choices = ["You", "AWS"]
correct = [2]
explanation = "AWS runs the OS for you."
"#,
    );
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(pack.path(), data.path()));
    assert_shows(&harness, "Quiz · 1 question");
    assert!(!shows(&harness, "1 questions"));
    assert_shows(&harness, "0 of 1 answered correctly");
    assert_shows(&harness, "0 quizzes passed");

    harness.get_by_label("AWS").click();
    harness.run();
    click_nth(&mut harness, "Check answer", 0);
    assert_shows(&harness, "1 of 1 answered correctly · 1 right first time");
    assert_shows(&harness, "1 quiz passed");
    assert!(!shows(&harness, "1 quizzes"));
}

#[test]
fn export_my_progress_asks_the_name_once_and_writes_the_report() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "what-is-serverless");
    harness
        .get_by_role_and_label(Role::Button, "Export my progress…")
        .click();
    harness.run();
    let field = harness.get_by_label("Your name:");
    field.focus();
    field.type_text("Ada Lovelace");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.run();
    assert_eq!(
        harness.state().state().learner_name.as_deref(),
        Some("Ada Lovelace")
    );
    // No file dialog can open in the tests: the report goes to the data folder's exports.
    let saved = data.path().join("exports/progress-ada-lovelace.json");
    for _ in 0..500 {
        crate::common::settle(&mut harness);
        if saved.is_file() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("the report")).unwrap();
    assert_eq!(report["learner"], "Ada Lovelace");
    assert_eq!(report["lessons"].as_array().map(Vec::len), Some(18));
    // The name is kept: the next export asks nothing.
    harness
        .get_by_role_and_label(Role::Button, "Export my progress…")
        .click();
    harness.run();
    assert!(!crate::common::shows(&harness, "Your name:"));
}

#[test]
fn the_presenter_preset_zooms_hides_the_list_and_goes_high_contrast() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use lambda_lab::state::ThemeChoice;
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "what-is-serverless");
    harness
        .get_by_role_and_label(Role::Button, "🎓 Presenter")
        .click();
    harness.run();
    let state = harness.state().state();
    assert_eq!(state.zoom, lambda_lab::state::PRESENTER_ZOOM);
    assert!(!state.lesson_list.open);
    assert_eq!(state.theme, ThemeChoice::HighContrast);
    assert_eq!(
        harness.ctx.style_of(egui::Theme::Dark).visuals.panel_fill,
        egui::Color32::BLACK
    );
    // Each part can be undone: the dark theme comes back as it was.
    harness
        .state_mut()
        .send(lambda_lab::command::AppCommand::SetTheme(ThemeChoice::Dark));
    harness.run();
    assert_ne!(
        harness.ctx.style_of(egui::Theme::Dark).visuals.panel_fill,
        egui::Color32::BLACK
    );
}

#[test]
fn start_over_forgets_the_learner_but_keeps_the_rooms_look() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use lambda_lab::command::AppCommand;
    use lambda_lab::state::{Progress, ThemeChoice};
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "execution-environment");
    harness
        .state_mut()
        .send(AppCommand::SetLearnerName("Ada".into()));
    harness
        .state_mut()
        .send(AppCommand::SetTheme(ThemeChoice::Light));
    harness.state_mut().send(AppCommand::RecordProgress {
        lesson_id: "what-is-serverless".into(),
        progress: Progress::Read,
    });
    crate::common::settle(&mut harness);
    crate::common::click_try_it(&mut harness, "Invoke the counter three times");
    crate::common::wait_for_invokes(&mut harness);
    assert!(harness.state().session().by_hand_count() > 0);
    let handlers_dir = data.path().join(lambda_lab::workspace::WORKSPACE_DIR);
    std::fs::create_dir_all(&handlers_dir).unwrap();
    std::fs::write(
        handlers_dir.join("mine.mjs"),
        "export const handler = async () => 1;\n",
    )
    .unwrap();
    harness
        .state_mut()
        .send(AppCommand::Navigate(lambda_lab::state::Page::Lessons));
    crate::common::settle(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Start over…")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Start over")
        .click();
    crate::common::settle(&mut harness);
    let state = harness.state().state();
    assert!(state.progress.is_empty());
    assert_eq!(state.learner_name, None);
    assert_eq!(state.theme, ThemeChoice::Light, "the room's look stays");
    assert_eq!(harness.state().session().by_hand_count(), 0);
    assert!(!handlers_dir.join("mine.mjs").exists());
    assert!(crate::common::shows(&harness, "Ready for the next student"));
}
