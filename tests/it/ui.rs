//! UI tests with egui_kittest: the real app, no display, no GPU. Widgets are found by their
//! accessibility labels, as a screen reader would.

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, Queryable};
use lambda_lab::app::LambdaLabApp;
use lambda_lab::state::{Page, ThemeChoice};

use crate::common::{app, config, shipped_lessons, shows};

/// Scrolls the lesson down until a node matching `found` is wholly on screen. (The
/// accessibility tree also holds the lesson's off-screen nodes.)
fn scroll_lesson_until(
    harness: &mut Harness<'_, LambdaLabApp>,
    found: impl Fn(&AccessKitNode<'_>) -> bool,
) {
    let screen = egui::Rect::from_min_size(egui::pos2(0.0, 60.0), egui::vec2(1280.0, 700.0));
    for _ in 0..60 {
        if harness
            .query_all_by(|node| found(node))
            .any(|node| screen.contains_rect(node.rect()))
        {
            return;
        }
        harness.hover_at(egui::pos2(800.0, 400.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -300.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.run();
    }
    panic!("never scrolled to the node");
}

/// Every text galley painted this frame.
fn painted_galleys(harness: &Harness<'_, LambdaLabApp>) -> Vec<std::sync::Arc<egui::Galley>> {
    fn collect(shape: &egui::Shape, out: &mut Vec<std::sync::Arc<egui::Galley>>) {
        match shape {
            egui::Shape::Text(text) => out.push(text.galley.clone()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn navigation_opens_a_lesson_with_heading_and_highlighted_code() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));

    // Every page in the navigation rail is reachable by its label.
    for page in Page::ALL {
        harness
            .get_by_role_and_label(Role::Button, page.label())
            .click();
        harness.run();
        assert_eq!(harness.state().state().page, page);
    }
    harness
        .get_by_role_and_label(Role::Button, Page::Lessons.label())
        .click();
    harness.run();

    harness.get_by_label("2. Before and after Lambda").click();
    harness.run();
    harness.get_by_label("Before and after Lambda");
    assert_eq!(
        harness.state().state().lesson_id.as_deref(),
        Some("before-and-after-lambda")
    );

    // A fenced JavaScript block is rendered as selectable code...
    let needle = "export const handler";
    scroll_lesson_until(&mut harness, |node| {
        node.value().is_some_and(|value| value.contains(needle))
    });
    // ...and painted in several colours, i.e. syntect highlighted it.
    let code = painted_galleys(&harness)
        .into_iter()
        .find(|galley| galley.text().contains(needle))
        .expect("the code block is painted");
    let colours: std::collections::HashSet<_> = code
        .job
        .sections
        .iter()
        .map(|section| section.format.color)
        .collect();
    assert!(colours.len() >= 3, "code has {} colours", colours.len());
}

#[test]
fn an_idle_window_asks_for_no_repaint() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    harness.step();
    let delay = harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(
        delay,
        Duration::MAX,
        "an idle frame scheduled another repaint"
    );
}

#[test]
fn previous_and_next_walk_through_the_lessons() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    harness.get_by_label("Next →").click();
    harness.run();
    assert_eq!(
        harness.state().state().lesson_id.as_deref(),
        Some("before-and-after-lambda")
    );
    harness.get_by_label("← Previous").click();
    harness.run();
    assert_eq!(
        harness.state().state().lesson_id.as_deref(),
        Some("what-is-serverless")
    );
}

#[test]
fn search_filters_lessons_by_their_text() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    let search = harness.get_by_label("Search");
    search.focus();
    search.type_text("thumbnail");
    harness.run();
    assert!(harness.query_by_label("1. What is serverless?").is_none());
    harness.get_by_label("2. Before and after Lambda");

    let search = harness.get_by_label("Search");
    search.type_text(" zebra");
    harness.run();
    harness.get_by_label_contains("No lesson mentions");
}

#[test]
fn restart_returns_to_the_same_lesson_scroll_position_and_theme() {
    let data = tempfile::tempdir().expect("temp dir");
    let (lesson, scroll) = {
        let mut harness = app(config(&shipped_lessons(), data.path()));
        harness.get_by_label("2. Before and after Lambda").click();
        harness.run();
        let theme_button = harness
            .query_by_label("🌙 Dark theme")
            .unwrap_or_else(|| harness.get_by_label("☀ Light theme"));
        theme_button.click();
        harness.run();
        scroll_lesson_until(&mut harness, |node| {
            node.value().is_some_and(|value| value == "Sources")
        });
        let mut harness = harness;
        harness.state_mut().finish_writing(); // what eframe does on quit
        let state = harness.state().state().clone();
        (state.lesson_id.clone(), state.lesson_scroll.clone())
    };
    let saved_theme = {
        let store = lambda_lab::persist::StateStore::in_dir(data.path());
        store.load().state.theme
    };
    assert_ne!(
        saved_theme,
        ThemeChoice::System,
        "the theme switch was saved"
    );
    let offset = scroll["before-and-after-lambda"];
    assert!(offset > 300.0, "scrolled {offset}");

    let mut harness = app(config(&shipped_lessons(), data.path()));
    for _ in 0..3 {
        harness.step();
    }
    let state = harness.state().state();
    assert_eq!(state.lesson_id, lesson);
    assert_eq!(state.theme, saved_theme);
    // Had the offset not been restored, the view would sit at 0 and report that.
    assert_eq!(state.lesson_scroll, scroll);
    assert!(
        harness
            .query_all_by_value("Sources")
            .any(|node| node.rect().min.y > 0.0 && node.rect().max.y < 800.0),
        "the restored view shows the end of the lesson"
    );
}

#[test]
fn a_missing_lesson_shows_an_error_panel_and_the_others_still_work() {
    let pack = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        pack.path().join("index.toml"),
        r#"format_version = 1
[[lesson]]
id = "good"
title = "Good lesson"
file = "good.md"
summary = "Works."
level = "beginner"
minutes = 1
[[lesson]]
id = "gone"
title = "Gone lesson"
file = "gone.md"
summary = "Missing file."
level = "beginner"
minutes = 1
"#,
    )
    .expect("write index");
    std::fs::write(pack.path().join("good.md"), "# Good lesson\n\nHello.\n").expect("write");
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(pack.path(), data.path()));

    harness.get_by_label("2. Gone lesson").click();
    harness.run();
    harness.get_by_label_contains("This lesson could not be opened");
    assert!(
        harness
            .query_all_by_label_contains("gone.md")
            .next()
            .is_some()
    );
    harness.get_by_label_contains("Create gone.md");

    harness.get_by_label("1. Good lesson").click();
    harness.run();
    harness.get_by_label("Good lesson");
}

