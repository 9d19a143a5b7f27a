//! The open exercise's checklist above the Playground's editors: each check passed or failed
//! with its reason (expected against got), run again after every save.

use crate::command::AppCommand;
use crate::content::exercise::{ChoiceKey, Exercise};
use crate::state::PlaygroundSettings;
use crate::ui::AppView;

/// The exercise the Playground shows, when its starter is the open handler.
pub fn open_exercise<'a>(view: &AppView<'a>, next: &PlaygroundSettings) -> Option<&'a Exercise> {
    crate::exercises::open_in(view.pack.as_ref().ok()?, next)
}

pub(super) fn checklist(
    ui: &mut egui::Ui,
    view: &AppView<'_>,
    next: &mut PlaygroundSettings,
    commands: &mut Vec<AppCommand>,
) {
    let Some(exercise) = open_exercise(view, next) else {
        return;
    };
    let outcome = view
        .jobs
        .exercise
        .latest()
        .filter(|outcome| outcome.exercise_id == exercise.id);
    let checking = view.jobs.exercise.is_running() || view.jobs.exercise_due.is_some();
    let passed = outcome.map_or(0, |o| o.results.iter().filter(|r| r.passed).count());
    let all = exercise.checks.len();
    let good = egui::Color32::from_rgb(0x2e, 0x9e, 0x4f);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(format!("Exercise: {}", exercise.title)).strong());
            if checking {
                ui.spinner();
                ui.label("checking…");
            } else if outcome.is_some_and(|o| o.all_passed()) {
                ui.colored_label(good, format!("✔ every check passes ({all} of {all})"));
            } else if outcome.is_some() {
                ui.label(format!("{passed} of {all} checks pass"));
            }
            if ui
                .button("Check now")
                .on_hover_text(
                    "Runs every check on your code as saved (they also run after each edit)",
                )
                .clicked()
            {
                commands.push(AppCommand::RunExerciseChecks);
            }
            if let Some(lesson) = lesson_of(view, &exercise.id)
                && ui.button("Back to the lesson").clicked()
            {
                commands.push(AppCommand::OpenLesson(lesson));
            }
            if ui
                .button("Leave exercise")
                .on_hover_text("Hides the checklist; your code stays as it is")
                .clicked()
            {
                next.exercise = None;
            }
        });
        if !exercise.choices.is_empty() {
            // The same settings as the function's below, here too: at 1024×700 those fold
            // into one line, and the choice is the whole exercise.
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new("You decide:").italics());
                for choice in &exercise.choices {
                    let value = match choice.key {
                        ChoiceKey::MemoryMb => &mut next.memory_mb,
                        ChoiceKey::ProvisionedConcurrency => &mut next.provisioned_concurrency,
                    };
                    ui.label(choice.key.label());
                    ui.add(egui::DragValue::new(value).range(choice.key.range()))
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::SpinButton,
                                true,
                                choice.key.label(),
                            )
                        });
                }
                ui.label(egui::RichText::new("(the checks run again when it changes)").weak());
            });
        }
        egui::ScrollArea::vertical()
            .id_salt("exercise_checks")
            .max_height(ui.spacing().interact_size.y * 5.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (index, check) in exercise.checks.iter().enumerate() {
                    let result = outcome.and_then(|o| o.results.get(index));
                    ui.horizontal_wrapped(|ui| match result {
                        Some(result) if result.passed => {
                            ui.colored_label(good, format!("✔ {}", check.name));
                            ui.label(egui::RichText::new(&result.detail).weak().small());
                        }
                        Some(result) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("✘ {}", check.name),
                            );
                            ui.label(&result.detail);
                        }
                        None => {
                            ui.label(format!("• {}", check.name));
                            ui.label(egui::RichText::new("not run yet").weak().small());
                        }
                    });
                }
            });
    });
}

/// The lesson an exercise is in.
fn lesson_of(view: &AppView<'_>, exercise_id: &str) -> Option<String> {
    let pack = view.pack.as_ref().ok()?;
    crate::exercises::find_with_lesson(pack, exercise_id).map(|(lesson, _)| lesson.meta.id.clone())
}
