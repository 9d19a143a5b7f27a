//! The Playground page driven like a learner would: invoke from the window, read the
//! results, get told why an event cannot be sent, follow a lesson's Try it, and find the
//! event edits again after a restart.

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lambda_lab::app::LambdaLabApp;
use lambda_lab::content::tryit::PlaygroundSetup;
use lambda_lab::model::lambda::InvocationType;
use lambda_lab::state::{Page, State};

use crate::common::{app, assert_shows, config, shipped_lessons, wait_for_invokes};

fn setup(handler: &str) -> PlaygroundSetup {
    crate::common::playground_setup(handler)
}

fn playground_app(data: &Path, handler: &str) -> Harness<'static, LambdaLabApp> {
    let mut config = config(&shipped_lessons(), data);
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(setup(handler));
    app(config)
}

fn invoke_labelled(harness: &mut Harness<'_, LambdaLabApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.step();
    wait_for_invokes(harness);
}

fn invoke(harness: &mut Harness<'_, LambdaLabApp>) {
    harness
        .get_by_role_and_label(Role::Button, "▶ Invoke")
        .click();
    // The spinner repaints while the invoke runs: step, do not wait for it to settle.
    harness.step();
    wait_for_invokes(harness);
}

#[test]
fn the_counter_counts_warm_invokes_in_the_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_app(data.path(), "counter");
    for _ in 0..3 {
        invoke(&mut harness);
    }
    let counts: Vec<_> = harness
        .state()
        .session()
        .by_hand()
        .map(|r| {
            (
                r.response_value().unwrap()["count"].as_i64().unwrap(),
                r.cold,
            )
        })
        .collect();
    assert_eq!(counts, [(1, true), (2, false), (3, false)]);
    // The results panel shows the latest: warm, with the REPORT line as CloudWatch prints it.
    assert_shows(&harness, "warm: reused an environment");
    assert_shows(&harness, "REPORT RequestId:");
    assert_shows(&harness, "History (3 this session");
}

