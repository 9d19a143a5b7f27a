//! The shipped curriculum meets the bar every lesson must: goals, a quiz of at least three
//! questions mixing kinds, and sources; and the checker finds nothing.

use std::path::Path;

use lambda_lab::content::LessonPack;
use lambda_lab::content::quiz::Answer;

fn shipped() -> LessonPack {
    LessonPack::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")).expect("loads")
}

#[test]
fn the_checker_finds_no_problem_in_the_shipped_lessons() {
    let problems =
        lambda_lab::content::check_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons"));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_lesson_has_goals_a_quiz_and_sources() {
    for lesson in &shipped().lessons {
        let id = &lesson.meta.id;
        let lambda_lab::content::LessonBody::Ready { markdown, .. } = &lesson.body else {
            panic!("{id} does not load");
        };
        assert!(
            markdown.contains("\n## What you will learn\n"),
            "{id}: no goals"
        );
        let sources = markdown
            .split("\n## Sources\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{id}: no Sources section"));
        assert!(sources.contains("](https://"), "{id}: Sources has no links");
        let quiz = lesson
            .quiz()
            .unwrap_or_else(|| panic!("{id}: no valid quiz"));
        assert!(quiz.questions.len() >= 3, "{id}: fewer than 3 questions");
        let has = |kind: &str| quiz.questions.iter().any(|q| q.answer.kind() == kind);
        assert!(
            has("single") && has("multiple"),
            "{id}: needs single and multiple choice"
        );
        for question in &quiz.questions {
            if let Answer::Numeric { value, .. } = question.answer {
                assert!(value.is_finite(), "{id}: numeric answer");
            }
        }
    }
}
