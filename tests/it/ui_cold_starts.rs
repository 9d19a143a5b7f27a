//! UI tests of the Cold starts page with egui_kittest: the real app, no display, no GPU.
//! Simulations run on the app's worker thread, so the tests step the app until the result for
//! the current inputs has arrived (a bounded number of frames), then read the accessibility
//! tree as a screen reader would.

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lambda_lab::app::LambdaLabApp;
use lambda_lab::jobs::simulate::Activity;
use lambda_lab::model::lambda::{Architecture, PackageType};
use lambda_lab::model::scenario::{Experiment, ScenarioInputs};
use lambda_lab::state::{ColdStartsView, Page, State};

use crate::common::{app, config, shipped_lessons};

/// Writes a state file, as a previous run of the app would have.
fn saved_state(data_dir: &Path, state: &State) {
    lambda_lab::persist::StateStore::in_dir(data_dir)
        .save(state)
        .expect("write state");
}

/// Steps the app until the simulation of the current inputs has finished and is drawn. The
/// worker runs on its own thread, so frames are interleaved with short sleeps; the bound only
/// stops a hung test (no timing is asserted).
fn wait_for_simulation(harness: &mut Harness<'_, LambdaLabApp>) {
    for _ in 0..3_000 {
        harness.step();
        let app = harness.state();
        let current = &app.state().cold_starts.scenario;
        let done = app.jobs().simulation.activity() == Activity::Idle
            && app
                .jobs()
                .simulation
                .latest()
                .is_some_and(|finished| &finished.inputs == current);
        if done {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the simulation never finished");
}

fn open_cold_starts(harness: &mut Harness<'_, LambdaLabApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Cold starts")
        .click();
    harness.run();
    assert_eq!(harness.state().state().page, Page::ColdStarts);
}

fn run_experiment(harness: &mut Harness<'_, LambdaLabApp>, experiment: Experiment) {
    harness.get_by_label(experiment.label()).click();
    harness.run();
    assert_eq!(
        harness.state().state().cold_starts.experiment,
        Some(experiment)
    );
    wait_for_simulation(harness);
}

#[test]
fn a_burst_of_500_gives_500_cold_starts() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::BurstOf500);

    harness.get_by_label("Requests: 500");
    harness.get_by_label("Cold starts: 500");
    harness.get_by_label("Throttles: 0");
    harness.get_by_label("Peak concurrency: 500");
    harness.get_by_label_contains("What to look for:");
    // Every number on the page is labelled as modelled.
    assert!(harness.query_all_by_label("model").count() >= 6);
}

#[test]
fn reserved_concurrency_5_throttles_495_of_a_burst_of_500() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::Reserved5);

    harness.get_by_label("Throttles: 495");
    harness.get_by_label("Cold starts: 5");
    harness.get_by_label("Peak concurrency: 5");
    harness.get_by_label_contains("throttled: 495 (99%)");
    // The bill counts served requests only: 5 in 60 s, × 43,200 for a 30-day month.
    harness.get_by_label_contains("5 served × 43,200 = 216,000 a month");
}

#[test]
fn provisioned_concurrency_removes_cold_starts_and_shows_both_bills() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::Provisioned10);

    harness.get_by_label("Cold starts: 0");
    harness.get_by_label("With provisioned concurrency 10");
    harness.get_by_label("On demand (no provisioned concurrency)");
    harness.get_by_label_contains("10 environments configured all month (720 h)");
}

#[test]
fn comparing_runtimes_lists_java_node_python_and_rust() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::CompareRuntimes);

    for runtime in ["java21", "nodejs24.x", "python3.13", "rust (prov.al2023)"] {
        assert!(
            harness.query_all_by_label(runtime).next().is_some(),
            "{runtime} is in the comparison table"
        );
    }
    // The raw/trimmed switch changes what the latency chart shows.
    harness
        .get_by_label("Trimmed: cold starts removed")
        .scroll_to_me();
    harness.run();
    harness.get_by_label("Trimmed: cold starts removed").click();
    harness.run();
    assert!(harness.state().state().cold_starts.latency_trimmed);
}