#[test]
fn a_broken_index_names_the_file_and_the_fix() {
    let pack = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        pack.path().join("index.toml"),
        "format_version = 1\n[[lesson]\n",
    )
    .expect("write");
    let data = tempfile::tempdir().expect("temp dir");
    let harness = app(config(pack.path(), data.path()));
    harness.get_by_label_contains("The lessons could not be loaded");
    harness.get_by_label_contains("index.toml");
    harness.get_by_label_contains("Correct the TOML");
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_the_user_told() {
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(data.path().join("state.json"), "{ not json").expect("write");
    let harness = app(config(&shipped_lessons(), data.path()));
    harness.get_by_label_contains("Your saved settings were damaged");
    assert!(harness.state().status().current().is_some());
}

#[test]
fn command_line_lesson_opens_that_lesson() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut config = config(&shipped_lessons(), data.path());
    config.start_lesson = Some("before-and-after-lambda".into());
    let harness = app(config);
    harness.get_by_label("Before and after Lambda");
}

#[test]
fn answering_every_quiz_question_passes_the_quiz_and_reset_forgets_it() {
    let pack = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        pack.path().join("index.toml"),
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
        pack.path().join("quiz.md"),
        r#"# Quiz lesson

Lambda bills per millisecond.

```quiz
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
```
"#,
    )
    .expect("write lesson");
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(pack.path(), data.path()));

    // The hint is offered, not shown, until asked for; the question without one has no button.
    assert_eq!(harness.get_all_by_label("Hint").count(), 1);
    assert!(!shows(&harness, "Hint: Think about"));
    harness.get_by_label("Hint").click();
    harness.run();
    assert!(shows(
        &harness,
        "Hint: Think about what a managed service takes off your hands."
    ));

    // A wrong answer keeps the hint, never shows the explanation (it gives the answer away)
    // and does not pass the quiz.
    harness.get_by_label("You").click();
    harness.run();
    harness
        .get_all_by_label("Check answer")
        .next()
        .expect("button")
        .click();
    harness.run();
    harness.get_by_label_contains("Not quite");
    assert!(shows(&harness, "Hint: Think about"));
    assert!(!shows(&harness, "AWS runs the OS for you."));

    harness.get_by_label("AWS").click();
    harness.run();
    harness
        .get_all_by_label("Check answer")
        .next()
        .expect("button")
        .click();
    harness.run();

    let field = harness.get_by_label("Your answer");
    field.focus();
    field.type_text("1,500");
    harness.run();
    harness
        .get_all_by_label("Check answer")
        .last()
        .expect("button")
        .click();
    harness.run();

    let state = harness.state().state();
    assert_eq!(
        state.progress_of("quiz-lesson"),
        lambda_lab::state::Progress::QuizPassed
    );
    let score = state.quiz_score("quiz-lesson", 2);
    assert_eq!((score.answered_correctly, score.first_try), (2, 1));
    harness.get_by_label_contains("Quiz passed");

    harness.get_by_label("Reset progress…").click();
    harness.run();
    harness.get_by_label("Reset").click();
    harness.run();
    assert_eq!(
        harness.state().state().progress_of("quiz-lesson"),
        lambda_lab::state::Progress::Read,
        "reset, then marked read again because the short lesson is on screen"
    );
    assert_eq!(
        harness
            .state()
            .state()
            .quiz_score("quiz-lesson", 2)
            .answered_correctly,
        0
    );
}

