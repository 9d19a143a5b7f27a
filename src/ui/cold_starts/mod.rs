//! The Cold starts page: a traffic simulator with ready-made experiments (concurrency,
//! environments, cold starts, throttles, latency and the month's bill) and lambda-perf's init
//! times per runtime. Every number here is modelled, never measured on AWS, and says so.

mod charts;
mod inputs;
mod latency;
mod results;
mod runtimes;
mod session;

use std::sync::Arc;

use egui::RichText;
use egui_plot::{Bar, BarChart, HoverPosition, Line, LineStyle, Plot, PlotPoints};

use crate::command::AppCommand;
use crate::jobs::simulate::{Activity, SimulationWorker};
use crate::model::coldstart::{self, InitRecord};
use crate::model::format;
use crate::model::lambda::{Architecture, PackageType};
use crate::model::limits::{MIN_UNRESERVED_CONCURRENCY, SCALING_ENVIRONMENTS_PER_WINDOW};
use crate::model::pricing::{self, Estimate};
use crate::model::scenario::{
    self, Bill, ComparedRuntime, Experiment, MONTH_SECS, Pattern, ScenarioInputs, ScenarioRun,
};
use crate::model::simulator::{Percentiles, SeriesBucket, SimResult, Summary};
use crate::runtime::record::InvocationRecord;
use crate::session::Session;
use crate::state::{ColdStartsSettings, ColdStartsView, RuntimeFilter};
use crate::ui::AppView;
use crate::ui::theme;
use crate::ui::widgets::chart_view::{
    LegendEntry, Swatch, data_key, fit_range, legend_and_reset, legend_row, time_grid, time_tick,
    zoomable,
};
use crate::ui::widgets::init_strip::{InitRow, InitStripColours, init_strip};
use crate::ui::widgets::model_badge::model_badge;
use crate::ui::widgets::share_bar::{Share, percent, share_bar};
use crate::ui::widgets::stat::stat;
use crate::ui::widgets::timeline::{TimelineColours, timeline};

pub use charts::{activity_ms, bucket_at, bucket_words, chart_id};
pub use runtimes::runtime_rows;
use {charts::*, inputs::*, latency::*, results::*, runtimes::*, session::*};

/// The citation the runtime comparison must carry.
pub const LAMBDA_PERF_CITATION: &str = "Measured on AWS by lambda-perf \
     (github.com/maxday/lambda-perf, Apache-2.0), 30-day medians to 2026-08-22";

/// Where the simulator's numbers come from, for every "model" badge on its results.
const SIMULATOR_SOURCE: &str = "Simulated on this machine. Init times are drawn from \
     lambda-perf's raw samples (github.com/maxday/lambda-perf, Apache-2.0); the concurrency \
     quota (1,000 per account) and scaling rate (1,000 new environments per 10 s per function) \
     come from the AWS Lambda docs (checked 2026-11); the idle lifetime is an assumption, \
     because AWS does not document it.";

/// What latency means here.
const LATENCY_SOURCE: &str = "Latency = init (cold starts only) + handler time, as the \
     simulator models them. The network and Lambda's own routing time are left out.";

/// Room a slider's value box needs beside it ("10,240 MB", "1 h 30 min").
const SLIDER_VALUE_WIDTH: f32 = 120.0;

/// The lambda-perf sizes the runtime comparison can filter on.
const MEASURED_MEMORY_MB: [u32; 4] = [128, 256, 512, 1024];

/// Draws the page.
pub fn ui(ui: &mut egui::Ui, view: &AppView<'_>, commands: &mut Vec<AppCommand>) {
    let settings = &view.state.cold_starts;
    let simulation = &view.jobs.simulation;
    let invocations = view.session;
    let mut edited = settings.clone();
    header(ui, &mut edited);
    match settings.view {
        ColdStartsView::Simulator => {
            simulator_view(ui, settings, &mut edited, simulation, commands)
        }
        ColdStartsView::Runtimes => runtimes_view(ui, &mut edited, invocations),
        ColdStartsView::Session => session_view(ui, settings, invocations, commands),
    }
    if edited != *settings {
        if edited.scenario != settings.scenario {
            // The inputs no longer are the experiment's: its "what to look for" would mislead.
            edited.experiment = None;
        }
        commands.push(AppCommand::UpdateColdStarts(edited));
    }
}

