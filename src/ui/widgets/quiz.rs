//! A lesson's quiz: each question with its choices or number field, a Check button, and
//! the explanation once answered. Answers in progress are UI-only; results go to the app
//! as commands so they persist.

use std::collections::{BTreeSet, HashMap};

use crate::command::AppCommand;
use crate::content::quiz::{Answer, Question, Quiz};
use crate::state::State;
use crate::ui::theme;

/// What the learner has ticked or typed but not yet checked.
#[derive(Clone, Debug, Default)]
struct Draft {
    ticked: BTreeSet<usize>,
    typed: String,
    /// The typed text could not be read as a number.
    unreadable_number: bool,
    /// The learner asked for the question's hint.
    hint_shown: bool,
}

/// Drafts for every quiz question the learner touched this session.
#[derive(Debug, Default)]
pub struct QuizDrafts {
    drafts: HashMap<(String, usize), Draft>,
}

impl QuizDrafts {
    pub fn clear(&mut self) {
        self.drafts.clear();
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        lesson_id: &str,
        quiz: &Quiz,
        commands: &mut Vec<AppCommand>,
    ) {
        let total = quiz.questions.len();
        let score = state.quiz_score(lesson_id, total);
        egui::Frame::group(ui.style())
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.strong(format!("Quiz · {total} questions"));
                    ui.weak(format!(
                        "{} answered correctly · {} right first time",
                        score.answered_correctly, score.first_try
                    ));
                    if score.passed() {
                        ui.label(egui::RichText::new("✔ Quiz passed").color(theme::success(ui)));
                    }
                });
                for (number, question) in quiz.questions.iter().enumerate() {
                    ui.separator();
                    ui.push_id(number, |ui| {
                        let draft = self
                            .drafts
                            .entry((lesson_id.to_owned(), number))
                            .or_default();
                        show_question(
                            ui, state, lesson_id, number, total, question, draft, commands,
                        );
                    });
                }
            });
    }
}

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn show_question(
    ui: &mut egui::Ui,
    state: &State,
    lesson_id: &str,
    number: usize,
    total: usize,
    question: &Question,
    draft: &mut Draft,
    commands: &mut Vec<AppCommand>,
) {
    ui.label(egui::RichText::new(format!("{}. {}", number + 1, question.prompt)).strong());
    let ready = match &question.answer {
        Answer::Single { choices, .. } => {
            for (index, choice) in choices.iter().enumerate() {
                if ui.radio(draft.ticked.contains(&index), choice).clicked() {
                    draft.ticked = BTreeSet::from([index]);
                }
            }
            !draft.ticked.is_empty()
        }
        Answer::Multiple { choices, .. } => {
            ui.weak("Tick every right answer.");
            for (index, choice) in choices.iter().enumerate() {
                let mut ticked = draft.ticked.contains(&index);
                if ui.checkbox(&mut ticked, choice).changed() {
                    if ticked {
                        draft.ticked.insert(index);
                    } else {
                        draft.ticked.remove(&index);
                    }
                }
            }
            !draft.ticked.is_empty()
        }
        Answer::Numeric { unit, .. } => {
            ui.horizontal(|ui| {
                let label = ui.label("Your answer");
                ui.add(egui::TextEdit::singleline(&mut draft.typed).desired_width(140.0))
                    .labelled_by(label.id);
                if !unit.is_empty() {
                    ui.label(unit);
                }
            });
            if draft.unreadable_number {
                ui.label(
                    egui::RichText::new("Type a number, e.g. 2.73").color(theme::error_colour(ui)),
                );
            }
            !draft.typed.trim().is_empty()
        }
    };

    let record = state
        .quiz
        .get(lesson_id)
        .and_then(|records| records.get(&number))
        .copied()
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let check = ui.add_enabled(ready && !record.correct, egui::Button::new("Check answer"));
        if check.clicked() {
            let verdict = match &question.answer {
                Answer::Numeric { .. } => question.is_right_number(&draft.typed),
                _ => Some(
                    question.is_right_choice(&draft.ticked.iter().copied().collect::<Vec<_>>()),
                ),
            };
            draft.unreadable_number = verdict.is_none();
            if let Some(correct) = verdict {
                commands.push(AppCommand::AnswerQuestion {
                    lesson_id: lesson_id.to_owned(),
                    question: number,
                    correct,
                    question_count: total,
                });
            }
        }
        // A nudge before answering (or after a wrong one); never the answer itself.
        if let Some(hint) = &question.hint
            && !record.correct
        {
            if draft.hint_shown {
                ui.label(egui::RichText::new(format!("Hint: {hint}")).weak());
            } else if ui.small_button("Hint").clicked() {
                draft.hint_shown = true;
            }
        }
        if record.attempts > 0 {
            if record.correct {
                ui.label(egui::RichText::new("✔ Right").color(theme::success(ui)));
            } else {
                ui.label(
                    egui::RichText::new("✘ Not quite: read the explanation and try again")
                        .color(theme::error_colour(ui)),
                );
            }
        }
    });
    if record.attempts > 0 {
        ui.label(egui::RichText::new(&question.explanation).italics());
    }
}
