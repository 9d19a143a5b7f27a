//! Nothing fails silently (issue 16 item 6): with no file dialog on the machine a save goes
//! to the data folder and says where, an import says what to do instead and a typed path
//! opens the event, and a Try it's "look for" line is shown on the Cost and Cold starts pages
//! too.

use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lambda_lab::command::{AppCommand, FileRequest, SaveAs, Written};
use lambda_lab::state::Page;

use crate::common::{app, assert_shows, click_try_it, config, lesson_app, settle, shipped_lessons};

#[test]
fn a_save_with_no_file_dialog_goes_to_the_data_folder_and_says_where() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    let mut harness = app(config);
    harness.state_mut().send(AppCommand::DialogClosed {
        request: FileRequest::SaveAs(SaveAs {
            file_stem: "api-event".into(),
            kind: "JSON",
            extension: "json",
            bytes: Arc::from(&b"{\"hello\":1}"[..]),
            what: Written::Event,
        }),
        path: None,
        failed: true,
    });
    settle(&mut harness);
    let saved = data.path().join("exports/api-event.json");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), "{\"hello\":1}");
    assert_shows(&harness, "No file dialog could open on this machine");
    assert_shows(&harness, &format!("Saved the event to {}", saved.display()));
}

#[test]
fn an_import_with_no_file_dialog_says_what_to_do_and_a_typed_path_opens_the_event() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    let mut harness = app(config);
    harness.state_mut().send(AppCommand::DialogClosed {
        request: FileRequest::ImportEvent,
        path: None,
        failed: true,
    });
    settle(&mut harness);
    assert_shows(&harness, "type its path under File");
    let file = data.path().join("order.json");
    std::fs::write(&file, "{\"orderId\": 7}").unwrap();
    harness
        .get_by_role_and_label(Role::Button, "File ⏷")
        .click();
    harness.run();
    harness.get_by_label("Event file path").click();
    harness.run();
    harness
        .get_by_label("Event file path")
        .type_text(&file.display().to_string());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().playground().event_text(),
        "{\"orderId\": 7}"
    );
    assert_shows(&harness, "file: order.json");
}

#[test]
fn a_cost_try_its_look_for_line_is_shown_on_the_cost_page_until_dismissed() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "pricing");
    click_try_it(&mut harness, "Price 5 million requests against a server");
    settle(&mut harness);
    assert_eq!(harness.state().state().page, Page::Cost);
    assert_shows(
        &harness,
        "The line items show the free tier taken off first",
    );
    harness.get_by_label("✖").click();
    settle(&mut harness);
    assert!(
        !crate::common::shows(
            &harness,
            "The line items show the free tier taken off first"
        ),
        "the hint stays after ✖"
    );
}

#[test]
fn a_cold_starts_try_its_look_for_line_is_shown_on_the_cold_starts_page() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "concurrency-and-scaling");
    click_try_it(&mut harness, "Run a burst of 500");
    settle(&mut harness);
    assert_eq!(harness.state().state().page, Page::ColdStarts);
    assert_shows(&harness, "500 requests at once find every environment busy");
}
