//! The lesson list: a side panel that resizes and collapses, with search, levels, progress
//! marks, and one entry per lesson.

use super::*;
use crate::model::format::counted;

impl LessonsPage {
    /// The lesson list as a side panel the learner can resize (drag its edge) or collapse
    /// (the button atop the lesson, or dragging it shut), so a narrow window can give its
    /// width to the lesson. Both are kept in the state: egui's own memory is not saved.
    pub(super) fn lesson_list_panel(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        pack: &LessonPack,
        current: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        const PANEL: &str = "lesson_list";
        let layout = &state.lesson_list;
        let width = layout.width.unwrap_or(theme::LESSON_LIST_WIDTH);
        let mut open = layout.open;
        egui::Panel::left(PANEL)
            .resizable(true)
            .default_size(width)
            .size_range(theme::LESSON_LIST_MIN_WIDTH..=theme::LESSON_LIST_MAX_WIDTH)
            .show_collapsible(ui, &mut open, |ui| {
                self.lesson_list(ui, state, pack, current, commands)
            });
        // The panel's full width, also while it slides open or shut.
        let shown_width = egui::PanelState::load(ui.ctx(), ui.scope_id().with(PANEL))
            .map(|panel| panel.size().x)
            .filter(|_| open && layout.open);
        let resized = shown_width.filter(|shown| (shown - width).abs() > 0.5);
        if open != layout.open || resized.is_some() {
            commands.push(AppCommand::UpdateLessonList(LessonListLayout {
                open,
                width: resized.or(layout.width),
            }));
        }
    }

    fn lesson_list(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        pack: &LessonPack,
        current: usize,
        commands: &mut Vec<AppCommand>,
    ) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading("Lessons");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Reload")
                    .on_hover_text("Read the lesson folder again after editing it")
                    .clicked()
                {
                    commands.push(AppCommand::ReloadLessons);
                }
            });
        });
        let done = pack
            .lessons
            .iter()
            .filter(|lesson| state.progress_of(&lesson.meta.id) >= Progress::Read)
            .count();
        let passed = pack
            .lessons
            .iter()
            .filter(|lesson| state.progress_of(&lesson.meta.id) == Progress::QuizPassed)
            .count();
        let (exercises, exercises_passed) = pack
            .lessons
            .iter()
            .flat_map(|lesson| lesson.exercises())
            .fold((0, 0), |(all, passed), exercise| {
                (
                    all + 1,
                    passed + usize::from(state.exercise_passed(&exercise.id)),
                )
            });
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!(
                "{done} of {} read · {}",
                pack.lessons.len(),
                counted(passed, "quiz passed", "quizzes passed")
            ));
            if exercises > 0 {
                ui.weak(format!("· {exercises_passed} of {exercises} exercises"));
            }
        });
        if self.confirm_start_over {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    "Forget this learner's progress, name, handlers, saved events and session?",
                );
                if ui.button("Start over").clicked() {
                    commands.push(AppCommand::StartOver);
                    self.quiz.clear();
                    self.name_draft = None;
                    self.confirm_start_over = false;
                }
                if ui.button("Keep").clicked() {
                    self.confirm_start_over = false;
                }
            });
        } else if self.confirm_reset {
            ui.horizontal_wrapped(|ui| {
                ui.label("Forget all progress, quiz answers and exercise passes?");
                if ui.button("Reset").clicked() {
                    commands.push(AppCommand::ResetProgress);
                    self.quiz.clear();
                    self.confirm_reset = false;
                }
                if ui.button("Keep").clicked() {
                    self.confirm_reset = false;
                }
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .small_button("Reset progress…")
                    .on_hover_text("Start the course again: clears read marks and quiz answers")
                    .clicked()
                {
                    self.confirm_reset = true;
                }
                self.export_progress(ui, state, pack, commands);
                if ui
                    .small_button("Start over…")
                    .on_hover_text(
                        "For the next student on this machine: forgets progress, name, handlers, \
                         saved events and the session",
                    )
                    .clicked()
                {
                    self.confirm_start_over = true;
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("words in any lesson")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .id_salt("lesson_list_scroll")
            .show(ui, |ui| {
                let mut shown = 0;
                for (position, lesson) in pack.lessons.iter().enumerate() {
                    if !lesson.matches(&self.search) {
                        continue;
                    }
                    shown += 1;
                    lesson_entry(ui, state, lesson, position, position == current, commands);
                }
                if shown == 0 {
                    ui.weak(format!("No lesson mentions \"{}\".", self.search.trim()));
                }
            });
    }
}

/// The button that collapses the lesson list, or brings it back.
pub(super) fn list_toggle(ui: &mut egui::Ui, state: &State, commands: &mut Vec<AppCommand>) {
    let layout = &state.lesson_list;
    let (text, hover) = if layout.open {
        (
            "« Hide list",
            "Hide the lesson list: the lesson gets the window's width",
        )
    } else {
        ("» Lessons", "Show the lesson list")
    };
    if ui.button(text).on_hover_text(hover).clicked() {
        commands.push(AppCommand::UpdateLessonList(LessonListLayout {
            open: !layout.open,
            width: layout.width,
        }));
    }
}

pub(super) fn lesson_entry(
    ui: &mut egui::Ui,
    state: &State,
    lesson: &Lesson,
    position: usize,
    selected: bool,
    commands: &mut Vec<AppCommand>,
) {
    let progress = state.progress_of(&lesson.meta.id);
    let (mark, colour) = theme::progress_mark(ui, progress);
    let broken = matches!(lesson.body, LessonBody::Broken { .. });
    let title = format!("{}. {}", position + 1, lesson.meta.title);
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(mark).color(colour))
            .on_hover_text(progress.label());
        let mut text = egui::RichText::new(title);
        if broken {
            text = text.color(theme::error_colour(ui));
        }
        let response = ui
            .add(egui::Button::selectable(selected, text).wrap())
            .on_hover_text(&lesson.meta.summary);
        if response.clicked() && !selected {
            commands.push(AppCommand::OpenLesson(lesson.meta.id.clone()));
        }
    });
    ui.horizontal(|ui| {
        ui.add_space(22.0);
        let detail = if broken {
            "cannot be opened".to_owned()
        } else {
            let exercises: Vec<&str> = lesson.exercises().map(|e| e.id.as_str()).collect();
            let passed = exercises
                .iter()
                .filter(|id| state.exercise_passed(id))
                .count();
            let exercises = match exercises.len() {
                0 => String::new(),
                all if passed == all => " · exercise ✔".to_owned(),
                all => format!(" · exercise {passed}/{all}"),
            };
            format!(
                "{} · {} min · {}{exercises}",
                lesson.meta.level.label(),
                lesson.meta.minutes,
                progress.label()
            )
        };
        ui.add(egui::Label::new(egui::RichText::new(detail).small().weak()).wrap());
    });
    ui.add_space(2.0);
}

