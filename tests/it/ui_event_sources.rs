//! The Event sources page as a learner meets it: start a trigger for the Playground's
//! handler, send it something, see the delivery on the page and in the session.

use std::io::{Read, Write};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lambda_lab::app::LambdaLabApp;
use lambda_lab::command::AppCommand;
use lambda_lab::session::Source;
use lambda_lab::state::Page;

use crate::common::{app, config, playground_setup, settle, shipped_lessons, shows};

/// The app on the Event sources page, the Playground on `handler`.
fn sources_app(data_dir: &std::path::Path, handler: &str) -> Harness<'static, LambdaLabApp> {
    let mut config = config(&shipped_lessons(), data_dir);
    config.start_playground = Some(playground_setup(handler));
    config.start_page = Some(Page::EventSources);
    app(config)
}

/// Applies `change` to the page's settings, presses Start and waits until the source of
/// `kind` says it started with `started`.
fn start_with(
    harness: &mut Harness<'_, LambdaLabApp>,
    change: impl FnOnce(&mut lambda_lab::sources::settings::EventSourcesSettings),
    kind: lambda_lab::jobs::sources::SourceKind,
    started: &'static str,
) {
    let mut settings = harness.state().state().event_sources.clone();
    change(&mut settings);
    harness
        .state_mut()
        .send(AppCommand::UpdateEventSources(settings));
    settle(harness);
    harness
        .get_by_role_and_label(Role::Button, "▶ Start")
        .click();
    step_until(harness, |app| {
        app.jobs()
            .sources
            .slot(kind)
            .started
            .as_deref()
            .is_some_and(|text| text.starts_with(started))
    });
}

/// Steps the app until `done` holds; the bound only stops a hung test.
fn step_until(harness: &mut Harness<'_, LambdaLabApp>, done: impl Fn(&LambdaLabApp) -> bool) {
    for _ in 0..2_000 {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the app never got there");
}

#[test]
fn the_http_endpoint_serves_the_playground_handler_and_each_request_is_in_the_session() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = sources_app(data.path(), "api");
    assert!(
        shows(&harness, "Delivers to:"),
        "the page names the handler"
    );
    start_with(
        &mut harness,
        |settings| {
            settings.http.port = 0;
            settings.http.routes = "GET /orders/{orderId}".to_owned();
        },
        lambda_lab::jobs::sources::SourceKind::Http,
        "http://",
    );
    let url = harness.state().jobs().sources.http.started.clone().unwrap();
    assert!(shows(&harness, "curl -i "), "a ready curl line");
    assert!(
        shows(&harness, "/orders/1"),
        "the curl line fills the route's parameter"
    );
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /orders/1042 HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    step_until(&mut harness, |app| app.jobs().sources.http.deliveries == 1);
    assert!(shows(&harness, "GET /orders/1042 HTTP/1.1 → 200"));
    let delivered: Vec<_> = harness
        .state()
        .session()
        .entries()
        .filter(|entry| entry.source == Source::EventSource)
        .collect();
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].record.cold);
    let run = delivered[0]
        .run
        .as_ref()
        .expect("a run with the request's event");
    assert!(
        run.request
            .event_json
            .contains(r#""routeKey":"GET /orders/{orderId}""#)
    );
    harness
        .get_by_role_and_label(Role::Button, "⏹ Stop")
        .click();
    step_until(&mut harness, |app| !app.jobs().sources.http.is_running());
    assert!(
        std::net::TcpStream::connect(&address).is_err(),
        "the server is gone after Stop"
    );
}

#[test]
fn the_lessons_try_it_opens_the_page_and_starts_the_endpoint() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "event-sources");
    crate::common::click_try_it(
        &mut harness,
        "Serve the API handler on a real HTTP endpoint",
    );
    step_until(&mut harness, |app| {
        app.jobs()
            .sources
            .http
            .started
            .as_deref()
            .is_some_and(|started| started.starts_with("http://127.0.0.1:"))
    });
    assert_eq!(harness.state().state().page, Page::EventSources);
    assert!(shows(&harness, "Look for:"));
    assert!(shows(&harness, "curl -i http://127.0.0.1:"));
    assert_eq!(harness.state().jobs().sources.http.handler, "api");
    harness
        .get_by_role_and_label(Role::Button, "⏹ Stop")
        .click();
    step_until(&mut harness, |app| !app.jobs().sources.http.is_running());
}

