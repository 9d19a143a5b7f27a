//! The Cost page: a calculator with AWS-style line items and their arithmetic, the monthly
//! bill against an always-on server with the break-even marked, x86_64 against arm64, this
//! session's real invocations projected to a month, and a power-tuning sweep of the
//! Playground's handler. Prices come from `model::pricing`; estimates say they are models.

use std::collections::VecDeque;
use std::fmt::Write as _;

use egui::RichText;
use egui_plot::{Bar, BarChart, Corner, HLine, Legend, Line, Plot, PlotPoints, Points, VLine};

use crate::command::AppCommand;
use crate::model::pricing::{
    self, Architecture, ColdStarts, Estimate, PRICE_SOURCE, PricingInputs, ProvisionedConcurrency,
};
use crate::model::tuning::{
    self, FULL_VCPU_MEMORY_MB, Server, SweepPoint, T3_MICRO, T4G_SMALL, break_even_requests,
    monthly_usd_at, picks,
};
use crate::runtime::config::FunctionConfig;
use crate::runtime::record::{InvocationRecord, Status};
use crate::state::{CostSettings, State};
use crate::tuning_worker::{SweepJob, SweepWorker};
use crate::ui::theme;
use crate::ui::widgets::chart_export::ChartExporter;
use crate::ui::widgets::model_badge::model_badge;

/// The requests axis: 1,000 to 10 billion a month.
const MIN_LOG_REQUESTS: f64 = 3.0;
const MAX_LOG_REQUESTS: f64 = 10.0;

const SERVER_SOURCE: &str = "EC2 on-demand, us-east-1, 730 hours a month (FACTS.md; widely \
     quoted prices: verify before relying on them). A server also needs patching, scaling and \
     monitoring, which this line does not price.";

const TUNING_SOURCE: &str = "Measured here by the embedded engine, then scaled by a CPU-share \
     model: Lambda gives CPU in proportion to memory, one full vCPU at 1,769 MB; single-threaded \
     JavaScript gains nothing beyond; time spent waiting does not shrink. This machine's core is \
     taken as one Lambda vCPU.";

/// The Cost page's live parts.
pub struct CostPage {
    sweep: SweepWorker,
    exporter: ChartExporter,
}

/// What the page needs from the Playground.
pub struct PlaygroundWork<'a> {
    pub history: &'a VecDeque<InvocationRecord>,
    /// The Playground's function and event, when they can run.
    pub job: Option<(FunctionConfig, String)>,
}

impl CostPage {
    /// `export_dir`: save charts there without a dialog (`--export-dir`).
    pub fn new(export_dir: Option<std::path::PathBuf>) -> Self {
        Self {
            sweep: SweepWorker::default(),
            exporter: ChartExporter::new(export_dir),
        }
    }

    pub fn poll(&mut self) {
        self.sweep.poll();
    }

