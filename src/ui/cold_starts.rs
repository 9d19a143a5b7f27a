//! The Cold starts page: a traffic simulator with ready-made experiments (concurrency,
//! environments, cold starts, throttles, latency and the month's bill) and lambda-perf's init
//! times per runtime. Every number here is modelled, never measured on AWS, and says so.

use std::collections::VecDeque;
use std::sync::Arc;

use egui::RichText;
use egui_plot::{Bar, BarChart, Corner, HoverPosition, Legend, Line, LineStyle, Plot, PlotPoints};

use crate::command::AppCommand;
use crate::model::coldstart::{self, Arch, InitRecord, Package};
use crate::model::pricing::{self, Estimate};
use crate::model::scenario::{
    self, Bill, ComparedRuntime, Experiment, MONTH_SECS, Pattern, ScenarioInputs, ScenarioRun,
    format_duration_secs, format_ms,
};
use crate::model::simulator::{
    self, Percentiles, SCALING_ENVIRONMENTS_PER_WINDOW, SeriesBucket, SimResult, Summary,
};
use crate::runtime::record::InvocationRecord;
use crate::simulation::{Activity, SimulationWorker};
use crate::state::{ColdStartsSettings, ColdStartsView, RuntimeFilter, State};
use crate::ui::theme;
use crate::ui::widgets::init_strip::{InitRow, InitStripColours, init_strip};
use crate::ui::widgets::model_badge::model_badge;
use crate::ui::widgets::share_bar::{Share, percent, share_bar};
use crate::ui::widgets::stat::stat;
use crate::ui::widgets::timeline::{TimelineColours, timeline};

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
pub fn ui(
    ui: &mut egui::Ui,
    state: &State,
    simulation: &SimulationWorker,
    invocations: &VecDeque<InvocationRecord>,
    commands: &mut Vec<AppCommand>,
) {
    let settings = &state.cold_starts;
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

fn inputs_panel(ui: &mut egui::Ui, inputs: &mut ScenarioInputs) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Inputs");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Reset")
                .on_hover_text("Back to the default scenario: a day of a small web API")
                .clicked()
            {
                *inputs = ScenarioInputs::default();
            }
        });
    });

    section(ui, "Function");
    let label = ui.label("Runtime");
    let runtimes = coldstart::runtimes().unwrap_or_default();
    egui::ComboBox::from_id_salt("sim_runtime")
        .selected_text(inputs.runtime.as_str())
        .width(ui.available_width() - 8.0)
        .height(400.0)
        .show_ui(ui, |ui| {
            for name in runtimes {
                ui.selectable_value(&mut inputs.runtime, name.to_owned(), name);
            }
        })
        .response
        .labelled_by(label.id);
    ui.horizontal(|ui| {
        ui.label("Package");
        ui.radio_value(&mut inputs.package, Package::Zip, "zip");
        ui.radio_value(&mut inputs.package, Package::Image, "container image");
    });
    ui.horizontal(|ui| {
        ui.label("Architecture");
        ui.radio_value(&mut inputs.arch, Arch::X86_64, "x86_64");
        ui.radio_value(&mut inputs.arch, Arch::Arm64, "arm64");
    });
    slider_row(
        ui,
        "Memory",
        "",
        egui::Slider::new(&mut inputs.memory_mb, scenario::MEMORY_MB_RANGE)
            .logarithmic(true)
            .suffix(" MB"),
    );
    slider_row(
        ui,
        "Your init code",
        "imports, SDK clients, config: added to every cold start",
        egui::Slider::new(&mut inputs.extra_init_ms, 0.0..=5_000.0)
            .logarithmic(true)
            .max_decimals(0)
            .suffix(" ms"),
    );
    slider_row(
        ui,
        "Handler duration",
        "how long each request runs once the environment is ready",
        egui::Slider::new(&mut inputs.function_ms, 1.0..=60_000.0)
            .logarithmic(true)
            .max_decimals(0)
            .suffix(" ms"),
    );
    init_readout(ui, inputs);

    section(ui, "Traffic");
    let label = ui.label("Pattern");
    egui::ComboBox::from_id_salt("sim_pattern")
        .selected_text(inputs.pattern.label())
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            for pattern in Pattern::ALL {
                ui.selectable_value(&mut inputs.pattern, pattern, pattern.label());
            }
        })
        .response
        .labelled_by(label.id);
    ui.label(RichText::new(inputs.pattern.explanation()).small().weak());
    match inputs.pattern {
        Pattern::Steady | Pattern::Poisson | Pattern::Daily => {
            let label = if inputs.pattern == Pattern::Daily {
                "Peak rate"
            } else {
                "Rate"
            };
            slider_row(
                ui,
                label,
                "",
                egui::Slider::new(&mut inputs.rate_per_s, 0.01..=1_000.0)
                    .logarithmic(true)
                    .max_decimals(2)
                    .suffix(" req/s"),
            );
        }
        Pattern::Burst => {
            slider_row(
                ui,
                "Burst size",
                "requests arriving at the same instant",
                egui::Slider::new(&mut inputs.burst_size, 1..=3_000)
                    .logarithmic(true)
                    .suffix(" requests"),
            );
            ui.checkbox(&mut inputs.burst_repeat, "Repeat the burst");
            if inputs.burst_repeat {
                slider_row(
                    ui,
                    "Every",
                    "",
                    duration_slider(&mut inputs.burst_every_secs, 1.0),
                );
            }
        }
        Pattern::Replay => {
            if inputs.replay_arrivals_ms.is_empty() {
                ui.label(
                    "Nothing recorded yet: invoke in the Playground, then press \"Replay in \
                     the simulator\" on the \"This session's invocations\" tab.",
                );
            } else {
                ui.label(format!(
                    "{} recorded arrivals over {}.",
                    inputs.replay_arrivals_ms.len(),
                    format_clock(inputs.replay_arrivals_ms.last().copied().unwrap_or(0.0) / 1000.0)
                ));
            }
        }
        Pattern::Schedule => {
            slider_row(
                ui,
                "Every",
                "",
                duration_slider(&mut inputs.burst_every_secs, 1.0),
            );
            slider_row(
                ui,
                "Requests per run",
                "",
                egui::Slider::new(&mut inputs.burst_size, 1..=1_000).logarithmic(true),
            );
        }
    }
    slider_row(
        ui,
        "Simulated time",
        "how long requests keep arriving",
        duration_slider(&mut inputs.duration_secs, 10.0),
    );

    section(ui, "Scaling");
    let mut idle_minutes = inputs.idle_lifetime_secs / 60.0;
    if slider_row(
        ui,
        "Idle lifetime",
        "assumption: AWS does not document it (5 to 60 min have been observed)",
        egui::Slider::new(&mut idle_minutes, 1.0..=120.0)
            .logarithmic(true)
            .max_decimals(0)
            .suffix(" min"),
    ) {
        inputs.idle_lifetime_secs = (idle_minutes * 60.0).round();
    }
    let ceiling = inputs
        .reserved
        .unwrap_or(simulator::DEFAULT_ACCOUNT_CONCURRENCY - simulator::MIN_UNRESERVED_CONCURRENCY);
    slider_row(
        ui,
        "Provisioned concurrency",
        "environments initialised ahead of traffic and never reclaimed",
        egui::Slider::new(&mut inputs.provisioned, 0..=ceiling.max(1)).logarithmic(true),
    );
    let mut reserve = inputs.reserved.is_some();
    if ui
        .checkbox(&mut reserve, "Reserved concurrency")
        .on_hover_text("The function's own ceiling; requests beyond it are throttled (HTTP 429)")
        .changed()
    {
        inputs.reserved = reserve.then_some(inputs.provisioned.max(10));
    }
    if let Some(reserved) = &mut inputs.reserved {
        ui.spacing_mut().slider_width = (ui.available_width() - SLIDER_VALUE_WIDTH).max(80.0);
        ui.add(egui::Slider::new(reserved, 0..=900).logarithmic(true))
            .on_hover_text("0 stops the function, as on AWS");
    }
    ui.label(
        RichText::new(format!(
            "Account limit {} concurrent; at most {} new environments per 10 s.",
            simulator::DEFAULT_ACCOUNT_CONCURRENCY,
            pricing::group_thousands(u128::from(SCALING_ENVIRONMENTS_PER_WINDOW))
        ))
        .small()
        .weak(),
    );

    section(ui, "Compare");
    ui.checkbox(
        &mut inputs.compare_runtimes,
        "Also run Java, Node, Python and Rust",
    )
    .on_hover_text("The same traffic on java21, nodejs24.x, python3.13 and rust (AL2023)");
    ui.horizontal(|ui| {
        let label = ui.label("Random seed");
        ui.add(egui::DragValue::new(&mut inputs.seed).range(0..=u64::from(u32::MAX)))
            .labelled_by(label.id)
            .on_hover_text("The same seed gives the same result; change it to see another run");
    });
    ui.add_space(12.0);
}

