//! The Cost page in the window: the bill's line items, the break-even with a server, and
//! the pricing lesson's Try it opening it preset.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
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

/// The app on the Cost page with the Playground on `handler` and the Cost page's settings
/// changed by `edit`, as a previous run would have left them.
fn tuning_app(
    data: &std::path::Path,
    handler: &str,
    edit: impl FnOnce(&mut lambda_lab::state::CostSettings),
) -> egui_kittest::Harness<'static, lambda_lab::app::LambdaLabApp> {
    let mut state = State {
        page: Page::Cost,
        ..State::default()
    };
    state.playground.handler = handler.into();
    edit(&mut state.cost);
    // A short wait: the sample's own event outlives the 3 s timeout on purpose.
    state.playground.saved_events.insert(
        handler.into(),
        vec![lambda_lab::state::SavedEvent {
            name: "short".into(),
            json: r#"{"delayMs": 30}"#.into(),
        }],
    );
    lambda_lab::persist::StateStore::in_dir(data)
        .save(&state)
        .unwrap();
    app(config(&shipped_lessons(), data))
}

fn sweep(harness: &mut egui_kittest::Harness<'_, lambda_lab::app::LambdaLabApp>, handler: &str) {
    let label = format!("▶ Sweep {handler}");
    harness
        .get_by_role_and_label(Role::Button, &label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, &label).click();
    harness.step();
    for _ in 0..3_000 {
        harness.step();
        if !harness.state().jobs().sweep.is_running() {
            crate::common::settle(harness);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the sweep never finished");
}

#[test]
fn power_tuning_sweeps_custom_sizes_on_both_architectures_and_picks_by_strategy() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = tuning_app(data.path(), "slow", |cost| {
        cost.sweep_memory_text = "10240, 128".into();
        cost.sweep_runs = 2;
        cost.sweep_event = lambda_lab::state::SweepEventChoice::Saved("short".into());
    });
    crate::common::settle(&mut harness);
    sweep(&mut harness, "slow");
    let result = harness
        .state()
        .jobs()
        .sweep
        .latest()
        .expect("a result")
        .clone();
    assert!(result.failures.is_empty(), "{:?}", result.failures);
    assert_eq!(result.event_name, "Saved: short");
    let rows: Vec<(u32, lambda_lab::model::lambda::Architecture)> = result
        .points
        .iter()
        .map(|p| (p.memory_mb, p.architecture))
        .collect();
    use lambda_lab::model::lambda::Architecture::{Arm64, X86_64};
    assert_eq!(
        rows,
        [
            (128, X86_64),
            (10_240, X86_64),
            (128, Arm64),
            (10_240, Arm64)
        ]
    );
    // The custom sizes and both architectures are rows of the table.
    assert!(harness.query_all_by_label("10240 MB").count() >= 2);
    assert!(harness.query_all_by_label("arm64").count() >= 2);
    assert!(harness.query_all_by_label("x86_64").count() >= 2);

    // A handler that waits: the cheapest is the least memory, the fastest the most (its bit
    // of computing speeds up), both on arm64 (same modelled speed, lower price).
    assert_shows(&harness, "Cheapest: 128 MB on arm64");
    harness.get_by_label("Speed").click();
    harness.run();
    assert_shows(&harness, "Fastest: 10,240 MB on arm64");
    harness.get_by_label("Balanced").click();
    harness.run();
    assert_shows(&harness, "Balanced (weight 0.50): ");
}

#[test]
fn an_invalid_memory_value_says_what_lambda_allows_and_blocks_the_sweep() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = tuning_app(data.path(), "api", |cost| {
        cost.sweep_memory_text = "64, 512".into();
    });
    crate::common::settle(&mut harness);
    assert_shows(
        &harness,
        "Memory: 64 MB is outside Lambda's memory sizes: 128 to 10,240 MB",
    );
    let button = harness.get_by_role_and_label(Role::Button, "▶ Sweep api");
    assert!(button.accesskit_node().is_disabled());
    // Defaults puts Lambda's usual sizes back, and the sweep can start.
    harness.get_by_label("Defaults").scroll_to_me();
    harness.run();
    harness.get_by_label("Defaults").click();
    harness.run();
    assert_eq!(
        harness.state().state().cost.sweep_memory_text,
        lambda_lab::model::tuning::default_memory_text()
    );
    assert!(
        !harness
            .get_by_role_and_label(Role::Button, "▶ Sweep api")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn the_handler_and_the_payload_are_picked_on_the_cost_page() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = tuning_app(data.path(), "api", |_| {});
    crate::common::settle(&mut harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "Handler to tune")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Handler to tune")
        .click();
    harness.run();
    harness.get_by_label("Slow: a timeout").click();
    crate::common::settle(&mut harness);
    // The Playground's handler follows, as if picked there.
    assert_eq!(harness.state().state().playground.handler, "slow");
    harness.get_by_role_and_label(Role::Button, "▶ Sweep slow");

    harness
        .get_by_role_and_label(Role::ComboBox, "Event to send")
        .click();
    harness.run();
    harness
        // Listed first, among the handler's own samples (and again under its service).
        .query_all_by_label("  Direct invoke: sleep longer than the timeout")
        .next()
        .expect("the handler's sample")
        .click();
    harness.run();
    assert_eq!(
        harness.state().state().cost.sweep_event,
        lambda_lab::state::SweepEventChoice::Sample("lambda/slow".into())
    );
}