    pub fn sweep(&self) -> &SweepWorker {
        &self.sweep
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        playground: PlaygroundWork<'_>,
        commands: &mut Vec<AppCommand>,
    ) {
        for message in self.exporter.finished() {
            commands.push(AppCommand::ShowStatus(message));
        }
        let settings = &state.cost;
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
                            requests_chart(ui, &next, &self.exporter);
                            architectures(ui, &next.inputs, &self.exporter);
                        }
                        Err(error) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("{error}. Allowed: {}", error.allowed()),
                            );
                        }
                    }
                    projection(ui, &mut next, playground.history, &self.exporter);
                    self.tuning(ui, &mut next, playground.job);
                });
        });
        if next != *settings {
            commands.push(AppCommand::UpdateCost(next));
        }
    }

    fn tuning(
        &mut self,
        ui: &mut egui::Ui,
        settings: &mut CostSettings,
        job: Option<(FunctionConfig, String)>,
    ) {
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Power tuning").strong());
            model_badge(ui, TUNING_SOURCE);
        });
        ui.label(
            "Runs the Playground's handler and event at each memory size from 128 MB to \
             10,240 MB: one cold invoke (shown apart), then warm ones averaged (trimmed mean), \
             in the spirit of AWS Lambda Power Tuning.",
        );
        ui.horizontal(|ui| {
            let label = ui.label("Warm runs per size");
            ui.add(egui::DragValue::new(&mut settings.sweep_runs).range(1..=50))
                .labelled_by(label.id);
            let handler = job.as_ref().map(|(config, _)| config.function_name.clone());
            match (self.sweep.running(), job) {
                (Some(progress), _) => {
                    ui.add(
                        egui::ProgressBar::new(progress)
                            .show_percentage()
                            .desired_width(200.0),
                    );
                    if ui.button("Cancel").clicked() {
                        self.sweep.cancel_running();
                    }
                }
                (None, Some((config, event_json))) => {
                    if ui
                        .button(format!("▶ Sweep {}", handler.unwrap_or_default()))
                        .on_hover_text("Uses the handler, event and timeout set in the Playground")
                        .clicked()
                    {
                        self.sweep.start(
                            ui.ctx(),
                            SweepJob {
                                config,
                                event_json,
                                runs: settings.sweep_runs,
                                architecture: settings.inputs.architecture,
                            },
                        );
                    }
                }
                (None, None) => {
                    ui.label("Set up a handler and a valid event in the Playground first.");
                }
            }
        });
        let Some(result) = self.sweep.latest().cloned() else {
            return;
        };
        for (memory_mb, error) in &result.failures {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{memory_mb} MB: failed with {error} (left out)"),
            );
        }
        if result.points.is_empty() {
            return;
        }
        let picks = picks(&result.points);
        let charts_rect = sweep_charts(ui, &result.points, picks);
        self.exporter.buttons(
            ui,
            &format!("power-tuning-{}", result.handler),
            charts_rect,
            || sweep_csv(&result.points),
        );
        sweep_table(ui, &result.points, picks);
        if let Some(pooled) = result.pooled {
            ui.label(
                RichText::new(format!(
                    "Estimates scale all {} warm runs together (trimmed mean: {:.2} ms computing, \
                     {:.2} ms waiting): the engine here runs at the same speed at every memory \
                     size, so each size's runs measure the same thing, and only Lambda's CPU \
                     share differs.",
                    result.pooled_runs, pooled.compute_ms, pooled.waiting_ms
                ))
                .small()
                .weak(),
            );
        }
    }
}

/// The sweep as CSV: one row per memory size.
pub fn sweep_csv(points: &[SweepPoint]) -> String {
    let mut csv = String::from(
        "memory_mb,measured_compute_ms,measured_waiting_ms,cold_init_ms,estimated_duration_ms,cost_per_invocation_usd\n",
    );
    for p in points {
        let _ = writeln!(
            csv,
            "{},{:.3},{:.3},{},{:.3},{:.12}",
            p.memory_mb,
            p.measured.compute_ms,
            p.measured.waiting_ms,
            p.cold_init_ms
                .map_or(String::new(), |ms| format!("{ms:.3}")),
            p.estimated_duration_ms,
            p.cost_per_invocation_usd
        );
    }
    csv
}

fn field(ui: &mut egui::Ui, label: &str, hint: &str, widget: impl egui::Widget) {
    ui.horizontal(|ui| {
        let label = ui.label(label).on_hover_text(hint);
        ui.add(widget).labelled_by(label.id);
    });
}

