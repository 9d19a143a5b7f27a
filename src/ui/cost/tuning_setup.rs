//! The power-tuning sweep's set-up, as AWS Lambda Power Tuning's input asks for it: the
//! function (the Playground's handler, changed here through the Playground's settings), the
//! payload, the memory values, the architectures and the optimisation strategy with its
//! balanced weight.

use super::*;
use crate::content::events::SampleEvents;
use crate::model::tuning::{DEFAULT_BALANCED_WEIGHT, STRATEGY_SOURCE, Strategy, parse_memory_list};
use crate::runtime::tuning::SweepEvent;
use crate::state::SweepEventChoice;

/// The set-up checked: what a sweep would run, or why it cannot.
pub(super) struct Checked {
    pub memory_mb: Result<Vec<u32>, String>,
    pub architectures: Result<Vec<Architecture>, String>,
}

/// What the event picker shows for a choice.
pub(super) fn event_words(choice: &SweepEventChoice, events: Option<&SampleEvents>) -> String {
    match choice {
        SweepEventChoice::Playground => "The Playground's event (as edited)".to_owned(),
        SweepEventChoice::Sample(id) => events.and_then(|events| events.get(id)).map_or_else(
            || format!("Sample: {id}"),
            |event| format!("Sample: {} ({})", event.title, event.service),
        ),
        SweepEventChoice::Saved(name) => format!("Saved: {name}"),
    }
}

/// The payload the sweep sends for `choice`, or why there is none.
pub(super) fn sweep_event(
    choice: &SweepEventChoice,
    view: &AppView<'_>,
    playground_event: &Result<Arc<str>, String>,
) -> Result<SweepEvent, String> {
    let playground = &view.state.playground;
    match choice {
        SweepEventChoice::Playground => playground_event.clone().map(SweepEvent::Text),
        SweepEventChoice::Sample(id) => {
            let events = view
                .samples
                .events
                .as_ref()
                .map_err(|error| format!("The sample events could not be loaded: {error}"))?;
            let event = events
                .get(id)
                .ok_or_else(|| format!("There is no sample event {id}: pick another event."))?;
            Ok(SweepEvent::File(events.path_of(event)))
        }
        SweepEventChoice::Saved(name) => playground
            .saved_events
            .get(&playground.handler)
            .and_then(|saved| saved.iter().find(|event| event.name == *name))
            .map(|event| SweepEvent::Text(Arc::from(event.json.as_str())))
            .ok_or_else(|| {
                format!(
                    "{} has no saved event \"{name}\" any more: pick another event.",
                    playground.handler
                )
            }),
    }
}

/// Draws the set-up; edits go to `settings` (the Cost page's) and, for the handler, to the
/// Playground's settings through a command.
pub(super) fn setup(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut CostSettings,
    commands: &mut Vec<AppCommand>,
) -> Checked {
    egui::Grid::new("tuning_setup")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Function");
            handler_picker(ui, view, settings, commands);
            ui.end_row();

            ui.label("Payload");
            event_picker(ui, view, settings);
            ui.end_row();

            let memory_label = ui.label("Memory (MB)");
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    // Room for the Defaults button beside it in a narrow window.
                    let width = (ui.available_width() - 90.0).clamp(120.0, 320.0);
                    ui.add(
                        egui::TextEdit::singleline(&mut settings.sweep_memory_text)
                            .desired_width(width)
                            .hint_text("128, 512, 1024"),
                    )
                    .labelled_by(memory_label.id);
                    if ui
                        .small_button("Defaults")
                        .on_hover_text("128 MB to 10,240 MB, with 1,769 MB (one vCPU)")
                        .clicked()
                    {
                        settings.sweep_memory_text = tuning::default_memory_text();
                    }
                });
            });
            ui.end_row();

            ui.label("Architectures");
            ui.horizontal(|ui| {
                ui.checkbox(&mut settings.sweep_x86_64, "x86_64");
                ui.checkbox(&mut settings.sweep_arm64, "arm64");
            });
            ui.end_row();

            let runs_label = ui.label("Warm runs per size");
            ui.add(egui::DragValue::new(&mut settings.sweep_runs).range(1..=50))
                .labelled_by(runs_label.id);
            ui.end_row();

            ui.label("Strategy");
            strategy_picker(ui, settings);
            ui.end_row();

            let weight_label = ui.label("Balanced weight");
            weight_picker(ui, settings, weight_label.id);
            ui.end_row();
        });
    let memory_mb = parse_memory_list(&settings.sweep_memory_text).map_err(|e| e.to_string());
    if let Err(error) = &memory_mb {
        ui.colored_label(
            theme::error_colour(ui),
            format!("Memory: {error}. The sweep waits until the list is fixed."),
        );
    }
    let architectures: Vec<Architecture> = [
        (settings.sweep_x86_64, Architecture::X86_64),
        (settings.sweep_arm64, Architecture::Arm64),
    ]
    .into_iter()
    .filter_map(|(on, architecture)| on.then_some(architecture))
    .collect();
    let architectures = if architectures.is_empty() {
        let error = "Tick x86_64, arm64 or both: the sweep prices each memory size on them.";
        ui.colored_label(theme::error_colour(ui), error);
        Err(error.to_owned())
    } else {
        Ok(architectures)
    };
    Checked {
        memory_mb,
        architectures,
    }
}

