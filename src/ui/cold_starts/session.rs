//! This session's real invocations on a timeline, one row per execution environment, and a
//! replay of their arrivals in the simulator.

use super::*;

/// The Playground's invocations of this session on a timeline: measured, not modelled.
pub(super) fn session_view(
    ui: &mut egui::Ui,
    settings: &ColdStartsSettings,
    invocations: &Session,
    commands: &mut Vec<AppCommand>,
) {
    ui.label(
        "Every invoke you ran in the Playground this session: one block per handler, one row \
         per execution environment, the init segment of each cold start, then the handler's \
         run. Hover one for why it was cold and what that cost in time.",
    );
    ui.label(
        RichText::new(
            "Measured on this machine, not on AWS: the shape (which requests are cold, and why) \
             is Lambda's; the milliseconds are this machine's.",
        )
        .small()
        .weak(),
    );
    crate::ui::widgets::measured::show(ui, invocations.by_hand());
    if invocations.by_hand_count() == 0 {
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
    let records: Vec<&InvocationRecord> = invocations.by_hand().collect();
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
    // Environments are numbered per function: a handler's name is part of which one it is.
    let environments = records
        .iter()
        .filter_map(|r| r.environment_id.map(|id| (r.function_name.as_str(), id)))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let plural = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    ui.label(format!(
        "{} on {}; {}.",
        plural(records.len(), "invocation", "invocations"),
        plural(environments, "environment", "environments"),
        plural(cold, "cold start", "cold starts"),
    ));
    let colours = TimelineColours {
        init: theme::cold(ui),
        invoke: theme::warm(ui),
        failed: ui.visuals().error_fg_color,
        handlers: (0..theme::HANDLER_COLOURS)
            .map(|index| theme::handler(ui, index))
            .collect(),
    };
    legend_row(
        ui,
        &[
            LegendEntry::new(colours.init, "init (cold start)", Swatch::Area),
            LegendEntry::new(colours.invoke, "handler run", Swatch::Area),
            LegendEntry::new(colours.failed, "failed run", Swatch::Area),
        ],
    );
    egui::ScrollArea::vertical()
        .id_salt("session_timeline")
        .auto_shrink([false, false])
        .show(ui, |ui| timeline(ui, &records, &colours));
}