fn inputs_panel(ui: &mut egui::Ui, settings: &mut CostSettings) {
    let inputs = &mut settings.inputs;
    ui.add_space(6.0);
    ui.label(RichText::new("Workload").strong());
    let mut log_requests = (inputs.requests.max(1) as f64).log10();
    let label = ui
        .horizontal(|ui| {
            let label = ui.label("Requests a month");
            ui.add(
                egui::DragValue::new(&mut inputs.requests)
                    .speed(1000.0)
                    .custom_formatter(|n, _| pricing::group_thousands(n as u128)),
            )
            .labelled_by(label.id);
            label
        })
        .inner;
    // The slider gets a row of its own, so ten-digit counts never widen the panel.
    ui.scope(|ui| {
        ui.spacing_mut().slider_width = ui.available_width() - 8.0;
        if ui
            .add(egui::Slider::new(&mut log_requests, 0.0..=10.0).show_value(false))
            .labelled_by(label.id)
            .on_hover_text("Log scale: 1 to 10 billion requests a month")
            .changed()
        {
            inputs.requests = 10f64.powf(log_requests).round() as u64;
        }
    });
    field(
        ui,
        "Average duration",
        "Of one invoke, in ms; decimals allowed (1.2 ms bills as 2 ms)",
        egui::DragValue::new(&mut inputs.duration_ms)
            .speed(1.0)
            .suffix(" ms"),
    );
    field(
        ui,
        "Memory",
        "128–10,240 MB",
        egui::DragValue::new(&mut inputs.memory_mb)
            .speed(16.0)
            .suffix(" MB"),
    );
    ui.horizontal(|ui| {
        ui.label("Architecture");
        ui.selectable_value(&mut inputs.architecture, Architecture::X86_64, "x86_64");
        ui.selectable_value(&mut inputs.architecture, Architecture::Arm64, "arm64");
    });
    field(
        ui,
        "Ephemeral storage",
        "512–10,240 MB; the first 512 MB are free",
        egui::DragValue::new(&mut inputs.ephemeral_storage_mb)
            .speed(16.0)
            .suffix(" MB"),
    );
    ui.checkbox(
        &mut inputs.free_tier,
        "Free tier (1M requests, 400,000 GB-s a month)",
    );
    ui.add_space(6.0);
    ui.label(RichText::new("Cold starts").strong());
    let mut cold = inputs.cold_starts.is_some();
    if ui.checkbox(&mut cold, "Bill cold starts' INIT").changed() {
        inputs.cold_starts = cold.then_some(ColdStarts {
            rate: 0.01,
            init_duration_ms: 200.0,
        });
    }
    if let Some(starts) = inputs.cold_starts.as_mut() {
        let mut percent = starts.rate * 100.0;
        field(
            ui,
            "Cold-start share",
            "Of on-demand requests; typically under 1%",
            egui::DragValue::new(&mut percent)
                .speed(0.05)
                .range(0.0..=100.0)
                .suffix(" %"),
        );
        starts.rate = percent / 100.0;
        field(
            ui,
            "Init Duration",
            "Of one cold start, in ms",
            egui::DragValue::new(&mut starts.init_duration_ms)
                .speed(5.0)
                .suffix(" ms"),
        );
        ui.checkbox(&mut inputs.init_billed, "INIT billed (since 2025-08-01)")
            .on_hover_text("Untick to see an on-demand zip function's bill before August 2025");
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Provisioned concurrency").strong());
    let mut provisioned = inputs.provisioned.is_some();
    if ui.checkbox(&mut provisioned, "Configured").changed() {
        inputs.provisioned = provisioned.then_some(ProvisionedConcurrency {
            concurrency: 5,
            hours_enabled: 730.0,
            requests: 1_000_000,
            duration_ms: inputs.duration_ms,
        });
    }
    if let Some(pc) = inputs.provisioned.as_mut() {
        field(
            ui,
            "Environments",
            "Configured concurrency",
            egui::DragValue::new(&mut pc.concurrency),
        );
        field(
            ui,
            "Hours enabled",
            "This month; billed in 5-minute steps",
            egui::DragValue::new(&mut pc.hours_enabled)
                .speed(1.0)
                .suffix(" h"),
        );
        field(
            ui,
            "Requests served",
            "By the provisioned environments (the rest are on demand, above)",
            egui::DragValue::new(&mut pc.requests).speed(1000.0),
        );
        field(
            ui,
            "Their duration",
            "Average, in ms",
            egui::DragValue::new(&mut pc.duration_ms)
                .speed(1.0)
                .suffix(" ms"),
        );
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Compare with a server").strong());
    let mut own = settings.own_server_usd_per_hour.is_some();
    if ui.checkbox(&mut own, "My own price").changed() {
        settings.own_server_usd_per_hour = own.then_some(0.05);
    }
    if let Some(price) = settings.own_server_usd_per_hour.as_mut() {
        field(
            ui,
            "Price",
            "USD per hour, always on",
            egui::DragValue::new(price)
                .speed(0.001)
                .range(0.0..=100.0)
                .prefix("$")
                .suffix(" /h"),
        );
    }
}

/// The bill as AWS itemises it: each line, its amount, and its arithmetic under it.
fn bill(ui: &mut egui::Ui, estimate: &Estimate) {
    ui.add_space(6.0);
    let width = ui.available_width().min(760.0);
    for line in &estimate.line_items {
        ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(line.kind.label()).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(RichText::new(pricing::format_cents(line.cost_cents)).strong());
                });
            });
            ui.add(egui::Label::new(RichText::new(&line.arithmetic).small().monospace()).wrap());
        });
    }
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Total").strong());
            ui.label(
                RichText::new(estimate.total_arithmetic())
                    .small()
                    .monospace(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(pricing::format_cents(estimate.total_cents))
                        .strong()
                        .size(18.0),
                );
            });
        });
    });
}

