//! A run shown as a run: every invocation one press of Invoke made with Repeat or At once,
//! one row each (environment, cold or warm and why, init, duration, billed, memory, status),
//! under a one-line summary, so "compare the REPORT lines" and "send 10 at once" can be
//! followed.

use std::collections::BTreeSet;

use crate::runtime::record::{InvocationRecord, Status};
use crate::session::Run;

/// "10 invokes on 4 environments: 4 cold, 6 warm, 0 throttled".
pub fn summary(records: &[&InvocationRecord]) -> String {
    let environments: BTreeSet<u64> = records.iter().filter_map(|r| r.environment_id).collect();
    let throttled = records
        .iter()
        .filter(|r| r.status == Status::Throttled)
        .count();
    let cold = records.iter().filter(|r| r.cold).count();
    let warm = records.len() - cold - throttled;
    let failed = records
        .iter()
        .filter(|r| !matches!(r.status, Status::Success | Status::Throttled))
        .count();
    let mut text = format!(
        "{} on {}: {cold} cold, {warm} warm, {throttled} throttled",
        plural(records.len(), "invoke"),
        plural(environments.len(), "environment"),
    );
    if failed > 0 {
        text.push_str(&format!(", {failed} failed"));
    }
    text
}

/// "1 invoke", "2 invokes".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Cold or warm, and why, in a table cell.
fn start_text(record: &InvocationRecord) -> String {
    match (record.status, record.cold, record.cold_reason) {
        (Status::Throttled, _, _) => "no environment".to_owned(),
        (_, true, Some(reason)) => format!("cold: {}", reason.short()),
        (_, true, None) => "cold".to_owned(),
        (_, false, _) => "warm".to_owned(),
    }
}

/// The run's table; returns the row clicked (its request id and start).
pub fn show(
    ui: &mut egui::Ui,
    run: &Run,
    records: &[&InvocationRecord],
    shown: Option<&(String, u64)>,
) -> Option<(String, u64)> {
    ui.label(
        egui::RichText::new(format!(
            "Run {} · {} · {}",
            run.id,
            run.request.event_label,
            summary(records)
        ))
        .strong(),
    );
    let mut clicked = None;
    egui::Grid::new(("run_table", run.id))
        .striped(true)
        .show(ui, |ui| {
            for heading in [
                "#",
                "environment",
                "start",
                "init",
                "duration",
                "billed",
                "max memory",
                "status",
            ] {
                ui.label(egui::RichText::new(heading).weak());
            }
            ui.end_row();
            for (index, record) in records.iter().enumerate() {
                let key = (record.request_id.clone(), record.started_at_ms);
                let selected = shown == Some(&key);
                if ui
                    .selectable_label(selected, format!("{}", index + 1))
                    .on_hover_text("Show this invoke's response and log lines below")
                    .clicked()
                {
                    clicked = Some(key);
                }
                ui.label(
                    record
                        .environment_id
                        .map_or("—".to_owned(), |id| format!("env {id}")),
                );
                ui.label(start_text(record));
                ui.label(
                    record
                        .init_duration_ms
                        .map_or(String::new(), |ms| format!("{ms:.2} ms")),
                );
                ui.label(format!("{:.2} ms", record.duration_ms));
                ui.label(format!("{} ms", record.billed_duration_ms));
                ui.label(format!(
                    "{} of {} MB",
                    record.max_memory_used_mb, record.memory_size_mb
                ));
                ui.label(super::results::status_text(record));
                ui.end_row();
            }
        });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_environments_cold_warm_and_throttled() {
        let mut records: Vec<InvocationRecord> = (0..5)
            .map(|n| InvocationRecord::example(n, (n < 2).then_some(100.0), 1.0))
            .collect();
        records[0].environment_id = Some(1);
        records[1].environment_id = Some(2);
        records[2].environment_id = Some(1);
        records[3].environment_id = Some(2);
        records[4].environment_id = None;
        records[4].cold = false;
        records[4].status = Status::Throttled;
        let refs: Vec<&InvocationRecord> = records.iter().collect();
        assert_eq!(
            summary(&refs),
            "5 invokes on 2 environments: 2 cold, 2 warm, 1 throttled"
        );
        assert_eq!(
            summary(&refs[..1]),
            "1 invoke on 1 environment: 1 cold, 0 warm, 0 throttled"
        );
    }
}