#[test]
fn a_malformed_event_is_located_and_blocks_invoke_with_the_reason() {
    let data = tempfile::tempdir().unwrap();
    let mut state = State {
        page: Page::Playground,
        ..State::default()
    };
    state.playground.handler = "api".into();
    lambda_lab::persist::StateStore::in_dir(data.path())
        .save(&state)
        .unwrap();
    // The api handler's event as a previous run left it.
    std::fs::create_dir_all(data.path().join("events")).unwrap();
    std::fs::write(
        data.path().join("events/api.json"),
        "{\n  \"body\": \"x\",\n  oops\n}",
    )
    .unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    let harness = app(config);
    assert_shows(&harness, "Invalid JSON at line 3, column 3");
    assert_shows(
        &harness,
        "Cannot invoke: The event is not valid JSON (line 3, column 3)",
    );
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "▶ Invoke")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn an_out_of_range_memory_size_gets_the_aws_message() {
    let data = tempfile::tempdir().unwrap();
    let mut state = State {
        page: Page::Playground,
        ..State::default()
    };
    state.playground.memory_mb = 20_000;
    lambda_lab::persist::StateStore::in_dir(data.path())
        .save(&state)
        .unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    let harness = app(config);
    assert_shows(
        &harness,
        "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
}

#[test]
fn a_timeout_is_reported_with_the_aws_message_and_explained() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(PlaygroundSetup {
        timeout_secs: Some(1),
        ..setup("slow")
    });
    let mut harness = app(config);
    invoke(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(record.error.unwrap().error_type, "Sandbox.Timedout");
    assert_shows(&harness, "Sandbox.Timedout: RequestId:");
    assert_shows(&harness, "The handler ran past the timeout");
}

#[test]
fn a_try_it_in_a_lesson_opens_the_playground_set_up_and_runs_it() {
    let data = tempfile::tempdir().unwrap();
    // An event the learner edited earlier for the counter: the Try it must not lose it.
    std::fs::create_dir_all(data.path().join("events")).unwrap();
    std::fs::write(data.path().join("events/counter.json"), r#"{"mine": true}"#).unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_lesson = Some("key-concepts".into());
    config.start_page = Some(Page::Lessons);
    let mut harness = app(config);
    let label = "▶ Try it: Invoke the counter three times";
    harness
        .get_by_role_and_label(Role::Button, label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.step();
    harness.step();
    wait_for_invokes(&mut harness);
    let state = harness.state().state().clone();
    assert_eq!(state.page, Page::Playground);
    assert_eq!(state.playground.handler, "counter");
    assert_eq!(state.playground.repeat, 3);
    assert!(state.playground.look_for.is_some());
    let counts: Vec<i64> = harness
        .state()
        .session()
        .by_hand()
        .map(|r| r.response_value().unwrap()["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [1, 2, 3]);
    let kept = &harness.state().state().playground.saved_events["counter"];
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].json, r#"{"mine": true}"#);
    assert!(kept[0].name.starts_with("my edit, kept "));
}

#[test]
fn the_cold_starts_page_draws_this_sessions_invocations() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(PlaygroundSetup {
        concurrency: 2,
        ..setup("counter")
    });
    let mut harness = app(config);
    harness
        .get_by_role_and_label(Role::Button, "▶ Invoke 2 at once")
        .click();
    harness.step();
    wait_for_invokes(&mut harness);
    invoke_labelled(&mut harness, "▶ Invoke 2 at once");
    harness
        .get_by_role_and_label(Role::Button, "Cold starts")
        .click();
    harness.run();
    harness.get_by_label("This session's invocations").click();
    harness.run();
    assert_shows(&harness, "4 invocations on 2 environments; 2 cold starts.");
    harness
        .get_by_role_and_label(Role::Button, "Replay in the simulator")
        .click();
    harness.run();
    let scenario = &harness.state().state().cold_starts.scenario;
    assert_eq!(
        scenario.pattern,
        lambda_lab::model::scenario::Pattern::Replay
    );
    assert_eq!(scenario.replay_arrivals_ms.len(), 4);
}

#[test]
fn event_edits_survive_a_restart() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = playground_app(data.path(), "api");
        harness
            .get_by_role_and_label(Role::Button, "Minify")
            .click();
        harness.run();
        harness.state_mut().finish_writing();
    }
    let text = std::fs::read_to_string(data.path().join("events/api.json")).unwrap();
    assert!(!text.contains('\n'), "the minified event was saved");
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    let harness = app(config);
    assert_eq!(harness.state().playground().event_text(), text);
}

/// Starts the app on the Playground with `handler` and the given settings, as a previous run
/// left them, and `event` as that handler's event file.
fn app_with_event(
    data: &Path,
    handler: &str,
    event: Option<&str>,
    edit: impl FnOnce(&mut State),
) -> Harness<'static, LambdaLabApp> {
    let mut state = State {
        page: Page::Playground,
        ..State::default()
    };
    state.playground.handler = handler.into();
    edit(&mut state);
    lambda_lab::persist::StateStore::in_dir(data)
        .save(&state)
        .unwrap();
    if let Some(event) = event {
        std::fs::create_dir_all(data.join("events")).unwrap();
        std::fs::write(data.join(format!("events/{handler}.json")), event).unwrap();
    }
    let mut config = config(&shipped_lessons(), data);
    config.start_page = Some(Page::Playground);
    let mut harness = app(config);
    wait_for_event_check(&mut harness);
    harness
}