/// A logarithmic slider over seconds that reads and writes "1 h 30 min".
fn duration_slider(secs: &mut f64, min_secs: f64) -> egui::Slider<'_> {
    egui::Slider::new(secs, min_secs..=MONTH_SECS)
        .logarithmic(true)
        .custom_formatter(|value, _| format_duration_secs(value))
        .custom_parser(scenario::parse_duration_secs)
}

/// What the init model says for the chosen runtime, with its source.
fn init_readout(ui: &mut egui::Ui, inputs: &ScenarioInputs) {
    match inputs.init_estimate() {
        Ok(estimate) => {
            let record = estimate.lookup.record;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Init: {} ms median ({} ms hello-world + {} ms yours)",
                        format_ms(estimate.median_ms()),
                        format_ms(record.median_init_ms),
                        format_ms(estimate.extra_init_ms)
                    ))
                    .small(),
                );
                model_badge(ui, coldstart::SOURCE_CITATION);
            });
            if !estimate.lookup.memory_is_exact() {
                ui.label(
                    RichText::new(format!(
                        "lambda-perf measured 128 to 1024 MB; using its {} MB numbers.",
                        record.memory_mb
                    ))
                    .small()
                    .weak(),
                );
            }
        }
        Err(error) => {
            ui.label(
                RichText::new(format!("{error}. Pick another package or architecture."))
                    .small()
                    .color(theme::error_colour(ui)),
            );
        }
    }
}

/// Whether a simulation is running, on the right of the experiments' heading (a line of its
/// own would make the results jump on every slider step).
fn activity_status(ui: &mut egui::Ui, seed: u64, simulation: &SimulationWorker) {
    match simulation.activity() {
        Activity::Running {
            progress: Some(fraction),
        } => {
            ui.add(
                egui::ProgressBar::new(fraction as f32)
                    .desired_width(240.0)
                    .text(format!("Simulating… {:.0}%", fraction * 100.0)),
            );
        }
        Activity::Running { progress: None } => {
            ui.label(RichText::new("Simulating…").weak());
        }
        Activity::Idle => {
            ui.label(RichText::new(format!("Simulated, seed {seed}")).weak())
                .on_hover_text("Change any input and the results follow");
        }
    }
}

fn experiments(
    ui: &mut egui::Ui,
    current: Option<Experiment>,
    seed: u64,
    simulation: &SimulationWorker,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Ready-made experiments: one click sets the inputs and runs").strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // Clear of the scroll bar, which floats over the content's right edge.
            ui.add_space(14.0);
            activity_status(ui, seed, simulation);
        });
    });
    for row in Experiment::ALL.chunks(3) {
        ui.columns(3, |columns| {
            for (column, experiment) in columns.iter_mut().zip(row) {
                // Columns lay out justified, which spreads wrapped words apart.
                column.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    let selected = current == Some(*experiment);
                    let button = egui::Button::selectable(selected, experiment.label()).wrap();
                    if ui
                        .add(button)
                        .on_hover_text(experiment.look_for())
                        .clicked()
                    {
                        commands.push(AppCommand::RunExperiment(*experiment));
                    }
                    ui.label(RichText::new(short_look_for(*experiment)).small().weak());
                });
            }
        });
        ui.add_space(4.0);
    }
    if let Some(experiment) = current {
        ui.add_space(6.0);
        egui::Frame::new()
            .fill(theme::note_fill(ui))
            .corner_radius(6.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("What to look for:").strong());
                    ui.label(experiment.look_for());
                });
            });
    }
}