#[test]
fn the_poison_message_try_it_ends_with_the_message_in_the_dead_letter_queue() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "event-sources");
    crate::common::click_try_it(&mut harness, "Send a poison message through a queue");
    step_until(&mut harness, |app| app.jobs().sources.queue.deliveries > 0);
    step_until(&mut harness, |app| !app.jobs().sources.queue.is_running());
    let slot = &harness.state().jobs().sources.queue;
    assert_eq!(slot.deliveries, 3, "{:?}", slot.log);
    assert!(
        slot.summary[0].contains("2 delivered and deleted, 1 retried, 1 in the dead-letter queue"),
        "{:?}",
        slot.summary
    );
    assert!(
        slot.log
            .iter()
            .any(|line| line.starts_with("Warning: AWS recommends a maxReceiveCount")),
        "{:?}",
        slot.log
    );
    let dead_lettered = slot.queue_counts.last().map(|row| row[3]);
    assert_eq!(dead_lettered, Some(1.0), "the chart's last point");
    assert!(shows(&harness, "When it stopped"));
    assert!(shows(&harness, "in the dead-letter queue after 3 receives"));
    // Each batch is a run in the session, with the event the handler got.
    let runs: Vec<_> = harness
        .state()
        .session()
        .entries()
        .filter(|entry| entry.source == Source::EventSource)
        .filter_map(|entry| entry.run.clone())
        .collect();
    assert_eq!(runs.len(), 3);
    let event: serde_json::Value = serde_json::from_str(&runs[2].request.event_json).unwrap();
    assert_eq!(
        event["Records"][0]["attributes"]["ApproximateReceiveCount"],
        "3"
    );
    assert_eq!(event["Records"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_schedule_try_it_fires_eight_times_on_quarter_hours() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = crate::common::lesson_app(data.path(), "event-sources");
    crate::common::click_try_it(
        &mut harness,
        "Fire a 15-minute schedule, a day in 10 seconds",
    );
    assert!(shows(&harness, "Next fire times"));
    step_until(&mut harness, |app| {
        app.jobs().sources.schedule.deliveries > 0
    });
    step_until(&mut harness, |app| {
        !app.jobs().sources.schedule.is_running()
    });
    let slot = &harness.state().jobs().sources.schedule;
    assert_eq!(slot.deliveries, 8, "{:?}", slot.log);
    assert!(
        slot.summary[0].starts_with("8 firings fired; 0 failed"),
        "{:?}",
        slot.summary
    );
    for line in &slot.log {
        assert!(
            [":00:00Z", ":15:00Z", ":30:00Z", ":45:00Z"]
                .iter()
                .any(|quarter| line.contains(quarter)),
            "{line}"
        );
        assert!(line.contains("→ ok"), "{line}");
    }
    let delivered = harness
        .state()
        .session()
        .entries()
        .filter(|entry| entry.source == Source::EventSource)
        .count();
    assert_eq!(delivered, 8);
}

#[test]
fn the_bucket_tab_sends_a_file_written_to_the_folder() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut harness = sources_app(data.path(), "s3-thumbnail");
    start_with(
        &mut harness,
        |settings| {
            settings.tab = lambda_lab::sources::settings::SourceTab::Bucket;
            settings.bucket.folder = folder.path().display().to_string();
            settings.bucket.suffix = ".jpg".to_owned();
        },
        lambda_lab::jobs::sources::SourceKind::Bucket,
        "Watching ",
    );
    std::fs::write(folder.path().join("ignored.txt"), "x").unwrap();
    std::fs::write(folder.path().join("red flower.jpg"), "jpeg bytes").unwrap();
    step_until(&mut harness, |app| {
        app.jobs().sources.bucket.deliveries == 1
    });
    assert!(shows(&harness, "ObjectCreated:Put red flower.jpg → ok"));
    let entry = harness
        .state()
        .session()
        .entries()
        .find(|entry| entry.source == Source::EventSource)
        .expect("the delivery in the session");
    assert!(
        entry
            .record
            .logs
            .iter()
            .any(|line| line.contains("red flower.jpg")),
        "the handler decoded the key: {:?}",
        entry.record.logs
    );
    std::fs::remove_file(folder.path().join("red flower.jpg")).unwrap();
    step_until(&mut harness, |app| {
        app.jobs().sources.bucket.deliveries == 2
    });
    assert!(shows(&harness, "ObjectRemoved:Delete red flower.jpg"));
    harness
        .get_by_role_and_label(Role::Button, "⏹ Stop")
        .click();
    step_until(&mut harness, |app| !app.jobs().sources.bucket.is_running());
    assert!(shows(&harness, "2 events sent; 0 failed every attempt."));
}