fn servers(settings: &CostSettings) -> Vec<Server> {
    let mut servers = vec![T3_MICRO, T4G_SMALL];
    if let Some(price) = settings.own_server_usd_per_hour {
        servers.push(Server {
            name: "your server",
            usd_per_hour: price,
        });
    }
    servers
}

fn requests_label(requests: f64) -> String {
    match requests {
        r if r >= 1e9 => format!("{:.0}B", r / 1e9),
        r if r >= 1e6 => format!("{:.0}M", r / 1e6),
        r if r >= 1e3 => format!("{:.0}k", r / 1e3),
        r => format!("{r:.0}"),
    }
}

fn requests_chart(ui: &mut egui::Ui, settings: &CostSettings, exporter: &ChartExporter) {
    ui.add_space(10.0);
    // The saved picture starts at the title, so it explains itself.
    let top_left = ui.cursor().min;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Lambda against an always-on server").strong());
        model_badge(ui, SERVER_SOURCE);
    });
    let inputs = &settings.inputs;
    let servers = servers(settings);
    let highest_server = servers.iter().map(|s| s.monthly_usd()).fold(0.0, f64::max);
    // The y axis reaches a few times the dearest server (and the current workload), so the
    // crossing stays readable; the curve stops where it leaves the chart.
    let y_max =
        (highest_server * 4.0).max(monthly_usd_at(inputs, inputs.requests).unwrap_or(0.0) * 1.2);
    let curve: Vec<[f64; 2]> = (0..=140)
        .filter_map(|step| {
            let log =
                MIN_LOG_REQUESTS + (MAX_LOG_REQUESTS - MIN_LOG_REQUESTS) * f64::from(step) / 140.0;
            let requests = 10f64.powf(log).round() as u64;
            monthly_usd_at(inputs, requests).map(|usd| [log, usd])
        })
        .take_while(|[_, usd]| *usd <= y_max)
        .collect();
    let mut crossings = Vec::new();
    for server in &servers {
        let crossing = break_even_requests(inputs, server.monthly_usd(), 10_000_000_000);
        let words = match crossing {
            Some(requests) => format!(
                "{}: ${:.2} a month. Lambda costs more above {} requests a month.",
                server.name,
                server.monthly_usd(),
                pricing::group_thousands(u128::from(requests))
            ),
            None => format!(
                "{}: ${:.2} a month. Lambda stays cheaper up to 10 billion requests.",
                server.name,
                server.monthly_usd()
            ),
        };
        ui.label(RichText::new(words).small());
        crossings.push((server, crossing));
    }
    let colours = [theme::warm(ui), theme::cold(ui), theme::provisioned(ui)];
    let lambda_colour = theme::accent(ui);
    let plot = Plot::new("cost_vs_requests")
        .height(theme::CHART_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_label("requests a month (log scale)")
        .y_axis_label("USD a month")
        .include_y(0.0)
        .include_y(y_max)
        .include_x(MIN_LOG_REQUESTS)
        .include_x(MAX_LOG_REQUESTS)
        .x_axis_formatter(|mark, _| {
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                requests_label(10f64.powf(mark.value))
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, _| format!("${:.0}", mark.value))
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .label_formatter(|position| {
            let point = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position,
            };
            Some(format!(
                "{} requests: ${:.2}",
                pricing::group_thousands(10f64.powf(point.x).round() as u128),
                point.y
            ))
        })
        .show(ui, |plot_ui| {
            plot_ui.line(
                Line::new(
                    format!(
                        "Lambda ({} MB, {} ms)",
                        inputs.memory_mb, inputs.duration_ms
                    ),
                    PlotPoints::from(curve.clone()),
                )
                .color(lambda_colour)
                .width(2.5),
            );
            for (index, (server, crossing)) in crossings.iter().enumerate() {
                let colour = colours[index % colours.len()];
                plot_ui.hline(
                    HLine::new(
                        format!("{} ${:.2}/month", server.name, server.monthly_usd()),
                        server.monthly_usd(),
                    )
                    .color(colour),
                );
                if let Some(requests) = crossing {
                    let x = (*requests as f64).log10();
                    plot_ui.vline(VLine::new("", x).color(colour.gamma_multiply(0.5)));
                    plot_ui.points(
                        Points::new(
                            format!("break-even with {}", server.name),
                            vec![[x, server.monthly_usd()]],
                        )
                        .radius(5.0)
                        .color(colour),
                    );
                }
            }
            // The current workload on the curve.
            if inputs.requests > 0 {
                let x = (inputs.requests as f64).log10();
                if let Some(usd) = monthly_usd_at(inputs, inputs.requests) {
                    plot_ui.points(
                        Points::new("your workload", vec![[x, usd]])
                            .radius(6.0)
                            .color(lambda_colour)
                            .filled(false),
                    );
                }
            }
        });
    let picture = picture_rect(ui, top_left, &plot.response);
    exporter.buttons(ui, "lambda-vs-server", picture, || {
        requests_csv(&curve, &servers)
    });
    ui.label(
        RichText::new(
            "The knee near the left is the free tier running out. Assumptions: one always-on \
             instance handles the whole load; Lambda's price counts only requests and duration \
             (and INIT, ephemeral storage, provisioned concurrency when set).",
        )
        .small()
        .weak(),
    );
}