/// The one line under each experiment's button (the full note shows once it is chosen).
fn short_look_for(experiment: Experiment) -> &'static str {
    match experiment {
        Experiment::QuietHour => "Idle longer than the idle lifetime: cold again.",
        Experiment::BurstOf500 => "Simultaneous requests each need their own environment.",
        Experiment::SteadyNeverCold => "One environment, reused for an hour.",
        Experiment::Provisioned10 => "No cold starts, but a bill for idle capacity.",
        Experiment::CompareRuntimes => "Same traffic, four runtimes' init times.",
        Experiment::Reserved5 => "A ceiling of 5: the rest get HTTP 429 at once.",
    }
}

fn results(
    ui: &mut egui::Ui,
    settings: &ColdStartsSettings,
    edited: &mut ColdStartsSettings,
    simulation: &SimulationWorker,
) {
    let Some(finished) = simulation.latest() else {
        return;
    };
    let run = match &finished.outcome {
        Ok(run) => run,
        Err(error) => {
            if finished.inputs == settings.scenario {
                problem(
                    ui,
                    "The simulator cannot run these inputs",
                    &error.to_string(),
                    "Change that input on the left; every other result waits for it.",
                );
            }
            return;
        }
    };
    // While new inputs simulate, the previous result stays (dimming it would flicker on every
    // slider step); the status line above says a newer one is coming.
    summary_cards(ui, &finished.inputs, run);
    ui.add_space(6.0);
    charts(ui, &finished.inputs, &run.result);
    latency(ui, &finished.inputs, run, &mut edited.latency_trimmed);
    ui.add_space(10.0);
    cost(ui, &finished.inputs, run);
}

/// A problem and what to do about it, in the error colours.
fn problem(ui: &mut egui::Ui, title: &str, message: &str, fix: &str) {
    egui::Frame::new()
        .fill(theme::error_fill(ui))
        .stroke(egui::Stroke::new(1.0, theme::error_colour(ui)))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("⚠ {title}"))
                    .strong()
                    .color(theme::error_colour(ui)),
            );
            ui.label(format!("{message}."));
            ui.label(fix);
        });
}

fn group(count: u64) -> String {
    pricing::group_thousands(u128::from(count))
}