impl LessonsPage {
    /// "Export my progress…": the report a teacher collects, saved where the learner picks.
    /// The learner's name is asked the first time and kept.
    fn export_progress(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        pack: &crate::content::LessonPack,
        commands: &mut Vec<AppCommand>,
    ) {
        let export = |name: &str, commands: &mut Vec<AppCommand>| {
            let report =
                crate::progress_report::report(state, pack, name, crate::runtime::record::now_ms());
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            let stem: String = name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            commands.push(AppCommand::RequestFile(
                crate::command::FileRequest::SaveAs(crate::command::SaveAs {
                    file_stem: format!("progress-{stem}"),
                    kind: "Progress report",
                    extension: "json",
                    bytes: std::sync::Arc::from(json.into_bytes()),
                    what: crate::command::Written::Export,
                }),
            ));
        };
        if let Some(draft) = &mut self.name_draft {
            let label = ui.label("Your name:");
            let field = ui
                .add(egui::TextEdit::singleline(draft).desired_width(140.0))
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = draft.trim().to_owned();
            if (ui
                .add_enabled(!name.is_empty(), egui::Button::new("Export"))
                .clicked()
                || entered)
                && !name.is_empty()
            {
                commands.push(AppCommand::SetLearnerName(name.clone()));
                export(&name, commands);
                self.name_draft = None;
            } else if ui.button("Cancel").clicked() {
                self.name_draft = None;
            }
            return;
        }
        let button = ui.small_button("Export my progress…").on_hover_text(
            "A file for your teacher: your name, the course version, and each lesson read and \
             quiz score. Nothing is sent anywhere.",
        );
        if button.clicked() {
            match state
                .learner_name
                .as_deref()
                .filter(|name| !name.trim().is_empty())
            {
                Some(name) => export(name, commands),
                None => self.name_draft = Some(String::new()),
            }
        }
    }
}
