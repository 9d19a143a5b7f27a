//! The Cost page in the window: the bill's line items, the break-even with a server, and
//! the pricing lesson's Try it opening it preset.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use lambda_lab::state::{Page, State};

use crate::common::{app, assert_shows, config, shipped_lessons};

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

/// The first button labelled `label` (each chart has its own Save CSV…/Save PNG… row; the
/// first belongs to "Lambda against an always-on server").
fn click_first(
    harness: &mut egui_kittest::Harness<'_, lambda_lab::app::LambdaLabApp>,
    label: &str,
) {
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .next()
        .expect("a chart button")
        .click();
}

#[test]
fn a_chart_saves_as_csv_and_as_png_cropped_to_the_chart() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Cost);
    config.export_dir = Some(exports.path().to_path_buf());
    let mut harness = app(config);

    click_first(&mut harness, "Save CSV…");
    crate::common::settle(&mut harness);
    let csv = std::fs::read_to_string(exports.path().join("lambda-vs-server.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "requests_per_month,lambda_usd_per_month,EC2_t3_micro_usd_per_month,EC2_t4g_small_usd_per_month"
        )
    );
    // The first point, 1,000 requests, is inside the free tier; the servers cost the same
    // at every row.
    assert_eq!(lines.next(), Some("1000,0.00,7.59,12.26"));
    assert_shows(&harness, "Saved ");

    // The window asks the renderer for a screenshot; kittest has no renderer here, so the
    // test plays its part with a window-sized picture of one colour.
    click_first(&mut harness, "Save PNG…");
    harness.step();
    let requests: Vec<egui::ScreenshotCallback> = harness
        .output()
        .viewport_output
        .values()
        .flat_map(|viewport| viewport.commands.iter())
        .filter_map(|command| match command {
            egui::ViewportCommand::Screenshot(callback) => Some(callback.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(requests.len(), 1, "one screenshot requested");
    let pixels_per_point = harness.ctx.pixels_per_point();
    let size = [
        (1280.0 * pixels_per_point) as usize,
        (800.0 * pixels_per_point) as usize,
    ];
    let colour = egui::Color32::from_rgb(10, 20, 30);
    requests[0]
        .clone()
        .complete(std::sync::Arc::new(egui::ColorImage::filled(size, colour)));
    crate::common::settle(&mut harness);
    let png = image::open(exports.path().join("lambda-vs-server.png"))
        .unwrap()
        .to_rgba8();
    // The chart, not the window: narrower than the central panel and shorter than the window.
    let (width, height) = png.dimensions();
    assert!(
        width > 300 && (width as f32) < 1280.0 * pixels_per_point - 330.0,
        "{width}"
    );
    assert!(
        height > 100 && (height as f32) < 800.0 * pixels_per_point,
        "{height}"
    );
    assert!(png.pixels().all(|p| p.0 == [10, 20, 30, 255]));
    assert_shows(&harness, "lambda-vs-server.png");
}

#[test]
fn large_asynchronous_events_are_billed_as_several_requests_on_the_page() {
    let data = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Cost);
    let mut harness = app(config);
    harness
        .get_by_label("Asynchronous events over 256 KB")
        .click();
    harness.run();
    // The page starts the average at 512 KB: 1 request plus 4 × 64 KB.
    assert_shows(
        &harness,
        "1,000,000 events × 5 requests − 1,000,000 free = 4,000,000 requests",
    );
    assert_eq!(
        harness.state().state().cost.inputs.async_event_kb,
        Some(512.0)
    );
}
