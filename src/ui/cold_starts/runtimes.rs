//! lambda-perf's init times per runtime, filtered and fastest first, beside the embedded
//! engine's own measured ones.

use super::*;

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

/// The embedded engine's own init times this session (cold starts in the Playground), as a
/// row beside lambda-perf's: median and up to the ten latest samples.
pub(super) fn engine_init_samples(invocations: &Session) -> Vec<f64> {
    // Only the engine's: a Python or Node process's init is a different thing to compare.
    let mut samples: Vec<f64> = invocations
        .by_hand()
        .rev()
        .filter(|r| r.measured_by == crate::runtime::record::MeasuredBy::EmbeddedEngine)
        .filter_map(|r| r.init_duration_ms)
        .take(10)
        .collect();
    samples.reverse();
    samples
}

pub(super) fn runtimes_view(
    ui: &mut egui::Ui,
    settings: &mut ColdStartsSettings,
    invocations: &Session,
) {
    let filter = &mut settings.runtime_filter;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Package").strong());
        ui.selectable_value(&mut filter.package, PackageType::Zip, "zip");
        ui.selectable_value(&mut filter.package, PackageType::Image, "container image");
        ui.add_space(12.0);
        ui.label(RichText::new("Architecture").strong());
        ui.selectable_value(&mut filter.arch, Architecture::X86_64, "x86_64");
        ui.selectable_value(&mut filter.arch, Architecture::Arm64, "arm64");
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

pub(super) fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

pub(super) fn runtime_tooltip(record: &InitRecord) -> String {
    let samples: Vec<String> = record
        .samples_ms
        .iter()
        .map(|sample| format::decimals(*sample, 2))
        .collect();
    format!(
        "{} · {} · {} · {} MB\nMedian of daily averages: {} ms ({} days)\nDaily averages ranged \
         {} to {} ms\nLast day's samples (ms): {}\nMax memory used: {} MB · handler duration {} ms",
        record.runtime,
        record.package,
        record.arch,
        record.memory_mb,
        format::decimals(record.median_init_ms, 2),
        record.days,
        format::decimals(record.min_daily_avg_init_ms, 2),
        format::decimals(record.max_daily_avg_init_ms, 2),
        samples.join(", "),
        format::decimals(record.median_max_memory_used_mb, 2),
        format::decimals(record.median_duration_ms, 2),
    )
}
