//! The Cost page's inputs panel and the bill, line by line with its arithmetic.

use super::*;

pub(super) fn field(ui: &mut egui::Ui, label: &str, hint: &str, widget: impl egui::Widget) {
    ui.horizontal(|ui| {
        let label = ui.label(label).on_hover_text(hint);
        ui.add(widget).labelled_by(label.id);
    });
}

pub(super) fn inputs_panel(ui: &mut egui::Ui, settings: &mut CostSettings) {
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
                    .custom_formatter(|n, _| crate::model::format::thousands(n as u128)),
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
        &format!(
            "{}–{} MB",
            crate::model::format::count(MIN_MEMORY_MB.into()),
            crate::model::format::count(MAX_MEMORY_MB.into())
        ),
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
        &format!(
            "{}–{} MB; the first {} MB are free",
            MIN_EPHEMERAL_STORAGE_MB,
            crate::model::format::count(MAX_EPHEMERAL_STORAGE_MB.into()),
            pricing::EPHEMERAL_STORAGE_FREE_MB
        ),
        egui::DragValue::new(&mut inputs.ephemeral_storage_mb)
            .speed(16.0)
            .suffix(" MB"),
    );
    ui.checkbox(
        &mut inputs.free_tier,
        "Free tier (1M requests, 400,000 GB-s a month)",
    );
    let mut asynchronous = inputs.async_event_kb.is_some();
    if ui
        .checkbox(&mut asynchronous, "Asynchronous events over 256 KB")
        .on_hover_text("An Event invocation's first 256 KB is one request; each further 64 KB is one more (1 MB = 13 requests)")
        .changed()
    {
        inputs.async_event_kb = asynchronous.then_some(512.0);
    }
    if let Some(kb) = inputs.async_event_kb.as_mut() {
        field(
            ui,
            "Average event size",
            "Of the asynchronous events, in KB (at most 1,024)",
            egui::DragValue::new(kb)
                .speed(8.0)
                .range(0.0..=1024.0)
                .suffix(" KB"),
        );
    }
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
pub(super) fn bill(ui: &mut egui::Ui, estimate: &Estimate) {
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