fn summary_cards(ui: &mut egui::Ui, inputs: &ScenarioInputs, run: &ScenarioRun) {
    let summary = &run.result.summary;
    let served = summary.warm_starts + summary.cold_starts;
    let latency = &summary.latency;
    let (p50, p99) = if latency.count == 0 {
        ("none".to_owned(), "no request served".to_owned())
    } else {
        (
            format!("{} ms", format_ms(latency.p50_ms.round())),
            format!("p99 {} ms", format_ms(latency.p99_ms.round())),
        )
    };
    let cards = [
        (
            "Requests",
            group(summary.requests),
            format!("in {}", format_duration_secs(inputs.duration_secs)),
            SIMULATOR_SOURCE,
        ),
        (
            "Cold starts",
            group(summary.cold_starts),
            format!("{} of served", percent(summary.cold_starts, served)),
            SIMULATOR_SOURCE,
        ),
        (
            "Throttles",
            group(summary.throttles),
            format!(
                "{} got HTTP 429",
                percent(summary.throttles, summary.requests)
            ),
            SIMULATOR_SOURCE,
        ),
        (
            "Peak concurrency",
            group(u64::from(summary.peak_concurrency)),
            "requests in flight".to_owned(),
            SIMULATOR_SOURCE,
        ),
        (
            "Environments",
            group(summary.environments_created + summary.provisioned_environments_created),
            format!("{} reclaimed idle", group(summary.environments_reclaimed)),
            SIMULATOR_SOURCE,
        ),
        ("Latency p50", p50, p99, LATENCY_SOURCE),
    ];
    // As many cards a row as fit (a row that overflows would be cut off, not wrapped).
    let spacing = ui.spacing().item_spacing.x;
    let per_row = ((ui.available_width() + spacing) / (theme::STAT_MIN_WIDTH + spacing))
        .floor()
        .clamp(1.0, cards.len() as f32) as usize;
    let per_row = cards.len().div_ceil(cards.len().div_ceil(per_row));
    for row in cards.chunks(per_row) {
        ui.columns(per_row, |columns| {
            for (ui, (name, value, detail, source)) in columns.iter_mut().zip(row) {
                stat(ui, name, value, detail, source);
            }
        });
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Cold starts by reason: first request {} · all environments busy {} · replacing an \
             environment reclaimed after idling {}. Throttled by: reserved concurrency {} · \
             account limit {} · scaling rate {}.",
            group(summary.cold_first_request),
            group(summary.cold_all_busy),
            group(summary.cold_idle_expiry),
            group(summary.throttles_reserved),
            group(summary.throttles_account),
            group(summary.throttles_scaling),
        ))
        .small(),
    );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Requests by outcome").strong());
        model_badge(ui, SIMULATOR_SOURCE);
    });
    share_bar(
        ui,
        &[
            Share {
                label: "warm",
                count: summary.warm_starts,
                colour: theme::warm(ui),
            },
            Share {
                label: "cold start",
                count: summary.cold_starts,
                colour: theme::cold(ui),
            },
            Share {
                label: "throttled",
                count: summary.throttles,
                colour: theme::throttled(ui),
            },
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Time-series charts
// ---------------------------------------------------------------------------------------------

/// The time axis of a chart: the unit the duration reads best in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeAxis {
    pub unit_ms: f64,
    pub unit: &'static str,
}

impl TimeAxis {
    /// Seconds up to 2 minutes, minutes up to 3 hours, hours up to 3 days, then days.
    pub fn for_duration_ms(duration_ms: f64) -> Self {
        let (unit_ms, unit) = if duration_ms <= 120_000.0 {
            (1_000.0, "s")
        } else if duration_ms <= 3.0 * 3_600_000.0 {
            (60_000.0, "min")
        } else if duration_ms <= 3.0 * 86_400_000.0 {
            (3_600_000.0, "h")
        } else {
            (86_400_000.0, "days")
        };
        Self { unit_ms, unit }
    }

    pub fn label(&self) -> String {
        format!("time since the start ({})", self.unit)
    }

    fn x(&self, time_ms: f64) -> f64 {
        time_ms / self.unit_ms
    }
}

/// The bucket a point of a chart belongs to: charts put bucket `i` at `(i + 1) × step` (the
/// environment counts are at the bucket's end), and bars at its middle.
pub fn bucket_at(x: f64, axis: TimeAxis, step_ms: f64, buckets: usize) -> Option<usize> {
    if buckets == 0 || !x.is_finite() || step_ms <= 0.0 {
        return None;
    }
    let index = (x * axis.unit_ms / step_ms - 0.5).round();
    Some((index.max(0.0) as usize).min(buckets - 1))
}

/// The hover read-out of one bucket.
pub fn bucket_words(bucket: &SeriesBucket, step_ms: f64) -> String {
    let start_secs = bucket.start_ms / 1000.0;
    let end_secs = (bucket.start_ms + step_ms) / 1000.0;
    let provisioned = if bucket.provisioned > 0 {
        format!(" ({} provisioned)", bucket.provisioned)
    } else {
        String::new()
    };
    format!(
        "{} to {} after the start\n{} requests · {} cold starts · {} throttles\npeak concurrency {}\n\
         at the end: {} initialising · {} busy · {} idle{provisioned}",
        format_clock(start_secs),
        format_clock(end_secs),
        group(u64::from(bucket.requests)),
        group(u64::from(bucket.cold_starts)),
        group(u64::from(bucket.throttles)),
        bucket.peak_concurrency,
        bucket.initialising,
        bucket.busy,
        bucket.idle,
    )
}

/// Seconds since the start as a short time: "0 s", "12.4 s", "5 min", "1 h 5 min".
fn format_clock(secs: f64) -> String {
    if secs == 0.0 {
        "0 s".to_owned()
    } else {
        format_duration_secs(secs)
    }
}

/// A plot with the page's settings: no pan or zoom (the page scrolls instead), a legend, axes
/// with units, and a hover read-out.
fn plot<'a>(id: &str, x_label: String, y_label: &str) -> Plot<'a> {
    Plot::new(id.to_owned())
        .height(theme::CHART_HEIGHT)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label(x_label)
        .y_axis_label(y_label.to_owned())
        .y_axis_min_width(36.0)
        .include_y(0.0)
}

/// The legend of a chart with several series: top right, where the headroom is.
fn legend() -> Legend {
    Legend::default()
        .position(Corner::RightTop)
        .text_style(egui::TextStyle::Small)
        .background_alpha(0.8)
        // In drawing order, which is the stacking order, top first.
        .follow_insertion_order(true)
}

/// The top of a chart's y axis: room above the data for the legend, which sits inside.
fn legend_headroom(highest: u32) -> f64 {
    (f64::from(highest) * 1.5).max(2.0)
}

fn chart_title(ui: &mut egui::Ui, title: &str, source: &str) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong());
        model_badge(ui, source);
    });
}