/// What a saved chart picture covers: from the chart's title at `top_left` to the plot's
/// right edge and below its axis labels (egui_plot draws those outside the plot's rect).
fn picture_rect(ui: &egui::Ui, top_left: egui::Pos2, plot: &egui::Response) -> egui::Rect {
    egui::Rect::from_min_max(top_left, egui::pos2(plot.rect.right(), ui.cursor().top()))
}

/// The cost-against-requests chart's numbers: one row per point of the Lambda curve, with
/// each server's monthly price beside it.
pub fn requests_csv(curve: &[[f64; 2]], servers: &[Server]) -> String {
    let mut csv = String::from("requests_per_month,lambda_usd_per_month");
    for server in servers {
        let _ = write!(
            csv,
            ",{}_usd_per_month",
            server.name.replace([' ', '.'], "_")
        );
    }
    csv.push('\n');
    for [log_requests, usd] in curve {
        let _ = write!(csv, "{:.0},{usd:.2}", 10f64.powf(*log_requests).round());
        for server in servers {
            let _ = write!(csv, ",{:.2}", server.monthly_usd());
        }
        csv.push('\n');
    }
    csv
}

fn architectures(ui: &mut egui::Ui, inputs: &PricingInputs, exporter: &ChartExporter) {
    ui.add_space(10.0);
    let top_left = ui.cursor().min;
    ui.horizontal(|ui| {
        ui.label(RichText::new("x86_64 or arm64 for the same workload").strong());
        model_badge(
            ui,
            "Same duration on both: a model. arm64 (Graviton) is about 20% cheaper per GB-s; \
             whether your code runs faster or slower on it, only a measurement on AWS shows.",
        );
    });
    let total = |architecture| {
        let mut at = inputs.clone();
        at.architecture = architecture;
        if let Some(pc) = at.provisioned.as_mut() {
            pc.duration_ms = pc.duration_ms.max(0.0);
        }
        pricing::estimate(&at).map(|e| e.total_usd()).unwrap_or(0.0)
    };
    let x86 = total(Architecture::X86_64);
    let arm = total(Architecture::Arm64);
    let saving = if x86 > 0.0 {
        (x86 - arm) / x86 * 100.0
    } else {
        0.0
    };
    ui.label(format!(
        "x86_64 ${x86:.2} · arm64 ${arm:.2} a month: arm64 saves {saving:.0}%."
    ));
    let colours = [theme::cold(ui), theme::warm(ui)];
    let plot = Plot::new("cost_architectures")
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_y(false)
        .y_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 if (mark.value - 0.0).abs() < 1e-6 => "x86_64".to_owned(),
            1 if (mark.value - 1.0).abs() < 1e-6 => "arm64".to_owned(),
            _ => String::new(),
        })
        .x_axis_label("USD a month")
        .include_x(0.0)
        .include_x(x86.max(arm) * 1.15 + 0.01)
        .include_y(-0.6)
        .include_y(1.6)
        .show(ui, |plot_ui| {
            for (index, (name, usd)) in [("x86_64", x86), ("arm64", arm)].into_iter().enumerate() {
                plot_ui.bar_chart(
                    BarChart::new(
                        name,
                        vec![
                            Bar::new(index as f64, usd)
                                .width(0.6)
                                .name(format!("{name}: ${usd:.2}")),
                        ],
                    )
                    .horizontal()
                    .color(colours[index]),
                );
            }
        });
    let picture = picture_rect(ui, top_left, &plot.response);
    exporter.buttons(ui, "x86_64-vs-arm64", picture, || {
        format!("architecture,usd_per_month\nx86_64,{x86:.2}\narm64,{arm:.2}\n")
    });
}