#[test]
fn inputs_survive_a_restart_and_are_simulated_again() {
    let data = tempfile::tempdir().expect("temp dir");
    {
        let mut harness = app(config(&shipped_lessons(), data.path()));
        open_cold_starts(&mut harness);
        run_experiment(&mut harness, Experiment::Reserved5);
        harness.state_mut().finish_writing(); // what eframe does on quit
    }
    let mut harness = app(config(&shipped_lessons(), data.path()));
    let state = harness.state().state();
    assert_eq!(state.page, Page::ColdStarts);
    assert_eq!(state.cold_starts.scenario, Experiment::Reserved5.inputs());
    wait_for_simulation(&mut harness);
    harness.get_by_label("Throttles: 495");
}

#[test]
fn an_idle_cold_starts_page_asks_for_no_repaint() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::BurstOf500);
    harness.step();
    let delay = harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(
        delay,
        Duration::MAX,
        "an idle frame scheduled another repaint"
    );
}

#[test]
fn inputs_the_simulator_refuses_are_explained_on_the_page() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut state = State {
        page: Page::ColdStarts,
        ..State::default()
    };
    // lambda-perf measured the Bun layer as a zip only.
    state.cold_starts.scenario = ScenarioInputs {
        runtime: "bun layer(prov.al2)".to_owned(),
        package: PackageType::Image,
        ..Experiment::BurstOf500.inputs()
    };
    saved_state(data.path(), &state);
    let mut harness = app(config(&shipped_lessons(), data.path()));
    wait_for_simulation(&mut harness);
    harness.get_by_label_contains("The simulator cannot run these inputs");
    // Said in the results and again under the runtime in the inputs panel.
    assert!(
        harness
            .query_all_by_label_contains(
                "lambda-perf has no image x86_64 data for bun layer(prov.al2)"
            )
            .next()
            .is_some()
    );
}

#[test]
fn the_runtime_comparison_cites_lambda_perf_and_filters() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::ColdStarts);
    let mut harness = app(config);
    harness.get_by_label("Init time per runtime").click();
    harness.run();
    assert_eq!(
        harness.state().state().cold_starts.view,
        ColdStartsView::Runtimes
    );
    harness.get_by_label_contains(
        "Measured on AWS by lambda-perf (github.com/maxday/lambda-perf, Apache-2.0), 30-day \
         medians to 2026-08-22",
    );
    // 40 runtimes measured as zip, x86_64, 128 MB; Rust on AL2023 is the fastest.
    let rows: Vec<String> = harness
        .query_all_by_label_contains(": median ")
        .filter_map(|node| node.accesskit_node().value())
        .filter(|value| value.ends_with(" ms"))
        .collect();
    assert_eq!(rows.len(), 40, "{rows:?}");
    assert!(
        rows[0].starts_with("rust (prov.al2023): median 16."),
        "{rows:?}"
    );

    harness.get_by_label("arm64").click();
    harness.run();
    assert_eq!(
        harness.state().state().cold_starts.runtime_filter.arch,
        Architecture::Arm64
    );
    let arm_rows = harness
        .query_all_by_label_contains(": median ")
        .filter_map(|node| node.accesskit_node().value())
        .filter(|value| value.ends_with(" ms"))
        .count();
    assert_eq!(arm_rows, 38);
}

/// The x range a simulator chart shows now, in ms.
fn chart_x(harness: &Harness<'_, LambdaLabApp>, name: &str) -> (f64, f64) {
    let memory =
        egui_plot::PlotMemory::load(&harness.ctx, lambda_lab::ui::cold_starts::chart_id(name))
            .expect("the chart was drawn");
    (memory.bounds().min()[0], memory.bounds().max()[0])
}

