//! A lesson's quiz: each question with its choices or number field, a Check button, a hint
//! after a wrong answer, and the explanation once the answer is right or the learner gives
//! up. Checked answers go to the app as commands, so they and their verdicts survive a
//! restart; what is ticked or typed but not yet checked lives here, for this session only.

use std::collections::{BTreeSet, HashMap};

use crate::command::AppCommand;
use crate::content::quiz::{Answer, Question, Quiz};
use crate::model::format::{counted, decimals};
use crate::state::{GivenAnswer, QuestionRecord, State};
use crate::ui::theme;

/// What the learner has ticked or typed, checked or not.
#[derive(Clone, Debug, Default)]
struct Draft {
    ticked: BTreeSet<usize>,
    typed: String,
    /// The typed text could not be read as a number.
    unreadable_number: bool,
    /// The learner asked for the question's hint before answering.
    hint_shown: bool,
}

impl Draft {
    /// The answer last checked (kept in the state), so a restarted app shows it again. Choices
    /// a teacher has since removed from the question are dropped.
    fn restored(record: Option<&QuestionRecord>, question: &Question) -> Self {
        let mut draft = Self::default();
        match record.and_then(|record| record.last_answer.as_ref()) {
            Some(GivenAnswer::Choices(ticked)) => {
                let count = match &question.answer {
                    Answer::Single { choices, .. } | Answer::Multiple { choices, .. } => {
                        choices.len()
                    }
                    Answer::Numeric { .. } => 0,
                };
                draft.ticked = ticked.iter().copied().filter(|&i| i < count).collect();
            }
            Some(GivenAnswer::Typed(text)) if matches!(question.answer, Answer::Numeric { .. }) => {
                draft.typed = text.clone();
            }
            Some(GivenAnswer::Typed(_)) | None => {}
        }
        draft
    }

    fn answer(&self, question: &Question) -> GivenAnswer {
        match question.answer {
            Answer::Numeric { .. } => GivenAnswer::Typed(self.typed.trim().to_owned()),
            _ => GivenAnswer::Choices(self.ticked.iter().copied().collect()),
        }
    }
}

/// Drafts for every quiz question shown this session.
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
                    ui.strong(format!(
                        "Quiz · {}",
                        counted(total, "question", "questions")
                    ));
                    ui.weak(format!(
                        "{} of {total} answered correctly · {} right first time",
                        score.answered_correctly, score.first_try
                    ));
                    if score.passed() {
                        ui.label(egui::RichText::new("✔ Quiz passed").color(theme::success(ui)));
                    }
                });
                for (number, question) in quiz.questions.iter().enumerate() {
                    ui.separator();
                    let record = state.question_record(lesson_id, number);
                    ui.push_id(number, |ui| {
                        let draft = self
                            .drafts
                            .entry((lesson_id.to_owned(), number))
                            .or_insert_with(|| Draft::restored(record, question));
                        let asked = Asked {
                            lesson_id,
                            number,
                            total,
                            question,
                            record: record.cloned().unwrap_or_default(),
                        };
                        show_question(ui, &asked, draft, commands);
                    });
                }
            });
    }
}

/// One question as it stands: where it is, and how the learner did on it so far.
struct Asked<'a> {
    lesson_id: &'a str,
    number: usize,
    total: usize,
    question: &'a Question,
    record: QuestionRecord,
}