/// This session's real invocations, projected to a month at a rate the learner sets.
fn projection(
    ui: &mut egui::Ui,
    settings: &mut CostSettings,
    history: &VecDeque<InvocationRecord>,
    exporter: &ChartExporter,
) {
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("This session's invocations, projected to a month").strong());
        model_badge(
            ui,
            "Durations measured here by the embedded engine, priced as if Lambda took as long. \
             Real Lambda times differ: see Power tuning below for the memory effect.",
        );
    });
    let served: Vec<&InvocationRecord> = history
        .iter()
        .filter(|r| r.status != Status::Throttled)
        .collect();
    if served.is_empty() {
        ui.label("No invocations yet: invoke something in the Playground, then come back.");
        return;
    }
    let count = served.len() as f64;
    let duration_ms = served.iter().map(|r| r.duration_ms).sum::<f64>() / count;
    let cold: Vec<f64> = served.iter().filter_map(|r| r.init_duration_ms).collect();
    let memory_mb = served.last().map_or(128, |r| r.memory_size_mb);
    ui.horizontal(|ui| {
        let label = ui.label("Projected requests a month");
        ui.add(
            egui::DragValue::new(&mut settings.projection_requests_per_month)
                .speed(1000.0)
                .range(1..=10_000_000_000_u64)
                .custom_formatter(|n, _| pricing::group_thousands(n as u128)),
        )
        .labelled_by(label.id);
    });
    let inputs = PricingInputs {
        requests: settings.projection_requests_per_month,
        duration_ms,
        memory_mb,
        cold_starts: (!cold.is_empty()).then(|| ColdStarts {
            rate: cold.len() as f64 / count,
            init_duration_ms: cold.iter().sum::<f64>() / cold.len() as f64,
        }),
        ..PricingInputs::default()
    };
    ui.label(format!(
        "From {} invocations: mean duration {duration_ms:.2} ms at {memory_mb} MB, {:.0}% cold \
         (a short session has far more cold starts than steady traffic would).",
        served.len(),
        cold.len() as f64 / count * 100.0
    ));
    match pricing::estimate(&inputs) {
        Ok(estimate) => bill(ui, &estimate),
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
        }
    }
    invocations_chart(ui, &served, exporter);
}

