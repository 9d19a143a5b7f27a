//! The Cost page: a calculator with AWS-style line items and their arithmetic, the monthly
//! bill against an always-on server with the break-even marked, x86_64 against arm64, this
//! session's real invocations projected to a month, and a power-tuning sweep of a handler
//! and event picked on the page. Prices come from `model::pricing`; estimates say they are models.

use std::fmt::Write as _;
use std::sync::Arc;

use egui::RichText;
use egui_plot::{Bar, BarChart, HLine, Line, Plot, PlotPoints, Points, VLine};

use crate::command::AppCommand;
use crate::jobs::Inbox;
use crate::model::lambda::Architecture;
use crate::model::limits::{
    FULL_VCPU_MEMORY_MB, MAX_EPHEMERAL_STORAGE_MB, MAX_MEMORY_MB, MIN_EPHEMERAL_STORAGE_MB,
    MIN_MEMORY_MB,
};
use crate::model::pricing::{
    self, ColdStarts, Estimate, PRICE_SOURCE, PricingInputs, ProvisionedConcurrency,
};
use crate::model::tuning::{
    self, Server, SweepPoint, T3_MICRO, T4G_SMALL, break_even_requests, monthly_usd_at, picks,
};
use crate::runtime::config::FunctionConfig;
use crate::runtime::record::{InvocationRecord, Status};
use crate::runtime::tuning::{SweepJob, SweepResult};
use crate::session::Session;
use crate::state::CostSettings;
use crate::ui::AppView;
use crate::ui::theme;
use crate::ui::widgets::chart_export::ChartExporter;
use crate::ui::widgets::chart_view::{LegendEntry, Swatch, legend_row};
use crate::ui::widgets::model_badge::model_badge;

mod charts;
mod inputs;
mod power_tuning;
mod projection;
mod tuning_chart;
mod tuning_setup;

use charts::*;
use inputs::*;
use projection::*;

pub use charts::requests_csv;
pub use power_tuning::sweep_csv;

/// The requests axis: 1,000 to 10 billion a month.
const MIN_LOG_REQUESTS: f64 = 3.0;
const MAX_LOG_REQUESTS: f64 = 10.0;

const SERVER_SOURCE: &str = "EC2 on-demand, us-east-1, 730 hours a month (FACTS.md; widely \
     quoted prices: verify before relying on them). A server also needs patching, scaling and \
     monitoring, which this line does not price.";

const TUNING_SOURCE: &str = "Measured on this machine with the runtime picked in the Playground \
     (the embedded engine, or a real runtime process), then scaled by a CPU-share model: Lambda \
     gives CPU in proportion to memory, one full vCPU at 1,769 MB; single-threaded code gains \
     nothing beyond; time spent waiting does not shrink. This machine's core is taken as one \
     Lambda vCPU. There is no model of arm64 speed: both architectures get the same estimated \
     duration and differ only in price (AWS's per-architecture GB-s rates).";

/// What the Playground offers the sweep: its function and its event, each with why it cannot
/// be used yet.
pub struct SweepSource {
    pub config: Result<FunctionConfig, String>,
    pub event: Result<Arc<str>, String>,
}

/// The Cost page's live part: the chart buttons' way back for screenshots.
pub struct CostPage {
    exporter: ChartExporter,
}

impl CostPage {
    /// `inbox`: where a chart's picture goes once the window's screenshot is taken.
    pub fn new(inbox: Inbox) -> Self {
        Self {
            exporter: ChartExporter::new(inbox),
        }
    }

    /// `source`: the Playground's function and event (the sweep runs the function).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &AppView<'_>,
        source: SweepSource,
        commands: &mut Vec<AppCommand>,
    ) {
        let settings = &view.state.cost;
        let mut next = settings.clone();
        egui::Panel::left("cost_inputs")
            .resizable(false)
            .exact_size(330.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("cost_inputs_scroll")
                    .show(ui, |ui| inputs_panel(ui, &mut next));
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("cost_results_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.heading("Cost");
                    ui.horizontal_wrapped(|ui| {
                        ui.label("What one function costs a month, line by line, as AWS bills it.");
                        model_badge(ui, PRICE_SOURCE);
                    });
                    match pricing::estimate(&next.inputs) {
                        Ok(estimate) => {
                            bill(ui, &estimate);
                            requests_chart(ui, &next, &self.exporter, commands);
                            architectures(ui, &next.inputs, &self.exporter, commands);
                        }
                        Err(error) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("{error}. Allowed: {}", error.allowed()),
                            );
                        }
                    }
                    projection(ui, &mut next, view.session, &self.exporter, commands);
                    self.tuning(ui, view, &mut next, source, commands);
                });
        });
        if next != *settings {
            commands.push(AppCommand::UpdateCost(next));
        }
    }
}