/// Steps until a large event's background check has finished; the bound only stops a hung test.
fn wait_for_event_check(harness: &mut Harness<'_, LambdaLabApp>) {
    for _ in 0..3_000 {
        if !harness.state().jobs().event_check.is_checking() {
            harness.run();
            return;
        }
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the event check never finished");
}

#[test]
fn a_large_broken_event_is_checked_in_the_background_and_blocks_invoke() {
    let data = tempfile::tempdir().unwrap();
    // Over 256 KB, so it is checked on the worker thread; the error is on line 3.
    let event = format!("{{\n  \"body\": \"{}\",\n  oops\n}}", "x".repeat(400_000));
    let harness = app_with_event(data.path(), "api", Some(&event), |_| {});
    assert_shows(&harness, "Invalid JSON at line 3, column 3");
    assert_shows(&harness, "Highlighting is off above 200 KB");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "▶ Invoke")
            .accesskit_node()
            .is_disabled(),
        "Invoke waits for a valid event"
    );
}

#[test]
fn an_oversized_asynchronous_event_gets_the_aws_413() {
    let data = tempfile::tempdir().unwrap();
    let event = format!(r#"{{"data": "{}"}}"#, "x".repeat(1_100_000));
    let mut harness = app_with_event(data.path(), "api", Some(&event), |state| {
        state.playground.invocation_type = InvocationType::Event;
    });
    invoke(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(
        record.error.unwrap().error_type,
        "RequestEntityTooLargeException"
    );
    assert_shows(&harness, "Rejected with HTTP 413");
    assert_shows(
        &harness,
        "RequestEntityTooLargeException: Request must be smaller than 1048576 bytes",
    );
}

#[test]
fn the_window_keeps_answering_while_a_handler_runs_past_its_timeout() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with_event(data.path(), "slow", None, |state| {
        state.playground.timeout_secs = 2;
    });
    harness
        .get_by_role_and_label(Role::Button, "▶ Invoke")
        .click();
    harness.step();
    harness.step();
    assert!(harness.state().is_invoking());
    harness.get_by_role_and_label(Role::Button, "Cancel");
    // The window still answers: another page opens while the handler loops.
    harness
        .get_by_role_and_label(Role::Button, "Lessons")
        .click();
    harness.run();
    assert_eq!(harness.state().state().page, Page::Lessons);
    assert!(harness.state().is_invoking());
    wait_for_invokes(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(record.error.unwrap().error_type, "Sandbox.Timedout");
}

#[test]
fn a_new_handler_from_the_template_runs_and_lives_in_the_workspace() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with_event(data.path(), "api", None, |_| {});
    harness.get_by_label("New handler name").click();
    harness.run();
    harness
        .get_by_label("New handler name")
        .type_text("hello-mine");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "New handler…")
        .click();
    crate::common::settle(&mut harness);
    assert_eq!(harness.state().state().playground.handler, "hello-mine");
    assert!(data.path().join("handlers/hello-mine.mjs").is_file());
    invoke(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(record.response_value().unwrap()["ok"], true);
}

#[test]
fn the_cost_page_prices_this_sessions_invocations_one_by_one() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(setup("counter"));
    config.export_dir = Some(exports.path().to_path_buf());
    let mut harness = app(config);
    for _ in 0..3 {
        invoke(&mut harness);
    }
    harness.get_by_label("Cost").click();
    harness.run();
    assert_shows(&harness, "From 3 invocations");
    assert_shows(&harness, "Each invocation priced (3 shown)");
    // The per-invocation chart is the fourth on the page (after the server, architecture
    // charts); its CSV has one row per invocation, the first one cold.
    harness
        .query_all_by_role_and_label(Role::Button, "Save CSV…")
        .nth(2)
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .query_all_by_role_and_label(Role::Button, "Save CSV…")
        .nth(2)
        .unwrap()
        .click();
    harness.run();
    let csv = std::fs::read_to_string(exports.path().join("session-invocations.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(rows[0][2], "true", "{csv}");
    assert!(rows[1..].iter().all(|row| row[2] == "false"), "{csv}");
    // A cold invoke bills its INIT too: its billed time covers init and duration, and each
    // row's price follows its billed time (durations themselves vary with the machine's load).
    let number = |row: &Vec<&str>, column: usize| -> f64 { row[column].parse().unwrap() };
    let cold = &rows[0];
    assert!(
        number(cold, 5) >= number(cold, 3) + number(cold, 4),
        "{csv}"
    );
    let usd_per_billed_ms: Vec<f64> = rows
        .iter()
        .map(|row| number(row, 7) / number(row, 5))
        .collect();
    assert!(usd_per_billed_ms[0] > 0.0, "{csv}");
}

/// Notes on a sample event start closed, so the event editor keeps its room at 1280×800,
/// and open on a click.
#[test]
fn notes_on_an_event_start_closed_and_open_on_a_click() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_app(data.path(), "api");
    harness.run();
    let note = "marks payload format 2.0";
    assert!(
        !crate::common::shows(&harness, note),
        "notes are open at first"
    );
    harness.get_by_label_contains("Notes (").click();
    harness.run();
    assert_shows(&harness, note);
}

/// A Python sample runs in python3 through the Runtime API: the overview names the Python
/// runtime, the result is warm on the second invoke, and the Runtime API requests of the
/// invoke are shown.
#[test]
fn a_python_sample_runs_as_a_process_and_shows_its_runtime_api_requests() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_app(data.path(), "python-hello");
    crate::common::settle(&mut harness);
    assert_shows(&harness, "python3.13 (real runtime process)");
    invoke(&mut harness);
    invoke(&mut harness);
    let records: Vec<_> = harness.state().session().by_hand().cloned().collect();
    assert_eq!(records.len(), 2);
    assert!(
        records[0].cold && !records[1].cold,
        "{:#?}",
        records[1].logs
    );
    assert_eq!(records[1].response_value().unwrap()["statusCode"], 200);
    let lines: Vec<&str> = records[1]
        .runtime_api
        .iter()
        .map(|e| e.request_line.as_str())
        .collect();
    assert_eq!(
        lines,
        [
            "GET /2018-06-01/runtime/invocation/next".to_owned(),
            format!(
                "POST /2018-06-01/runtime/invocation/{}/response",
                records[1].request_id
            )
        ]
    );
    assert_shows(
        &harness,
        "Runtime API: how the runtime fetched this event and answered (2 requests)",
    );
}

