//! The Playground's room (issue 16): both editors keep at least 12 lines at 1024×700 before
//! and after an invoke, the splits can be dragged and are remembered, a run of several
//! invokes is shown as a table, results belong to the handler shown, history rows name their
//! handler and event and re-run, an event over edits asks first, and an HTTP front door's
//! answer is shown as its client gets it.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lambda_lab::app::LambdaLabApp;
use lambda_lab::content::tryit::PlaygroundSetup;
use lambda_lab::state::Page;

use crate::common::{
    app_sized, assert_shows, config, settle, shipped_lessons, shows, wait_for_invokes,
};

const SMALL: [f32; 2] = [1024.0, 700.0];
const LARGE: [f32; 2] = [1280.0, 800.0];

fn playground(data: &Path, handler: &str, size: [f32; 2]) -> Harness<'static, LambdaLabApp> {
    playground_with(data, handler, size, |_| {})
}

fn playground_with(
    data: &Path,
    handler: &str,
    size: [f32; 2],
    edit: impl FnOnce(&mut PlaygroundSetup),
) -> Harness<'static, LambdaLabApp> {
    let mut setup = crate::common::playground_setup(handler);
    edit(&mut setup);
    let mut config = config(&shipped_lessons(), data);
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(setup);
    let mut harness = app_sized(config, size);
    // The editors' minimum follows the toolbar's height as last drawn: a few more frames.
    harness.run_steps(4);
    harness
}

fn invoke(harness: &mut Harness<'_, LambdaLabApp>) {
    invoke_labelled(harness, "▶ Invoke");
}

fn invoke_labelled(harness: &mut Harness<'_, LambdaLabApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.step();
    wait_for_invokes(harness);
    harness.run_steps(4);
}

/// Picks the sample handler titled `title` in the Playground's handler list.
fn pick_handler(harness: &mut Harness<'_, LambdaLabApp>, title: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "Handler")
        .click();
    harness.run();
    harness.get_by_label(title).click();
    settle(harness);
}

fn assert_room(harness: &Harness<'_, LambdaLabApp>, when: &str) {
    let (code, event) = harness.state().playground().visible_editor_lines();
    assert!(
        code >= 12 && event >= 12,
        "{when}: the code editor shows {code} lines and the event editor {event}; both need 12"
    );
}

#[test]
fn at_1024_by_700_both_editors_keep_twelve_lines_before_and_after_an_invoke() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", SMALL);
    assert_room(&harness, "before the first invoke");
    // Until the first invoke the results are one line.
    assert_shows(&harness, "Press Invoke (Ctrl+Enter)");
    invoke(&mut harness);
    assert_shows(&harness, "Succeeded");
    assert_room(&harness, "after an invoke");
    // Notes open over the editor, not above it.
    harness.get_by_label_contains("Notes (").click();
    harness.run_steps(4);
    assert_shows(&harness, "marks payload format 2.0");
    assert_room(&harness, "with the notes open");
}

#[test]
fn with_no_room_for_the_settings_they_open_as_a_window_from_the_overview() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", SMALL);
    invoke(&mut harness);
    // At 1024×700 with results the settings are folded into the overview's line.
    assert!(!shows(&harness, "Function settings"));
    harness.get_by_label_contains("⚙ 128 MB").click();
    harness.run_steps(4);
    assert_shows(&harness, "Function settings");
    assert_shows(&harness, "Timeout");
    assert_room(&harness, "with the settings window open");
}

#[test]
fn folding_the_settings_gives_the_editors_more_lines_and_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", SMALL);
    let (code_before, _) = harness.state().playground().visible_editor_lines();
    harness.get_by_label_contains("⚙ Settings").click();
    harness.run_steps(4);
    let (code_after, _) = harness.state().playground().visible_editor_lines();
    assert!(
        code_after > code_before,
        "folded settings: {code_before} → {code_after} lines"
    );
    assert!(harness.state().state().playground.layout.settings_collapsed);
    // The folded line still says what the settings are.
    assert_shows(&harness, "128 MB · 3 s · 1 × 1");
}

#[test]
fn the_code_and_event_split_can_be_dragged_and_is_remembered_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = playground(data.path(), "api", LARGE);
        let before = harness
            .state()
            .state()
            .playground
            .layout
            .code_width_fraction;
        // The split is 8 points (the event pane's margin) left of the event heading.
        let heading = harness.get_by_label("Event").rect();
        let edge = egui::pos2(heading.left() - 8.0, heading.center().y + 120.0);
        harness.hover_at(edge);
        harness.step();
        harness.drag_at(edge);
        harness.step();
        for step in 1..=10 {
            harness.hover_at(edge - egui::vec2(20.0 * step as f32, 0.0));
            harness.step();
        }
        harness.drop_at(edge - egui::vec2(200.0, 0.0));
        harness.run_steps(4);
        let after = harness
            .state()
            .state()
            .playground
            .layout
            .code_width_fraction;
        assert!(
            after < before - 0.1,
            "dragging the split 200 points left: the code's share went {before} → {after}"
        );
        settle(&mut harness);
        harness.state_mut().finish_writing();
    }
    let harness = playground(data.path(), "api", LARGE);
    let restored = harness
        .state()
        .state()
        .playground
        .layout
        .code_width_fraction;
    assert!(
        restored < 0.45,
        "after a restart the code's share is {restored}"
    );
}