fn header(ui: &mut egui::Ui, settings: &mut ColdStartsSettings) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Cold starts");
        ui.add_space(16.0);
        ui.selectable_value(
            &mut settings.view,
            ColdStartsView::Simulator,
            "Simulate traffic",
        );
        ui.selectable_value(
            &mut settings.view,
            ColdStartsView::Runtimes,
            "Init time per runtime",
        );
        ui.selectable_value(
            &mut settings.view,
            ColdStartsView::Session,
            "This session's invocations",
        );
    });
    ui.label(
        RichText::new(
            "A cold start is a request that waits while Lambda creates and initialises a new \
             execution environment. Hover a \"model\" badge for where a number comes from.",
        )
        .weak(),
    );
    ui.separator();
}

// ---------------------------------------------------------------------------------------------
// Simulator view
// ---------------------------------------------------------------------------------------------

fn simulator_view(
    ui: &mut egui::Ui,
    settings: &ColdStartsSettings,
    edited: &mut ColdStartsSettings,
    simulation: &SimulationWorker,
    commands: &mut Vec<AppCommand>,
) {
    egui::Panel::left("cold_starts_inputs")
        .default_size(theme::INPUTS_PANEL_WIDTH)
        .size_range(260.0..=440.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("cold_starts_inputs_scroll")
                .show(ui, |ui| inputs_panel(ui, &mut edited.scenario));
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("cold_starts_results_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                experiments(
                    ui,
                    settings.experiment,
                    settings.scenario.seed,
                    simulation,
                    commands,
                );
                ui.add_space(6.0);
                results(ui, settings, edited, simulation);
                ui.add_space(24.0);
            });
    });
}

/// A heading inside the inputs panel.
fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong());
    ui.add_space(2.0);
}

/// A label on its own line, then the slider across the panel (a label beside a slider would
/// leave the slider too short to aim at in a 300-point panel).
fn slider_row(ui: &mut egui::Ui, label: &str, hint: &str, slider: egui::Slider<'_>) -> bool {
    let label = ui.label(label);
    let hint_shown = !hint.is_empty();
    if hint_shown {
        ui.label(RichText::new(hint).small().weak());
    }
    ui.spacing_mut().slider_width = (ui.available_width() - SLIDER_VALUE_WIDTH).max(80.0);
    let response = ui.add(slider).labelled_by(label.id);
    response.changed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hovering_a_bar_or_a_point_finds_its_bucket() {
        let step_ms = 200.0;
        // Bars sit at the middle of their bucket: bucket 3 is centred on 700 ms.
        assert_eq!(bucket_at(700.0, step_ms, 300), Some(3));
        assert_eq!(bucket_at(610.0, step_ms, 300), Some(3));
        assert_eq!(bucket_at(-5_000.0, step_ms, 300), Some(0));
        assert_eq!(bucket_at(1e12, step_ms, 300), Some(299));
        assert_eq!(bucket_at(700.0, step_ms, 0), None);
    }

    #[test]
    fn a_bucket_reads_as_a_sentence() {
        let bucket = SeriesBucket {
            start_ms: 3_600_000.0,
            requests: 1_200,
            cold_starts: 3,
            throttles: 0,
            peak_concurrency: 4,
            initialising: 0,
            busy: 2,
            idle: 5,
            provisioned: 2,
        };
        let words = bucket_words(&bucket, 300_000.0);
        assert!(
            words.starts_with("1 h to 1 h 5 min after the start"),
            "{words}"
        );
        assert!(
            words.contains("1,200 requests · 3 cold starts · 0 throttles"),
            "{words}"
        );
        assert!(words.contains("2 busy · 5 idle (2 provisioned)"), "{words}");
    }

    #[test]
    fn runtime_rows_are_filtered_and_fastest_first() {
        let records = coldstart::records().expect("embedded data");
        let rows = runtime_rows(RuntimeFilter::default(), records);
        assert_eq!(rows.len(), 40);
        assert!(
            rows.windows(2)
                .all(|pair| pair[0].median_init_ms <= pair[1].median_init_ms)
        );
        assert!(rows[0].runtime.starts_with("rust"), "{}", rows[0].runtime);
        assert!(
            rows.iter()
                .all(|row| row.memory_mb == 128 && row.package == PackageType::Zip)
        );
        let arm_images = runtime_rows(
            RuntimeFilter {
                package: PackageType::Image,
                arch: Architecture::Arm64,
                memory_mb: 1024,
            },
            records,
        );
        assert_eq!(arm_images.len(), 38);
        assert!(LAMBDA_PERF_CITATION.contains("Apache-2.0"));
    }
}