/// A new Python handler starts from the Python template, is saved as a .py file and runs.
#[test]
fn a_new_python_handler_from_the_template_runs() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_with_event(data.path(), "api", None, |_| {});
    harness.get_by_label("New handler language").click();
    harness.run();
    harness.get_by_label("Python").click();
    harness.run();
    harness.get_by_label("New handler name").click();
    harness.run();
    harness
        .get_by_label("New handler name")
        .type_text("py-mine");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "New handler…")
        .click();
    crate::common::settle(&mut harness);
    assert!(data.path().join("handlers/py-mine.py").is_file());
    invoke(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(
        record.status,
        lambda_lab::runtime::record::Status::Success,
        "{:#?}",
        record.logs
    );
    assert_eq!(
        record.response_value().unwrap()["ok"],
        true,
        "{:#?}",
        record.logs
    );
}

/// The custom-runtime sample (a shell-script bootstrap) runs as provided.al2023, and a
/// JavaScript sample runs on the real `node` when the learner picks nodejs24.x.
#[test]
fn a_bootstrap_and_a_real_node_handler_run_from_the_playground() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_app(data.path(), "custom-runtime");
    crate::common::settle(&mut harness);
    assert_shows(&harness, "provided.al2023 (real runtime process)");
    invoke(&mut harness);
    invoke(&mut harness);
    let records: Vec<_> = harness.state().session().by_hand().cloned().collect();
    assert!(
        records[0].cold && !records[1].cold,
        "{:#?}",
        records[1].logs
    );
    assert_eq!(
        records[1].response_value().unwrap()["body"],
        "handled by a shell-script runtime"
    );

    let mut harness = playground_app(data.path(), "api");
    crate::common::settle(&mut harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "Runtime")
        .click();
    harness.run();
    harness
        .get_by_label("nodejs24.x (real runtime process)")
        .click();
    crate::common::settle(&mut harness);
    invoke(&mut harness);
    let record = harness
        .state()
        .session()
        .by_hand()
        .next_back()
        .unwrap()
        .clone();
    assert_eq!(
        record.status,
        lambda_lab::runtime::record::Status::Success,
        "{:#?}",
        record.logs
    );
    assert_eq!(record.response_value().unwrap()["statusCode"], 200);
    assert!(
        matches!(&record.measured_by, lambda_lab::runtime::record::MeasuredBy::Process(what) if what.starts_with("node ")),
        "{:?}",
        record.measured_by
    );
}

