//! The Cost page in the window: the bill's line items, the break-even with a server, and
//! the pricing lesson's Try it opening it preset.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lambda_lab::state::{Page, State};

mod common;
use common::{app, assert_shows, config, shipped_lessons};

#[test]
fn the_default_bill_shows_line_items_and_the_free_tier() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Cost);
    let harness = app(config);
    // 1M requests of 100 ms at 128 MB fit in the free tier entirely.
    assert_shows(&harness, "Compute (duration)");
    assert_shows(&harness, "Requests");
    assert_shows(&harness, "1,000,000 requests − 1,000,000 free");
    assert_shows(&harness, "EC2 t4g.small: $12.26 a month.");
    assert_shows(&harness, "arm64 saves");
}

#[test]
fn a_bad_input_says_what_is_allowed() {
    let data = tempfile::tempdir().unwrap();
    let mut state = State {
        page: Page::Cost,
        ..State::default()
    };
    state.cost.inputs.memory_mb = 20_000;
    lambda_lab::persist::StateStore::in_dir(data.path())
        .save(&state)
        .unwrap();
    let harness = app(config(&shipped_lessons(), data.path()));
    assert_shows(&harness, "Allowed: ");
    assert_shows(&harness, "10,240");
}

#[test]
fn the_pricing_lessons_try_it_opens_the_cost_page_preset() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_lesson = Some("pricing".into());
    config.start_page = Some(Page::Lessons);
    let mut harness = app(config);
    let label = "▶ Try it: Price 5 million requests against a server";
    harness
        .get_by_role_and_label(Role::Button, label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
    let state = harness.state().state().clone();
    assert_eq!(state.page, Page::Cost);
    assert_eq!(state.cost.inputs.requests, 5_000_000);
    assert_eq!(state.cost.inputs.memory_mb, 512);
    assert_shows(&harness, "Lambda costs more above");
}