/// How many of the latest invocations the per-invocation chart shows.
const CHARTED_INVOCATIONS: usize = 100;

/// One bar per invocation of the session: what a million like it would cost, cold ones
/// (INIT billed since 2025-08-01) apart from warm ones.
fn invocations_chart(ui: &mut egui::Ui, served: &[&InvocationRecord], exporter: &ChartExporter) {
    let shown = &served[served.len().saturating_sub(CHARTED_INVOCATIONS)..];
    let first_number = served.len() - shown.len() + 1;
    let usd_per_million = |record: &InvocationRecord| {
        pricing::invocation_usd(
            record.billed_duration_ms,
            record.memory_size_mb,
            Architecture::X86_64,
        ) * 1_000_000.0
    };
    let bar = |(index, record): (usize, &&InvocationRecord)| {
        let number = first_number + index;
        let words = match record.init_duration_ms {
            Some(init_ms) => format!(
                "#{number} cold: {init_ms:.1} ms init + {:.1} ms run, billed {} ms",
                record.duration_ms, record.billed_duration_ms
            ),
            None => format!(
                "#{number} warm: {:.1} ms, billed {} ms",
                record.duration_ms, record.billed_duration_ms
            ),
        };
        Bar::new(number as f64, usd_per_million(record))
            .width(0.8)
            .name(words)
    };
    let (cold, warm): (Vec<_>, Vec<_>) = shown
        .iter()
        .enumerate()
        .partition(|(_, record)| record.cold);
    let (warm_colour, cold_colour) = (theme::warm(ui), theme::cold(ui));
    let highest_usd = shown
        .iter()
        .map(|record| usd_per_million(record))
        .fold(0.0, f64::max);
    let top_left = ui.cursor().min;
    ui.label(
        RichText::new(format!(
            "Each invocation priced ({} shown): USD per million invocations like it, at the \
             first x86_64 tier, before the free tier.",
            shown.len()
        ))
        .small(),
    );
    let plot = Plot::new("cost_session_invocations")
        .height(150.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_label("invocation (this session)")
        .y_axis_label("USD per 1M like it")
        .y_axis_formatter(|mark, _| format!("${:.2}", mark.value))
        .include_y(0.0)
        // Headroom above the bars for the legend.
        .include_y(highest_usd * 2.0)
        .legend(Legend::default().position(Corner::LeftTop))
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(
                BarChart::new("warm", warm.into_iter().map(bar).collect()).color(warm_colour),
            );
            plot_ui.bar_chart(
                BarChart::new("cold (INIT billed)", cold.into_iter().map(bar).collect())
                    .color(cold_colour),
            );
        });
    let picture = picture_rect(ui, top_left, &plot.response);
    exporter.buttons(ui, "session-invocations", picture, || {
        let mut csv = String::from(
            "number,request_id,cold,init_duration_ms,duration_ms,billed_duration_ms,memory_mb,usd\n",
        );
        for (index, record) in shown.iter().enumerate() {
            let _ = writeln!(
                csv,
                "{},{},{},{},{:.3},{},{},{:.12}",
                first_number + index,
                record.request_id,
                record.cold,
                record
                    .init_duration_ms
                    .map_or(String::new(), |ms| format!("{ms:.3}")),
                record.duration_ms,
                record.billed_duration_ms,
                record.memory_size_mb,
                usd_per_million(record) / 1_000_000.0
            );
        }
        csv
    });
}

fn pick_words(point: &SweepPoint, picks: Option<tuning::Picks>) -> String {
    let Some(picks) = picks else {
        return String::new();
    };
    let mut words = Vec::new();
    if point.memory_mb == picks.cheapest_mb {
        words.push("cheapest");
    }
    if point.memory_mb == picks.fastest_mb {
        words.push("fastest");
    }
    if point.memory_mb == picks.balanced_mb {
        words.push("balanced");
    }
    words.join(", ")
}

