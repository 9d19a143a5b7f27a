//! An exercise inside a lesson: the task, "Start exercise" (the Playground on the learner's
//! copy of the starter, with the checklist), hints one at a time, and the solution once every
//! check has passed.

use std::collections::BTreeMap;
use std::path::Path;

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::command::AppCommand;
use crate::content::exercise::{CheckKind, Exercise};
use crate::state::State;

/// Solutions read from the pack, by exercise id (read on the file thread when asked for).
pub type Solutions = BTreeMap<String, Result<String, String>>;

#[allow(clippy::too_many_arguments)]
pub(super) fn show(
    ui: &mut egui::Ui,
    state: &State,
    exercise: &Exercise,
    pack_dir: &Path,
    solutions: &Solutions,
    teacher: bool,
    markdown: &mut CommonMarkCache,
    commands: &mut Vec<AppCommand>,
) {
    let record = state.exercises.get(&exercise.id);
    let passed = record.and_then(|r| r.passed_at_ms);
    let shown = record
        .map_or(0, |r| r.hints_shown)
        .min(exercise.hints.len());
    ui.add_space(6.0);
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("Exercise: {}", exercise.title))
                        .strong()
                        .size(16.0),
                );
                match passed {
                    Some(at_ms) => ui.colored_label(
                        egui::Color32::from_rgb(0x2e, 0x9e, 0x4f),
                        format!(
                            "✔ passed {}",
                            crate::runtime::record::iso_time(at_ms)
                                .get(..10)
                                .unwrap_or("")
                        ),
                    ),
                    None => ui.label(egui::RichText::new("not passed yet").weak()),
                };
            });
            CommonMarkViewer::new().show(ui, markdown, &exercise.task);
            ui.label(
                egui::RichText::new(format!(
                    "{}:",
                    crate::model::format::counted(exercise.checks.len(), "check", "checks")
                ))
                .weak(),
            );
            for check in &exercise.checks {
                let kind = match check.kind {
                    CheckKind::Invoke(_) => "",
                    CheckKind::Scenario(_) => " (Cold starts model)",
                    CheckKind::Cost(_) => " (power-tuning model)",
                };
                ui.label(egui::RichText::new(format!("  • {}{kind}", check.name)).weak());
            }
            ui.horizontal_wrapped(|ui| {
                let button = egui::Button::new(egui::RichText::new("▶ Start exercise").strong());
                if ui
                    .add(button)
                    .on_hover_text(
                        "Opens the Playground on your own copy of the starter, with the checklist",
                    )
                    .clicked()
                {
                    commands.push(AppCommand::StartExercise(Box::new(exercise.clone())));
                }
                if shown < exercise.hints.len()
                    && ui
                        .button(format!(
                            "💡 Show a hint ({} of {})",
                            shown + 1,
                            exercise.hints.len()
                        ))
                        .clicked()
                {
                    commands.push(AppCommand::ShowHint(exercise.id.clone()));
                }
            });
            for (number, hint) in exercise.hints.iter().take(shown).enumerate() {
                // Hints are markdown like the task: `code` reads as code, not as backticks.
                CommonMarkViewer::new().show(
                    ui,
                    markdown,
                    &format!("**Hint {}:** {hint}", number + 1),
                );
            }
            solution(
                ui,
                exercise,
                pack_dir,
                passed.is_some() || teacher,
                solutions,
                markdown,
                commands,
            );
        });
    ui.add_space(6.0);
}

fn solution(
    ui: &mut egui::Ui,
    exercise: &Exercise,
    pack_dir: &Path,
    // Passed, or the teacher key is on.
    passed: bool,
    solutions: &Solutions,
    markdown: &mut CommonMarkCache,
    commands: &mut Vec<AppCommand>,
) {
    let Some(file) = &exercise.solution else {
        if passed && !exercise.choices.is_empty() {
            let chosen: Vec<String> = exercise
                .choices
                .iter()
                .map(|c| format!("{} = {}", c.key.name(), c.solution))
                .collect();
            ui.label(format!("The solution chose {}.", chosen.join(", ")));
        }
        return;
    };
    if !passed {
        ui.label(
            egui::RichText::new(
                "The solution is shown once every check passes (or to a teacher: --teacher).",
            )
            .weak()
            .small(),
        );
        return;
    }
    match solutions.get(&exercise.id) {
        None => {
            if ui.button("Show the solution").clicked() {
                commands.push(AppCommand::LoadSolution {
                    exercise_id: exercise.id.clone(),
                    path: pack_dir.join(file),
                });
            }
        }
        Some(Ok(text)) => {
            ui.label(egui::RichText::new(format!("The solution ({file}):")).weak());
            let language = if file.ends_with(".py") {
                "python"
            } else {
                "javascript"
            };
            // Highlighted like the lesson's own code, scrolling sideways when a line is long.
            let fenced = format!("```{language}\n{}\n```", text.trim_end());
            ui.push_id(("solution", &exercise.id), |ui| {
                super::view::code_block(ui, markdown, &fenced);
            });
        }
        Some(Err(error)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("The solution cannot be read: {error}"),
            );
        }
    }
}