#[test]
fn a_try_it_can_pick_the_engines_nodejs22_and_a_never_settling_promise_fails_at_once() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "troubleshooting");
    crate::common::click_try_it(&mut harness, "A promise that never settles (nodejs22.x)");
    wait_for_invokes(&mut harness);
    let state = harness.state().state().clone();
    assert_eq!(
        state.playground.runtime.as_deref(),
        Some("embedded:nodejs22.x")
    );
    crate::common::assert_shows(&harness, "embedded engine (behaves like nodejs22.x)");
    let record = harness.state().session().by_hand().last().unwrap().clone();
    // Lambda gives up as soon as nothing is left running: an error, not a timeout.
    assert_eq!(record.status, lambda_lab::runtime::record::Status::Error);
    assert_eq!(record.error.unwrap().error_type, "Runtime.NodeJsExit");
}

#[test]
fn a_streamed_response_shows_its_prelude_body_and_timed_chunks() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "response-streaming");
    crate::common::click_try_it(&mut harness, "Stream progress as it happens");
    wait_for_invokes(&mut harness);
    let record = harness.state().session().by_hand().last().unwrap().clone();
    let stream = record.stream.expect("a streamed response");
    assert_eq!(stream.chunks.len(), 11);
    crate::common::assert_shows(&harness, "Streamed response");
    crate::common::assert_shows(&harness, "HTTP status 200");
    crate::common::assert_shows(&harness, "Chunks as written (11)");
    crate::common::assert_shows(&harness, "step 3 of 8 done");
}

#[test]
fn a_streaming_handler_shows_its_chunks_while_it_still_runs() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "response-streaming");
    crate::common::click_try_it(&mut harness, "Stream progress as it happens");
    // The handler writes a line every 300 ms for 2.4 s: look while it runs. The bound only
    // stops a hung test.
    let mut seen_live = false;
    for _ in 0..500 {
        harness.step();
        if crate::common::shows(&harness, "chunks so far, as the handler writes them") {
            seen_live = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    // The live list exists only while the invoke runs (the pool empties it at the end).
    assert!(seen_live, "the chunks show while the invoke runs");
    wait_for_invokes(&mut harness);
    assert!(
        !crate::common::shows(&harness, "chunks so far"),
        "gone once it ended"
    );
    crate::common::assert_shows(&harness, "Chunks as written (11)");
}

#[test]
fn the_sample_event_list_can_be_searched() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = playground_app(data.path(), "api");
    harness
        .get_by_role_and_label(Role::ComboBox, "Sample event")
        .click();
    harness.run();
    assert!(
        crate::common::shows(&harness, "Kinesis"),
        "the whole list at first"
    );
    let search = harness.get_by_role_and_label(Role::TextInput, "Search sample events");
    search.focus();
    search.type_text("thumbnail");
    harness.run();
    assert!(
        !crate::common::shows(&harness, "Kinesis"),
        "other services are hidden"
    );
    assert_shows(&harness, "Amazon S3");
    let search = harness.get_by_role_and_label(Role::TextInput, "Search sample events");
    search.type_text(" zebra");
    harness.run();
    assert_shows(&harness, "No sample event matches");
}