fn charts(ui: &mut egui::Ui, inputs: &ScenarioInputs, result: &SimResult) {
    let series = &result.series;
    let step_ms = result.step_ms;
    let axis = TimeAxis::for_duration_ms(inputs.duration_secs * 1000.0);
    let end_x = |index: usize| axis.x((index + 1) as f64 * step_ms);
    let line = |pick: &dyn Fn(&SeriesBucket) -> u32| -> PlotPoints<'static> {
        std::iter::once([0.0, 0.0])
            .chain(
                series
                    .iter()
                    .enumerate()
                    .map(|(index, bucket)| [end_x(index), f64::from(pick(bucket))]),
            )
            .collect()
    };
    // Lines put bucket `i` at its end, bars at its middle: `shift` moves the pointer's x to
    // the middle before looking the bucket up.
    let hover = |shift: f64| {
        move |position: &HoverPosition<'_>| {
            let x = match position {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => position.x,
            };
            let index = bucket_at(x - shift, axis, step_ms, series.len())?;
            series
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
        }
    };

    chart_title(
        ui,
        "Concurrency and execution environments over time",
        SIMULATOR_SOURCE,
    );
    let (cold, busy, idle, provisioned, concurrency) = (
        theme::cold(ui),
        theme::busy(ui),
        theme::idle(ui),
        theme::provisioned(ui),
        theme::concurrency(ui),
    );
    let any_provisioned = series.iter().any(|bucket| bucket.provisioned > 0);
    let highest = series
        .iter()
        .map(|b| (b.initialising + b.busy + b.idle).max(b.peak_concurrency))
        .max()
        .unwrap_or(0);
    plot("sim_environments", axis.label(), "environments")
        .legend(legend())
        .include_y(legend_headroom(highest))
        .label_formatter(hover(axis.x(step_ms) / 2.0))
        .show(ui, |plot_ui| {
            // Stacked: each line is the sum of its state and the ones below it.
            plot_ui.line(
                Line::new("idle", line(&|b| b.initialising + b.busy + b.idle))
                    .color(idle)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            plot_ui.line(
                Line::new("busy", line(&|b| b.initialising + b.busy))
                    .color(busy)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            plot_ui.line(
                Line::new("initialising (cold start)", line(&|b| b.initialising))
                    .color(cold)
                    .fill(0.0)
                    .fill_alpha(0.35),
            );
            if any_provisioned {
                plot_ui.line(
                    Line::new("of which provisioned", line(&|b| b.provisioned))
                        .color(provisioned)
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            plot_ui.line(
                Line::new(
                    "peak concurrency (requests in flight)",
                    line(&|b| b.peak_concurrency),
                )
                .color(concurrency)
                .width(2.0),
            );
        });
    ui.label(
        RichText::new(format!(
            "Environments by state at the end of each {} (stacked: idle on top of busy on top \
             of initialising); concurrency is the most requests in flight during it. Hover for \
             the numbers.",
            format_duration_secs(step_ms / 1000.0)
        ))
        .small()
        .weak(),
    );

    chart_title(ui, "Cold starts and throttles over time", SIMULATOR_SOURCE);
    let bar_width = axis.x(step_ms) * 0.9;
    let shared: Arc<Vec<SeriesBucket>> = Arc::new(series.clone());
    let bars = |pick: fn(&SeriesBucket) -> u32| -> Vec<Bar> {
        series
            .iter()
            .enumerate()
            .map(|(index, bucket)| {
                Bar::new(
                    axis.x((index as f64 + 0.5) * step_ms),
                    f64::from(pick(bucket)),
                )
                .width(bar_width)
            })
            .collect()
    };
    let formatter = |shared: Arc<Vec<SeriesBucket>>| {
        Box::new(move |bar: &Bar, _: &BarChart| {
            let index = ((bar.argument * axis.unit_ms / step_ms) - 0.5)
                .round()
                .max(0.0) as usize;
            shared
                .get(index)
                .map(|bucket| bucket_words(bucket, step_ms))
                .unwrap_or_default()
        }) as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    let cold_chart = BarChart::new("cold starts", bars(|b| b.cold_starts))
        .color(cold)
        .element_formatter(formatter(shared.clone()));
    let throttle_chart = BarChart::new("throttles (HTTP 429)", bars(|b| b.throttles))
        .color(theme::throttled(ui))
        .element_formatter(formatter(shared))
        .stack_on(&[&cold_chart]);
    let highest = series
        .iter()
        .map(|b| b.cold_starts + b.throttles)
        .max()
        .unwrap_or(0);
    plot(
        "sim_cold_starts",
        axis.label(),
        &format!("per {}", format_duration_secs(step_ms / 1000.0)),
    )
    .legend(legend())
    .include_y(legend_headroom(highest))
    .label_formatter(hover(0.0))
    .show(ui, |plot_ui| {
        plot_ui.bar_chart(cold_chart);
        plot_ui.bar_chart(throttle_chart);
    });
}

// ---------------------------------------------------------------------------------------------
// Latency
// ---------------------------------------------------------------------------------------------

const PERCENTILE_NAMES: [&str; 4] = ["p50", "p90", "p99", "max"];

fn percentile_values(percentiles: &Percentiles) -> [f64; 4] {
    [
        percentiles.p50_ms,
        percentiles.p90_ms,
        percentiles.p99_ms,
        percentiles.max_ms,
    ]
}

fn latency(ui: &mut egui::Ui, inputs: &ScenarioInputs, run: &ScenarioRun, trimmed: &mut bool) {
    chart_title(ui, "Latency percentiles", LATENCY_SOURCE);
    ui.horizontal(|ui| {
        ui.selectable_value(trimmed, false, "Raw: every served request")
            .on_hover_text("What callers see, cold starts included");
        ui.selectable_value(trimmed, true, "Trimmed: cold starts removed")
            .on_hover_text("What dashboards show when cold starts are filtered out");
    });
    let summary = &run.result.summary;
    let chosen = if *trimmed {
        &summary.latency_warm
    } else {
        &summary.latency
    };
    if run.comparison.is_empty() {
        if chosen.count == 0 {
            ui.label(
                RichText::new(if *trimmed {
                    "Every served request was a cold start: nothing is left once they are trimmed."
                } else {
                    "No request was served."
                })
                .weak(),
            );
        } else {
            percentile_chart(ui, chosen);
        }
    } else if *trimmed
        && run.comparison.iter().all(|row| match &row.outcome {
            Ok((_, summary)) => summary.latency_warm.count == 0,
            Err(_) => true,
        })
    {
        ui.label(
            RichText::new(
                "Every served request was a cold start on every runtime: nothing is left once \
                 they are trimmed.",
            )
            .weak(),
        );
    } else {
        comparison_chart(ui, &run.comparison, *trimmed);
    }
    latency_table(ui, summary);
    if !run.comparison.is_empty() {
        comparison_table(ui, inputs, &run.comparison);
    }
}

fn percentile_chart(ui: &mut egui::Ui, percentiles: &Percentiles) {
    let values = percentile_values(percentiles);
    let colours: Vec<egui::Color32> = (0..4).map(|index| theme::percentile(ui, index)).collect();
    plot("sim_latency", "percentile".to_owned(), "latency (ms)")
        .height(theme::CHART_HEIGHT * 0.8)
        .show_x(false)
        .x_axis_formatter(|mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && (0.0..4.0).contains(&index) {
                PERCENTILE_NAMES[index as usize].to_owned()
            } else {
                String::new()
            }
        })
        .include_x(-0.6)
        .include_x(3.6)
        // Room above the tallest bar for its value.
        .include_y(values.iter().copied().fold(0.0, f64::max) * 1.2)
        .show(ui, |plot_ui| {
            for (index, (name, value)) in PERCENTILE_NAMES.iter().zip(values).enumerate() {
                plot_ui.bar_chart(
                    BarChart::new(
                        *name,
                        vec![
                            Bar::new(index as f64, value)
                                .width(0.6)
                                .name(*name)
                                .fill(colours[index].gamma_multiply(0.75))
                                .stroke(egui::Stroke::new(1.0, colours[index])),
                        ],
                    )
                    .color(colours[index])
                    .element_formatter(Box::new(|bar, _| {
                        format!("{}: {} ms", bar.name, format_ms(bar.value))
                    })),
                );
                // No name: value labels stay out of the legend.
                plot_ui.text(
                    egui_plot::Text::new(
                        "",
                        egui_plot::PlotPoint::new(index as f64, value),
                        RichText::new(format!("{} ms", format_ms(value.round()))).strong(),
                    )
                    .anchor(egui::Align2::CENTER_BOTTOM),
                );
            }
        });
}

fn comparison_chart(ui: &mut egui::Ui, comparison: &[ComparedRuntime], trimmed: bool) {
    let names: Vec<String> = comparison
        .iter()
        .map(|row| row.runtime.to_owned())
        .collect();
    let colours: Vec<egui::Color32> = (0..3).map(|index| theme::percentile(ui, index)).collect();
    let values: Vec<Option<[f64; 4]>> = comparison
        .iter()
        .map(|row| match &row.outcome {
            Ok((_, summary)) => {
                let percentiles = if trimmed {
                    &summary.latency_warm
                } else {
                    &summary.latency
                };
                (percentiles.count > 0).then(|| percentile_values(percentiles))
            }
            Err(_) => None,
        })
        .collect();
    plot("sim_latency_compare", "runtime".to_owned(), "latency (ms)")
        .height(theme::CHART_HEIGHT)
        .legend(legend())
        .show_x(false)
        .x_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                names.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .include_x(-0.6)
        .include_x(comparison.len() as f64 - 0.4)
        .show(ui, |plot_ui| {
            for (percentile, name) in PERCENTILE_NAMES.iter().take(3).enumerate() {
                let bars = values
                    .iter()
                    .enumerate()
                    .filter_map(|(index, value)| {
                        value.map(|value| {
                            Bar::new(
                                index as f64 + (percentile as f64 - 1.0) * 0.25,
                                value[percentile],
                            )
                            .width(0.22)
                            .name(comparison[index].runtime)
                            .fill(colours[percentile].gamma_multiply(0.75))
                            .stroke(egui::Stroke::new(1.0, colours[percentile]))
                        })
                    })
                    .collect();
                let label = *name;
                plot_ui.bar_chart(
                    BarChart::new(*name, bars)
                        .color(colours[percentile])
                        .element_formatter(Box::new(move |bar, _| {
                            format!("{}, {label}: {} ms", bar.name, format_ms(bar.value))
                        })),
                );
            }
        });
}

fn latency_table(ui: &mut egui::Ui, summary: &Summary) {
    ui.add_space(4.0);
    egui::Grid::new("latency_table")
        .num_columns(7)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("latency (ms)").weak());
            for name in PERCENTILE_NAMES {
                ui.label(RichText::new(name).strong());
            }
            ui.label(RichText::new("mean").strong());
            ui.label(RichText::new("requests").strong());
            ui.end_row();
            for (label, percentiles) in [
                ("Raw (cold starts included)", &summary.latency),
                ("Trimmed (cold starts removed)", &summary.latency_warm),
            ] {
                ui.label(label);
                if percentiles.count == 0 {
                    for _ in 0..5 {
                        ui.label("–");
                    }
                } else {
                    for value in percentile_values(percentiles) {
                        ui.label(format_ms(value));
                    }
                    ui.label(format_ms(percentiles.mean_ms));
                }
                ui.label(group(percentiles.count));
                ui.end_row();
            }
        });
}