fn show_question(
    ui: &mut egui::Ui,
    asked: &Asked<'_>,
    draft: &mut Draft,
    commands: &mut Vec<AppCommand>,
) {
    let Asked {
        lesson_id,
        number,
        question,
        ref record,
        ..
    } = *asked;
    ui.label(egui::RichText::new(format!("{}. {}", number + 1, question.prompt)).strong());
    let ready = answer_inputs(ui, question, draft);

    // Once right, or given up on, the question is settled: the explanation may show.
    let settled = record.correct || record.gave_up;
    let wrong_so_far = record.attempts > 0 && !record.correct;
    ui.horizontal_wrapped(|ui| {
        let check = ui.add_enabled(ready && !record.correct, egui::Button::new("Check answer"));
        if check.clicked() {
            check_answer(asked, draft, commands);
        }
        // A nudge before answering; after a wrong answer it shows by itself (below).
        if question.hint.is_some()
            && !settled
            && !wrong_so_far
            && !draft.hint_shown
            && ui.small_button("Hint").clicked()
        {
            draft.hint_shown = true;
        }
        // Giving up is offered only after a try, so the learner thinks first.
        if wrong_so_far
            && !record.gave_up
            && ui
                .small_button("Show answer")
                .on_hover_text("Give up on this question: see the answer and why")
                .clicked()
        {
            commands.push(AppCommand::GiveUp {
                lesson_id: lesson_id.to_owned(),
                question: number,
            });
        }
        if record.correct {
            ui.label(egui::RichText::new("✔ Right").color(theme::success(ui)));
        } else if record.last_answer.as_ref() == Some(&draft.answer(question)) {
            // The verdict belongs to the answer it was given for: once the learner changes
            // their answer, it goes until they check again.
            let verdict = if question.hint.is_some() || record.gave_up {
                "✘ Not quite"
            } else {
                "✘ Not quite: try again, or show the answer"
            };
            ui.label(egui::RichText::new(verdict).color(theme::error_colour(ui)));
        }
    });
    // After a wrong answer the hint, never the explanation: that gives the answer away.
    if let Some(hint) = &question.hint
        && !settled
        && (draft.hint_shown || wrong_so_far)
    {
        ui.label(egui::RichText::new(format!("Hint: {hint}")).weak());
    }
    if record.gave_up && !record.correct {
        ui.label(egui::RichText::new(format!("Answer: {}", right_answer(question))).strong());
    }
    if settled {
        ui.label(egui::RichText::new(&question.explanation).italics());
    }
}

/// The choices or the number field; true when there is an answer to check.
fn answer_inputs(ui: &mut egui::Ui, question: &Question, draft: &mut Draft) -> bool {
    match &question.answer {
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
                let field = ui
                    .add(egui::TextEdit::singleline(&mut draft.typed).desired_width(140.0))
                    .labelled_by(label.id);
                if field.changed() {
                    draft.unreadable_number = false;
                }
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
    }
}

fn check_answer(asked: &Asked<'_>, draft: &mut Draft, commands: &mut Vec<AppCommand>) {
    let question = asked.question;
    let verdict = match &question.answer {
        Answer::Numeric { .. } => question.is_right_number(&draft.typed),
        _ => Some(question.is_right_choice(&draft.ticked.iter().copied().collect::<Vec<_>>())),
    };
    draft.unreadable_number = verdict.is_none();
    if let Some(correct) = verdict {
        commands.push(AppCommand::AnswerQuestion {
            lesson_id: asked.lesson_id.to_owned(),
            question: asked.number,
            answer: draft.answer(question),
            correct,
            question_count: asked.total,
        });
    }
}

/// The right answer in words, for a learner who gave up.
fn right_answer(question: &Question) -> String {
    match &question.answer {
        Answer::Single { choices, correct } => choices.get(*correct).cloned().unwrap_or_default(),
        Answer::Multiple { choices, correct } => {
            let picked: Vec<&str> = correct
                .iter()
                .filter_map(|&index| choices.get(index).map(String::as_str))
                .collect();
            match picked.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => picked.concat(),
            }
        }
        Answer::Numeric {
            value,
            tolerance,
            unit,
        } => {
            let mut text = decimals(*value, 6);
            if !unit.is_empty() {
                text = format!("{text} {unit}");
            }
            if *tolerance > 0.0 {
                text = format!("{text} (± {})", decimals(*tolerance, 6));
            }
            text
        }
    }
}
