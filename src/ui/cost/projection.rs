//! This session's real invocations projected to a month, charted one by one.

use super::*;

/// This session's real invocations, projected to a month at a rate the learner sets.
pub(super) fn projection(
    ui: &mut egui::Ui,
    settings: &mut CostSettings,
    session: &Session,
    exporter: &ChartExporter,
    commands: &mut Vec<AppCommand>,
) {
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("This session's invocations, projected to a month").strong());
        model_badge(
            ui,
            "Durations measured on this machine, priced as if Lambda took as long. Real Lambda \
             times differ: see Power tuning below for the memory effect.",
        );
    });
    crate::ui::widgets::measured::show(ui, session.by_hand());
    let served: Vec<&InvocationRecord> = session
        .by_hand()
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
                .custom_formatter(|n, _| crate::model::format::thousands(n as u128)),
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
    invocations_chart(ui, &served, exporter, commands);
}

/// How many of the latest invocations the per-invocation chart shows.
pub(super) const CHARTED_INVOCATIONS: usize = 100;

/// One bar per invocation of the session: what a million like it would cost, cold ones
/// (INIT billed since 2025-08-01) apart from warm ones.
pub(super) fn invocations_chart(
    ui: &mut egui::Ui,
    served: &[&InvocationRecord],
    exporter: &ChartExporter,
    commands: &mut Vec<AppCommand>,
) {
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
    legend_row(
        ui,
        &[
            LegendEntry::new(warm_colour, "warm", Swatch::Area),
            LegendEntry::new(cold_colour, "cold (INIT billed)", Swatch::Area),
        ],
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
        .include_y(highest_usd * 1.1)
        // Off the bars: the pointer's coordinates would read like a price of their own.
        .label_formatter(|_| None)
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
    let csv = || {
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
    };
    exporter.buttons(ui, "session-invocations", picture, csv, commands);
}