fn comparison_table(ui: &mut egui::Ui, inputs: &ScenarioInputs, comparison: &[ComparedRuntime]) {
    chart_title(
        ui,
        &format!(
            "The same traffic on four runtimes ({}, {}, {} MB)",
            inputs.package, inputs.arch, inputs.memory_mb
        ),
        SIMULATOR_SOURCE,
    );
    egui::Grid::new("comparison_table")
        .num_columns(6)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for title in ["Runtime", "Init median", "Cold starts", "p50", "p90", "p99"] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for row in comparison {
                match &row.outcome {
                    Ok((init, summary)) => {
                        ui.label(init.lookup.record.runtime.as_str());
                        ui.label(format!("{} ms", format_ms(init.median_ms())));
                        ui.label(group(summary.cold_starts));
                        for value in [
                            summary.latency.p50_ms,
                            summary.latency.p90_ms,
                            summary.latency.p99_ms,
                        ] {
                            ui.label(format!("{} ms", format_ms(value)));
                        }
                    }
                    Err(error) => {
                        ui.label(row.runtime);
                        ui.label(RichText::new(error.to_string()).color(theme::error_colour(ui)));
                    }
                }
                ui.end_row();
            }
        });
    ui.label(
        RichText::new("Latencies include cold starts (raw); the chart follows the switch above.")
            .small()
            .weak(),
    );
}

// ---------------------------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------------------------

fn cost(ui: &mut egui::Ui, inputs: &ScenarioInputs, run: &ScenarioRun) {
    chart_title(
        ui,
        "Monthly cost if this traffic went on for 30 days",
        pricing::PRICE_SOURCE,
    );
    let bills = &run.bills;
    if let Some(first) = bills.on_demand.derivation.first() {
        ui.label(RichText::new(first).small());
    }
    ui.add_space(4.0);
    ui.columns(2, |columns| {
        let [left, right] = columns else {
            return;
        };
        // Columns lay out justified, which spreads wrapped words apart.
        let top_down = egui::Layout::top_down(egui::Align::Min);
        left.with_layout(top_down, |ui| {
            bill_column(
                ui,
                "On demand (no provisioned concurrency)",
                &bills.on_demand,
            );
        });
        right.with_layout(top_down, |ui| match &bills.with_provisioned {
            Some(bill) => bill_column(
                ui,
                &format!(
                    "With provisioned concurrency {}",
                    group(u64::from(inputs.provisioned))
                ),
                bill,
            ),
            None => {
                ui.label(RichText::new("With provisioned concurrency").strong());
                ui.label(
                    RichText::new(
                        "Set provisioned concurrency above 0 to see what keeping environments \
                         warm all month costs, next to this bill.",
                    )
                    .weak(),
                );
            }
        });
    });
    ui.label(
        RichText::new(format!(
            "Prices: {}. Free tier applied (1M requests and 400,000 GB-s a month).",
            pricing::PRICE_SOURCE
        ))
        .small()
        .weak(),
    );
}