#[test]
fn a_burst_is_shown_where_it_happens_and_reset_view_brings_it_back() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut harness = app(config(&shipped_lessons(), data.path()));
    open_cold_starts(&mut harness);
    run_experiment(&mut harness, Experiment::BurstOf500);

    let (first_ms, last_ms) = {
        let app = harness.state();
        let finished = app.jobs().simulation.latest().expect("a result");
        let run = finished.outcome.as_ref().expect("it ran");
        lambda_lab::ui::cold_starts::activity_ms(&run.result.series, run.result.step_ms)
            .expect("the burst is activity")
    };
    for chart in ["sim_environments", "sim_cold_starts"] {
        let (start, end) = chart_x(&harness, chart);
        // The whole burst is in view, with a margin, and it is not squeezed into a spike
        // at the left of the 60 s run.
        assert!(
            start <= first_ms && end > last_ms,
            "{chart}: {start}..{end}"
        );
        assert!(
            end < 10_000.0,
            "{chart} shows {start}..{end} ms of a 60 s run"
        );
    }
    harness.get_by_label_contains("Showing 0 s to ");

    // The learner zooms out to the whole minute (as a drag or Ctrl+scroll would); the view
    // stays where they put it, until Reset view.
    let id = lambda_lab::ui::cold_starts::chart_id("sim_environments");
    let mut memory = egui_plot::PlotMemory::load(&harness.ctx, id).expect("drawn");
    memory.auto_bounds = false.into();
    memory.set_bounds(egui_plot::PlotBounds::from_min_max(
        [0.0, 0.0],
        [60_000.0, 600.0],
    ));
    memory.store(&harness.ctx, id);
    harness.run();
    assert_eq!(chart_x(&harness, "sim_environments").1, 60_000.0);
    let reset = harness
        .query_all_by_role_and_label(Role::Button, "Reset view")
        .next()
        .expect("a Reset view button");
    reset.scroll_to_me();
    harness.run();
    harness
        .query_all_by_role_and_label(Role::Button, "Reset view")
        .next()
        .expect("a Reset view button")
        .click();
    harness.run();
    let (start, end) = chart_x(&harness, "sim_environments");
    assert!(
        start <= first_ms && end > last_ms && end < 10_000.0,
        "{start}..{end}"
    );
}

#[test]
fn the_session_timeline_gives_each_handler_its_own_rows() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut config = config(&shipped_lessons(), data.path());
    config.start_page = Some(Page::Playground);
    config.start_playground = Some(crate::common::playground_setup("counter"));
    let mut harness = app(config);
    let invoke = |harness: &mut Harness<'_, LambdaLabApp>| {
        harness
            .get_by_role_and_label(Role::Button, "▶ Invoke")
            .click();
        harness.step();
        crate::common::wait_for_invokes(harness);
    };
    invoke(&mut harness);
    // Another handler: both run environment 1 of their own function.
    harness
        .get_by_role_and_label(Role::ComboBox, "Handler")
        .click();
    harness.run();
    harness.get_by_label("HTTP API: a small JSON API").click();
    crate::common::settle(&mut harness);
    assert_eq!(harness.state().state().playground.handler, "api");
    invoke(&mut harness);
    invoke(&mut harness);

    open_cold_starts(&mut harness);
    harness.get_by_label("This session's invocations").click();
    harness.run();
    let timeline = harness.get_by_label_contains("Timeline. ");
    let label = timeline.accesskit_node().label().unwrap_or_default();
    assert!(label.contains("counter: 1 invoke on 1 row"), "{label}");
    assert!(label.contains("api: 2 invokes on 1 row"), "{label}");
    // The text reads as one sentence, not runs of spaces from a broken line.
    crate::common::assert_shows(&harness, "one block per handler, one row per execution");
    assert!(!crate::common::shows(&harness, "  the init segment"));
    // Environment 1 of counter and environment 1 of api are two environments.
    crate::common::assert_shows(&harness, "3 invocations on 2 environments; 2 cold starts.");
}