fn handler_picker(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    settings: &mut CostSettings,
    commands: &mut Vec<AppCommand>,
) {
    let playground = &view.state.playground;
    let Ok(handlers) = view.samples.handlers.as_ref() else {
        ui.label(&playground.handler);
        return;
    };
    let current = handlers.get(&playground.handler);
    let mut next = playground.clone();
    egui::ComboBox::from_id_salt("tuning_handler")
        .selected_text(
            current.map_or(format!("{} (mine)", playground.handler), |h| {
                h.title.clone()
            }),
        )
        .width(320.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            let own = &view.workspace_files.own;
            if !own.is_empty() {
                ui.label(RichText::new("My handlers").strong());
                for name in own {
                    if ui.selectable_label(next.handler == *name, name).clicked() {
                        next.handler = name.clone();
                    }
                }
                ui.label(RichText::new("Samples").strong());
            }
            for handler in &handlers.handlers {
                if ui
                    .selectable_label(next.handler == handler.name, &handler.title)
                    .on_hover_text(&handler.teaches)
                    .clicked()
                {
                    next.handler = handler.name.clone();
                    // The sample's suggested settings, as picking it in the Playground gives.
                    if let Some(memory) = handler.memory_mb {
                        next.memory_mb = memory;
                    }
                    if let Some(timeout) = handler.timeout_secs {
                        next.timeout_secs = timeout;
                    }
                }
            }
        })
        .response
        .on_hover_text("The Playground's handler: picking one here picks it there too")
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Handler to tune"));
    if next.handler != playground.handler {
        next.look_for = None;
        // Another handler's saved event does not exist for this one.
        settings.sweep_event = SweepEventChoice::Playground;
        commands.push(AppCommand::UpdatePlayground(next));
    }
}

fn event_picker(ui: &mut egui::Ui, view: &AppView<'_>, settings: &mut CostSettings) {
    let playground = &view.state.playground;
    let events = view.samples.events.as_ref().ok();
    let chosen = &mut settings.sweep_event;
    egui::ComboBox::from_id_salt("tuning_event")
        .selected_text(event_words(chosen, events))
        .width(320.0)
        .height(360.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(
                chosen,
                SweepEventChoice::Playground,
                event_words(&SweepEventChoice::Playground, events),
            );
            if let Some(saved) = playground.saved_events.get(&playground.handler)
                && !saved.is_empty()
            {
                ui.label(RichText::new(format!("Saved for {}", playground.handler)).strong());
                for event in saved {
                    ui.selectable_value(
                        chosen,
                        SweepEventChoice::Saved(event.name.clone()),
                        &event.name,
                    );
                }
            }
            let Some(events) = events else {
                return;
            };
            // The handler's own samples first: the ones it is written for.
            let own: Vec<_> = events.for_handler(&playground.handler).collect();
            if !own.is_empty() {
                ui.label(RichText::new(format!("Samples for {}", playground.handler)).strong());
                for event in &own {
                    ui.selectable_value(
                        chosen,
                        SweepEventChoice::Sample(event.id.clone()),
                        format!("  {}", event.title),
                    )
                    .on_hover_text(&event.teaches);
                }
            }
            for service in events.services() {
                ui.label(RichText::new(service).strong());
                for event in events.events.iter().filter(|e| e.service == service) {
                    ui.selectable_value(
                        chosen,
                        SweepEventChoice::Sample(event.id.clone()),
                        format!("  {}", event.title),
                    )
                    .on_hover_text(&event.teaches);
                }
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Event to send"));
}

fn strategy_picker(ui: &mut egui::Ui, settings: &mut CostSettings) {
    ui.horizontal(|ui| {
        for strategy in Strategy::ALL {
            let hint = match strategy {
                Strategy::Cost => {
                    "The cheapest memory size per invocation (Power Tuning's default)"
                }
                Strategy::Speed => "The fastest memory size",
                Strategy::Balanced => "Trades cost against speed by the weight below",
            };
            ui.selectable_value(&mut settings.sweep_strategy, strategy, strategy.label())
                .on_hover_text(hint);
        }
        model_badge(ui, STRATEGY_SOURCE);
    });
}

fn weight_picker(ui: &mut egui::Ui, settings: &mut CostSettings, label: egui::Id) {
    ui.add_enabled_ui(settings.sweep_strategy == Strategy::Balanced, |ui| {
        ui.horizontal(|ui| {
            ui.spacing_mut().slider_width = 160.0;
            ui.add(
                egui::Slider::new(&mut settings.sweep_balanced_weight, 0.0..=1.0)
                    .step_by(0.05)
                    .fixed_decimals(2),
            )
            .labelled_by(label)
            .on_hover_text("0 = speed only, 1 = cost only (Power Tuning's balancedWeight)");
            ui.label(RichText::new("0 speed … 1 cost").small().weak());
            if (settings.sweep_balanced_weight - DEFAULT_BALANCED_WEIGHT).abs() > 1e-9
                && ui
                    .small_button("0.5")
                    .on_hover_text("Power Tuning's default")
                    .clicked()
            {
                settings.sweep_balanced_weight = DEFAULT_BALANCED_WEIGHT;
            }
        });
    });
}