fn bill_column(ui: &mut egui::Ui, title: &str, bill: &Bill) {
    ui.label(RichText::new(title).strong());
    match &bill.estimate {
        Ok(estimate) => {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(pricing::format_cents(estimate.total_cents))
                        .size(theme::STAT_VALUE_SIZE)
                        .strong(),
                );
                ui.label(RichText::new("a month").weak());
                model_badge(ui, pricing::PRICE_SOURCE);
            });
            for line in bill.derivation.iter().skip(1) {
                ui.label(RichText::new(line).small());
            }
            ui.add_space(4.0);
            line_items(ui, estimate);
        }
        Err(error) => {
            ui.label(
                RichText::new(format!("{error}. Allowed: {}.", error.allowed()))
                    .color(theme::error_colour(ui)),
            );
        }
    }
}

fn line_items(ui: &mut egui::Ui, estimate: &Estimate) {
    for line in &estimate.line_items {
        ui.horizontal(|ui| {
            ui.label(line.kind.label());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(pricing::format_cents(line.cost_cents)).strong());
            });
        });
        ui.label(RichText::new(&line.arithmetic).small().weak());
    }
    ui.label(
        RichText::new(format!("Total: {}", estimate.total_arithmetic()))
            .small()
            .strong(),
    );
}

// ---------------------------------------------------------------------------------------------
// Runtime comparison (lambda-perf)
// ---------------------------------------------------------------------------------------------

/// lambda-perf's rows for one package, architecture and memory size, fastest first.
pub fn runtime_rows(filter: RuntimeFilter, records: &[InitRecord]) -> Vec<&InitRecord> {
    let mut rows: Vec<&InitRecord> = records
        .iter()
        .filter(|record| {
            record.package == filter.package
                && record.arch == filter.arch
                && record.memory_mb == filter.memory_mb
        })
        .collect();
    rows.sort_by(|a, b| {
        a.median_init_ms
            .total_cmp(&b.median_init_ms)
            .then_with(|| a.runtime.cmp(&b.runtime))
    });
    rows
}

/// The Playground's invocations of this session on a timeline: measured, not modelled.
fn session_view(
    ui: &mut egui::Ui,
    settings: &ColdStartsSettings,
    invocations: &VecDeque<InvocationRecord>,
    commands: &mut Vec<AppCommand>,
) {
    ui.label(
        "Every invoke you ran in the Playground this session, one row per execution environment:          the init segment of each cold start, then the handler's run. Hover one for why it was          cold and what that cost in time.",
    );
    ui.label(
        RichText::new(
            "Measured on this machine by the embedded engine (QuickJS), not on AWS: the shape              (which requests are cold, and why) is Lambda's; the milliseconds are this machine's.",
        )
        .small()
        .weak(),
    );
    if invocations.is_empty() {
        ui.add_space(8.0);
        ui.label("No invocations yet.");
        if ui
            .button("Open the Playground")
            .on_hover_text("Invoke something there (try \"At once: 5\"), then come back")
            .clicked()
        {
            commands.push(AppCommand::Navigate(crate::state::Page::Playground));
        }
        return;
    }
    let records: Vec<&InvocationRecord> = invocations.iter().collect();
    let cold = records.iter().filter(|r| r.cold).count();
    if ui
        .button("Replay in the simulator")
        .on_hover_text(
            "Send requests at the same moments to the modelled runtime: cold starts and \
             latency as Lambda would likely have given them",
        )
        .clicked()
    {
        let first = records.iter().map(|r| r.started_at_ms).min().unwrap_or(0);
        let mut scenario = settings.scenario.clone();
        scenario.pattern = Pattern::Replay;
        scenario.replay_arrivals_ms = records
            .iter()
            .map(|r| (r.started_at_ms - first) as f64)
            .collect();
        scenario.replay_arrivals_ms.sort_by(f64::total_cmp);
        let last = scenario.replay_arrivals_ms.last().copied().unwrap_or(0.0);
        // Long enough to see every request finish and the environments go idle.
        scenario.duration_secs = (last / 1000.0 + 60.0).max(60.0);
        let mut next = settings.clone();
        next.scenario = scenario;
        next.view = ColdStartsView::Simulator;
        next.experiment = None;
        commands.push(AppCommand::UpdateColdStarts(next));
    }
    ui.label(format!(
        "{} invocations on {} environments; {cold} cold starts.",
        records.len(),
        records
            .iter()
            .filter_map(|r| r.environment_id)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    ));
    ui.horizontal(|ui| {
        legend_swatch(ui, theme::cold(ui), "init (cold start)");
        legend_swatch(ui, theme::warm(ui), "handler run");
        legend_swatch(ui, ui.visuals().error_fg_color, "failed run");
    });
    let colours = TimelineColours {
        init: theme::cold(ui),
        invoke: theme::warm(ui),
        failed: ui.visuals().error_fg_color,
    };
    egui::ScrollArea::vertical()
        .id_salt("session_timeline")
        .auto_shrink([false, false])
        .show(ui, |ui| timeline(ui, &records, colours));
}

fn legend_swatch(ui: &mut egui::Ui, colour: egui::Color32, label: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
    ui.label(label);
}

/// The embedded engine's own init times this session (cold starts in the Playground), as a
/// row beside lambda-perf's: median and up to the ten latest samples.
fn engine_init_samples(invocations: &VecDeque<InvocationRecord>) -> Vec<f64> {
    let mut samples: Vec<f64> = invocations
        .iter()
        .rev()
        .filter_map(|r| r.init_duration_ms)
        .take(10)
        .collect();
    samples.reverse();
    samples
}