/// Draws the duration and cost charts side by side; returns the area they cover.
fn sweep_charts(
    ui: &mut egui::Ui,
    points: &[SweepPoint],
    picks: Option<tuning::Picks>,
) -> egui::Rect {
    let x = |p: &SweepPoint| f64::from(p.memory_mb).log2();
    let duration: Vec<[f64; 2]> = points
        .iter()
        .map(|p| [x(p), p.estimated_duration_ms])
        .collect();
    let cost: Vec<[f64; 2]> = points
        .iter()
        .map(|p| [x(p), p.cost_per_invocation_usd * 1_000_000.0])
        .collect();
    let axis = |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let memory = 2f64.powf(mark.value);
        if (mark.value - mark.value.round()).abs() < 1e-6 {
            format!("{memory:.0} MB")
        } else {
            String::new()
        }
    };
    let (duration_colour, cost_colour, pick_colour) =
        (theme::cold(ui), theme::warm(ui), theme::accent(ui));
    let picked: Vec<&SweepPoint> = points
        .iter()
        .filter(|p| !pick_words(p, picks).is_empty())
        .collect();
    let full_vcpu = f64::from(FULL_VCPU_MEMORY_MB).log2();
    let top_left = ui.cursor().min;
    let cost_plot = ui.columns(2, |columns| {
        Plot::new("tuning_duration")
            .height(theme::CHART_HEIGHT)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label("memory (log scale)")
            .y_axis_label("estimated duration (ms)")
            .x_axis_formatter(axis)
            .include_y(0.0)
            .legend(Legend::default().position(Corner::RightTop))
            .show(&mut columns[0], |plot_ui| {
                plot_ui.line(
                    Line::new("duration", PlotPoints::from(duration.clone()))
                        .color(duration_colour)
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("duration", duration.clone())
                        .radius(3.0)
                        .color(duration_colour),
                );
                plot_ui.vline(
                    VLine::new("1 vCPU (1,769 MB)", full_vcpu)
                        .color(pick_colour.gamma_multiply(0.4)),
                );
            });
        let cost_plot = Plot::new("tuning_cost")
            .height(theme::CHART_HEIGHT)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .x_axis_label("memory (log scale)")
            .y_axis_label("USD per 1M invocations")
            .x_axis_formatter(axis)
            .include_y(0.0)
            .legend(Legend::default().position(Corner::LeftTop))
            .show(&mut columns[1], |plot_ui| {
                plot_ui.line(
                    Line::new("cost", PlotPoints::from(cost.clone()))
                        .color(cost_colour)
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("cost", cost.clone())
                        .radius(3.0)
                        .color(cost_colour),
                );
                for p in &picked {
                    plot_ui.points(
                        Points::new(
                            format!("{} MB: {}", p.memory_mb, pick_words(p, picks)),
                            vec![[x(p), p.cost_per_invocation_usd * 1_000_000.0]],
                        )
                        .radius(7.0)
                        .filled(false)
                        .color(pick_colour),
                    );
                }
            });
        cost_plot.response
    });
    picture_rect(ui, top_left, &cost_plot)
}

fn sweep_table(ui: &mut egui::Ui, points: &[SweepPoint], picks: Option<tuning::Picks>) {
    egui::Grid::new("tuning_table")
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "memory",
                "computing here",
                "waiting here",
                "cold init (apart)",
                "Lambda estimate",
                "per 1M invocations",
                "",
            ] {
                ui.label(RichText::new(heading).weak());
            }
            ui.end_row();
            for p in points {
                ui.label(format!("{} MB", p.memory_mb));
                ui.label(format!("{:.2} ms", p.measured.compute_ms));
                ui.label(format!("{:.2} ms", p.measured.waiting_ms));
                ui.label(
                    p.cold_init_ms
                        .map_or("–".to_owned(), |ms| format!("{ms:.1} ms")),
                );
                ui.label(format!("{:.2} ms", p.estimated_duration_ms));
                ui.label(format!("${:.2}", p.cost_per_invocation_usd * 1_000_000.0));
                ui.label(RichText::new(pick_words(p, picks)).strong());
                ui.end_row();
            }
        });
}
