//! The simulator's inputs panel: the function, its traffic, the concurrency settings and
//! the modelled init time, and the ready-made experiments.

use super::*;

pub(super) fn inputs_panel(ui: &mut egui::Ui, inputs: &mut ScenarioInputs) {
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
        ui.radio_value(&mut inputs.package, PackageType::Zip, "zip");
        ui.radio_value(&mut inputs.package, PackageType::Image, "container image");
    });
    ui.horizontal(|ui| {
        ui.label("Architecture");
        ui.radio_value(&mut inputs.arch, Architecture::X86_64, "x86_64");
        ui.radio_value(&mut inputs.arch, Architecture::Arm64, "arm64");
    });
    slider_row(
        ui,
        "Memory",
        "",
        egui::Slider::new(&mut inputs.memory_mb, crate::model::limits::MEMORY_MB_RANGE)
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
    let reservable = inputs
        .account_concurrency
        .saturating_sub(MIN_UNRESERVED_CONCURRENCY);
    let ceiling = inputs.reserved.unwrap_or(reservable);
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
        ui.add(egui::Slider::new(reserved, 0..=reservable).logarithmic(true))
            .on_hover_text("0 stops the function, as on AWS");
    }
    ui.label(
        RichText::new(format!(
            "Account limit {} concurrent; at most {} new environments per 10 s.",
            inputs.account_concurrency,
            format::count(u64::from(SCALING_ENVIRONMENTS_PER_WINDOW))
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
pub(super) fn duration_slider(secs: &mut f64, min_secs: f64) -> egui::Slider<'_> {
    egui::Slider::new(secs, min_secs..=MONTH_SECS)
        .logarithmic(true)
        .custom_formatter(|value, _| format::duration_words(value))
        .custom_parser(scenario::parse_duration_secs)
}

/// What the init model says for the chosen runtime, with its source.
pub(super) fn init_readout(ui: &mut egui::Ui, inputs: &ScenarioInputs) {
    match inputs.init_estimate() {
        Ok(estimate) => {
            let record = estimate.lookup.record;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Init: {} ms median ({} ms hello-world + {} ms yours)",
                        format::decimals(estimate.median_ms(), 2),
                        format::decimals(record.median_init_ms, 2),
                        format::decimals(estimate.extra_init_ms, 2)
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
pub(super) fn activity_status(ui: &mut egui::Ui, seed: u64, simulation: &SimulationWorker) {
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

pub(super) fn experiments(
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
pub(super) fn short_look_for(experiment: Experiment) -> &'static str {
    match experiment {
        Experiment::QuietHour => "Idle longer than the idle lifetime: cold again.",
        Experiment::BurstOf500 => "Simultaneous requests each need their own environment.",
        Experiment::SteadyNeverCold => "One environment, reused for an hour.",
        Experiment::Provisioned10 => "No cold starts, but a bill for idle capacity.",
        Experiment::CompareRuntimes => "Same traffic, four runtimes' init times.",
        Experiment::Reserved5 => "A ceiling of 5: the rest get HTTP 429 at once.",
    }
}
