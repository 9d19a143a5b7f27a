//! One line saying what measured the durations a chart or a price is built from: the
//! embedded engine (an interpreter) or a real runtime process, with what that means.

use crate::runtime::record::{InvocationRecord, MeasuredBy};

/// "Durations measured by …: caveat" for the records, or None when there are none.
pub fn note<'a>(records: impl IntoIterator<Item = &'a InvocationRecord>) -> Option<String> {
    let mut engines: Vec<&MeasuredBy> = Vec::new();
    for record in records {
        if !engines.contains(&&record.measured_by) {
            engines.push(&record.measured_by);
        }
    }
    let first = engines.first()?;
    let names: Vec<String> = engines.iter().map(|engine| engine.describe()).collect();
    // The embedded engine's caveat matters most when it is among them.
    let caveat = engines
        .iter()
        .find(|engine| **engine == &MeasuredBy::EmbeddedEngine)
        .unwrap_or(first)
        .caveat();
    Some(format!(
        "Durations measured by {}: {caveat}",
        names.join(" and ")
    ))
}

/// Shows [`note`] as a small line, if there are records.
pub fn show<'a>(ui: &mut egui::Ui, records: impl IntoIterator<Item = &'a InvocationRecord>) {
    if let Some(text) = note(records) {
        ui.label(egui::RichText::new(text).small().weak());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_every_engine_and_warns_about_the_interpreter() {
        let mut engine = InvocationRecord::example(0, None, 5.0);
        engine.measured_by = MeasuredBy::EmbeddedEngine;
        let mut python = InvocationRecord::example(1, None, 5.0);
        python.measured_by = MeasuredBy::Process("python 3.11.7".into());
        assert_eq!(note([]), None);
        let both = note([&python, &engine]).unwrap_or_default();
        assert!(
            both.starts_with(
                "Durations measured by python 3.11.7 on this machine and the embedded engine"
            ),
            "{both}"
        );
        assert!(both.contains("20–28× slower"), "{both}");
        let only_python = note([&python]).unwrap_or_default();
        assert!(only_python.contains("not Lambda's share"), "{only_python}");
    }
}