fn runtimes_view(
    ui: &mut egui::Ui,
    settings: &mut ColdStartsSettings,
    invocations: &VecDeque<InvocationRecord>,
) {
    let filter = &mut settings.runtime_filter;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Package").strong());
        ui.selectable_value(&mut filter.package, Package::Zip, "zip");
        ui.selectable_value(&mut filter.package, Package::Image, "container image");
        ui.add_space(12.0);
        ui.label(RichText::new("Architecture").strong());
        ui.selectable_value(&mut filter.arch, Arch::X86_64, "x86_64");
        ui.selectable_value(&mut filter.arch, Arch::Arm64, "arm64");
        ui.add_space(12.0);
        ui.label(RichText::new("Memory").strong());
        for memory_mb in MEASURED_MEMORY_MB {
            ui.selectable_value(&mut filter.memory_mb, memory_mb, format!("{memory_mb} MB"));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{LAMBDA_PERF_CITATION}."));
        ui.hyperlink_to("Open lambda-perf", coldstart::SOURCE_URL);
        model_badge(
            ui,
            "lambda-perf measures hello-world functions on AWS. Here its numbers model what your \
             function would likely see; your own init code adds to them.",
        );
    });
    ui.label(
        RichText::new(
            "Bar: median over 30 days of the daily average Init Duration. Dots: the raw samples \
             of the last day, so the spread is real. Hover a row for the numbers.",
        )
        .small()
        .weak(),
    );
    ui.add_space(6.0);
    let records = match coldstart::records() {
        Ok(records) => records,
        Err(error) => {
            problem(
                ui,
                "The lambda-perf data could not be read",
                &error.to_string(),
                "The table is built into the app; reinstall it, or report a bug.",
            );
            return;
        }
    };
    let rows = runtime_rows(*filter, records);
    let engine_samples = engine_init_samples(invocations);
    let selected_runtime = settings.scenario.runtime.as_str();
    egui::ScrollArea::vertical()
        .id_salt("runtimes_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if rows.is_empty() {
                ui.label("lambda-perf has no runtime measured with these settings.");
                return;
            }
            let mut strip_rows: Vec<InitRow<'_>> = rows
                .iter()
                .map(|record| InitRow {
                    name: record.runtime.as_str(),
                    median_ms: record.median_init_ms,
                    samples_ms: &record.samples_ms,
                    tooltip: runtime_tooltip(record),
                    highlighted: record.runtime == selected_runtime,
                })
                .collect();
            if !engine_samples.is_empty() {
                strip_rows.push(InitRow {
                    name: "Lambda Lab engine (this machine)",
                    median_ms: median(&engine_samples),
                    samples_ms: &engine_samples,
                    tooltip: format!(
                        "Measured here, not on AWS: the embedded QuickJS engine's Init Duration \
                         for your Playground cold starts this session ({} samples), including \
                         each handler's own top-level code. Real nodejs22.x on AWS takes about \
                         {} ms for hello-world (lambda-perf).",
                        engine_samples.len(),
                        rows.iter()
                            .find(|r| r.runtime == "nodejs22.x")
                            .map_or("140".to_owned(), |r| format!("{:.0}", r.median_init_ms))
                    ),
                    highlighted: true,
                });
                strip_rows.sort_by(|a, b| a.median_ms.total_cmp(&b.median_ms));
            }
            let colours = InitStripColours {
                bar: theme::cold(ui).gamma_multiply(0.45),
                dot: theme::cold(ui),
                highlight: theme::accent(ui),
            };
            init_strip(
                ui,
                &strip_rows,
                colours,
                "Init Duration (ms) of a hello-world function, measured on AWS by lambda-perf",
            );
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!(
                    "{} runtimes, fastest first. The runtime chosen in the simulator ({}) is \
                     highlighted.",
                    rows.len(),
                    selected_runtime
                ))
                .small()
                .weak(),
            );
        });
}

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn runtime_tooltip(record: &InitRecord) -> String {
    let samples: Vec<String> = record
        .samples_ms
        .iter()
        .map(|sample| format_ms(*sample))
        .collect();
    format!(
        "{} · {} · {} · {} MB\nMedian of daily averages: {} ms ({} days)\nDaily averages ranged \
         {} to {} ms\nLast day's samples (ms): {}\nMax memory used: {} MB · handler duration {} ms",
        record.runtime,
        record.package,
        record.arch,
        record.memory_mb,
        format_ms(record.median_init_ms),
        record.days,
        format_ms(record.min_daily_avg_init_ms),
        format_ms(record.max_daily_avg_init_ms),
        samples.join(", "),
        format_ms(record.median_max_memory_used_mb),
        format_ms(record.median_duration_ms),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_axis_reads_in_a_sensible_unit() {
        assert_eq!(TimeAxis::for_duration_ms(60_000.0).unit, "s");
        assert_eq!(TimeAxis::for_duration_ms(3_600_000.0).unit, "min");
        assert_eq!(TimeAxis::for_duration_ms(86_400_000.0).unit, "h");
        assert_eq!(TimeAxis::for_duration_ms(MONTH_SECS * 1000.0).unit, "days");
        assert_eq!(
            TimeAxis::for_duration_ms(86_400_000.0).label(),
            "time since the start (h)"
        );
    }

    #[test]
    fn hovering_a_bar_or_a_point_finds_its_bucket() {
        let axis = TimeAxis::for_duration_ms(60_000.0);
        let step_ms = 200.0;
        // Bars sit at the middle of their bucket: bucket 3 is centred on 0.7 s.
        assert_eq!(bucket_at(0.7, axis, step_ms, 300), Some(3));
        assert_eq!(bucket_at(0.61, axis, step_ms, 300), Some(3));
        assert_eq!(bucket_at(-5.0, axis, step_ms, 300), Some(0));
        assert_eq!(bucket_at(1e9, axis, step_ms, 300), Some(299));
        assert_eq!(bucket_at(0.7, axis, step_ms, 0), None);
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
                .all(|row| row.memory_mb == 128 && row.package == Package::Zip)
        );
        let arm_images = runtime_rows(
            RuntimeFilter {
                package: Package::Image,
                arch: Arch::Arm64,
                memory_mb: 1024,
            },
            records,
        );
        assert_eq!(arm_images.len(), 38);
        assert!(LAMBDA_PERF_CITATION.contains("Apache-2.0"));
    }
}