#[test]
fn ten_at_once_are_shown_as_a_run_with_a_summary_and_a_row_each() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_with(data.path(), "counter", LARGE, |setup| {
        setup.concurrency = 10;
    });
    invoke_labelled(&mut harness, "▶ Invoke 10 at once");
    assert_shows(
        &harness,
        "10 invokes on 10 environments: 10 cold, 0 warm, 0 throttled",
    );
    // A row per invoke: a second one can be opened.
    harness.get_by_label("2").click();
    harness.run_steps(4);
    let records: Vec<_> = harness.state().session().by_hand().cloned().collect();
    assert_eq!(records.len(), 10);
    assert_shows(&harness, &format!("Invoke {}", &records[1].request_id[..8]));
}

#[test]
fn another_handler_starts_with_clean_results_and_the_history_names_handlers_and_events() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_with(data.path(), "counter", LARGE, |setup| {
        setup.repeat = 3;
    });
    invoke_labelled(&mut harness, "▶ Invoke 3 times");
    assert_shows(
        &harness,
        "3 invokes on 1 environment: 1 cold, 2 warm, 0 throttled",
    );
    // Pick another handler: its results are empty, and the burst settings went back to one.
    pick_handler(&mut harness, "HTTP API: a small JSON API");
    harness.run_steps(4);
    assert!(
        !shows(&harness, "3 invokes on 1 environment"),
        "the counter's run is still shown"
    );
    assert_shows(&harness, "No invoke of api yet in this session");
    // The history still has the counter's invokes, each with its handler and event.
    assert_shows(&harness, "History (3 this session");
    assert!(harness.query_all_by_label("counter").count() >= 3);
    assert_shows(&harness, "lambda-url/get");
    // Filtering to this handler hides them.
    harness.get_by_label("only api").click();
    harness.run_steps(4);
    assert_shows(&harness, "No invoke in the history matches the filter.");
}

#[test]
fn a_try_its_burst_is_named_and_goes_back_to_one_invoke_on_another_handler() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "before-and-after-lambda");
    crate::common::click_try_it(&mut harness, "Send ten S3 upload events at once");
    wait_for_invokes(&mut harness);
    assert_shows(
        &harness,
        "At once 10 set by the Try it “Send ten S3 upload events at once”",
    );
    assert_shows(&harness, "10 invokes on 10 environments");
    pick_handler(&mut harness, "HTTP API: a small JSON API");
    let playground = &harness.state().state().playground;
    assert_eq!((playground.repeat, playground.concurrency), (1, 1));
    assert_eq!(playground.set_by, None);
    assert!(!shows(&harness, "set by the Try it"));
}

#[test]
fn a_history_row_re_runs_the_handler_with_its_event() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "counter", LARGE);
    invoke(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Re-run")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Re-run")
        .click();
    harness.step();
    wait_for_invokes(&mut harness);
    let records: Vec<_> = harness.state().session().by_hand().cloned().collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].response_value().unwrap()["count"], 2);
}

#[test]
fn a_sample_event_over_edits_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", LARGE);
    harness
        .get_by_role_and_label(Role::Button, "Minify")
        .click();
    harness.run_steps(4);
    let edited = harness.state().playground().event_text().to_owned();
    assert_shows(&harness, "apigateway-http/get · edited");
    harness.get_by_label("Sample event").click();
    harness.run();
    harness
        .get_by_label("  HTTP API: POST with a JSON body")
        .click();
    harness.run_steps(4);
    assert_shows(&harness, "Replace your edited event?");
    harness.get_by_label("Keep my edits").click();
    settle(&mut harness);
    assert_eq!(harness.state().playground().event_text(), edited);
    assert!(!shows(&harness, "Replace your edited event?"));
}

#[test]
fn an_api_gateway_answer_is_shown_as_the_client_gets_it() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", LARGE);
    invoke(&mut harness);
    assert_shows(
        &harness,
        "What the client gets from the HTTP API (payload 2.0)",
    );
    assert_shows(&harness, "HTTP/1.1 200 OK");
    assert_shows(&harness, "content-type: application/json");
}

#[test]
fn at_120_percent_zoom_both_editors_keep_twelve_lines() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground(data.path(), "api", LARGE);
    harness
        .state_mut()
        .send(lambda_lab::command::AppCommand::SetZoom(1.2));
    settle(&mut harness);
    harness.run_steps(4);
    assert_room(&harness, "at 120 % zoom");
    invoke(&mut harness);
    assert_room(&harness, "at 120 % zoom after an invoke");
}