#[test]
fn every_shipped_lesson_renders_with_every_glyph() {
    // kittest panics on a glyph no font has; scrolling through each lesson paints all of it.
    let data = tempfile::tempdir().expect("temp dir");
    let pack = lambda_lab::content::LessonPack::load(&shipped_lessons()).expect("loads");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    for (position, lesson) in pack.lessons.iter().enumerate() {
        harness
            .get_by_label(&format!("{}. {}", position + 1, lesson.meta.title))
            .click();
        harness.run();
        scroll_lesson_until(&mut harness, |node| {
            node.value().is_some_and(|value| value == "Sources")
        });
    }
}

/// A Try it naming a handler that does not exist says so, instead of opening an empty
/// Playground where Invoke does nothing.
#[test]
fn a_try_it_with_an_unknown_handler_says_what_is_wrong() {
    let pack = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        pack.path().join("index.toml"),
        "format_version = 1\n[[lesson]]\nid = \"broken\"\ntitle = \"Broken\"\nfile = \"broken.md\"\nsummary = \"A Try it with a typo.\"\nlevel = \"beginner\"\nminutes = 1\n",
    )
    .expect("write index");
    std::fs::write(
        pack.path().join("broken.md"),
        "# Broken\n\nText.\n\n```tryit\nlabel = \"Run it\"\npage = \"playground\"\nhandler = \"no-such-handler\"\nlook_for = \"Nothing.\"\n```\n",
    )
    .expect("write lesson");
    let data = tempfile::tempdir().expect("temp dir");
    let harness = app(config(pack.path(), data.path()));
    // The lesson shows the mistake where the button would be: nothing to click that fails.
    assert!(
        shows(
            &harness,
            "handler \"no-such-handler\" is not a sample handler"
        ),
        "the lesson explains the mistake"
    );
    assert!(!shows(&harness, "▶ Try it: Run it"));
    assert_eq!(harness.state().state().page, Page::Lessons);
    assert!(!harness.state().is_invoking());
}
