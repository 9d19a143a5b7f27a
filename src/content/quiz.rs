//! Quizzes inside lesson files: a fenced block whose info string is `quiz`, holding TOML
//! `[[question]]` tables (single choice, multiple choice, or a numeric answer with a
//! tolerance). Lessons stay one readable markdown file, and the checker validates them.

use super::exercise::{EXERCISE_TAG, Exercise, parse_exercise};
use super::tryit::{TRYIT_TAG, TryIt, parse_tryit};
use serde::Deserialize;

use super::one_line;

/// The fence info string that marks a quiz block.
pub const QUIZ_TAG: &str = "quiz";

/// Most and fewest choices a question may offer.
pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub prompt: String,
    pub answer: Answer,
    /// Why the answer is what it is; shown once the learner answers right or gives up (it
    /// usually gives the answer away, so never after a wrong answer).
    pub explanation: String,
    /// A nudge offered before answering and shown after a wrong answer; it must not give the
    /// answer away.
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Exactly one correct choice (0-based index).
    Single {
        choices: Vec<String>,
        correct: usize,
    },
    /// The learner must tick exactly the correct choices (0-based, sorted).
    Multiple {
        choices: Vec<String>,
        correct: Vec<usize>,
    },
    Numeric {
        value: f64,
        tolerance: f64,
        unit: String,
    },
}

impl Answer {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Single { .. } => "single",
            Self::Multiple { .. } => "multiple",
            Self::Numeric { .. } => "numeric",
        }
    }
}

impl Question {
    /// Is a choice-based answer (0-based ticked choices) right?
    pub fn is_right_choice(&self, ticked: &[usize]) -> bool {
        let mut ticked = ticked.to_vec();
        ticked.sort_unstable();
        ticked.dedup();
        match &self.answer {
            Answer::Single { correct, .. } => ticked == [*correct],
            Answer::Multiple { correct, .. } => ticked == *correct,
            Answer::Numeric { .. } => false,
        }
    }

    /// Is a typed number right? Accepts "2.73", "$2.73", "2,730" and "2.73 USD".
    pub fn is_right_number(&self, typed: &str) -> Option<bool> {
        let Answer::Numeric {
            value, tolerance, ..
        } = &self.answer
        else {
            return None;
        };
        let number = parse_number(typed)?;
        // A hair of slack so that 0.1 + 0.2 style binary noise never fails a right answer.
        Some((number - value).abs() <= tolerance + 1e-9)
    }
}

/// Parses a number as a learner types it, ignoring currency signs, units and thousands commas.
pub fn parse_number(typed: &str) -> Option<f64> {
    let cleaned: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | '_' | ' '))
        .collect();
    let numeric: String = cleaned
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        .collect();
    numeric.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    kind: String,
    prompt: String,
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default)]
    correct: Vec<i64>,
    value: Option<f64>,
    tolerance: Option<f64>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    explanation: String,
    hint: Option<String>,
}

/// Parses and validates the TOML inside a quiz block. Errors say which question is wrong
/// and how, in words a teacher can act on.
pub fn parse_quiz(toml_text: &str) -> Result<Quiz, String> {
    let raw: RawQuiz = toml::from_str(toml_text).map_err(|error| {
        format!(
            "the quiz is not valid TOML: {}",
            one_line(&error.to_string())
        )
    })?;
    if raw.question.is_empty() {
        return Err("the quiz has no [[question]] tables".to_owned());
    }
    let questions = raw
        .question
        .into_iter()
        .enumerate()
        .map(|(index, question)| {
            validate(question).map_err(|problem| format!("question {}: {problem}", index + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Quiz { questions })
}

fn validate(raw: RawQuestion) -> Result<Question, String> {
    if raw.prompt.trim().is_empty() {
        return Err("the prompt is empty".to_owned());
    }
    if raw.explanation.trim().is_empty() {
        return Err(
            "add an explanation (shown once answered right or given up: say why)".to_owned(),
        );
    }
    let answer = match raw.kind.as_str() {
        "single" | "multiple" => {
            let count = raw.choices.len();
            if !(MIN_CHOICES..=MAX_CHOICES).contains(&count) {
                return Err(format!(
                    "{count} choices; give {MIN_CHOICES} to {MAX_CHOICES}"
                ));
            }
            if raw.value.is_some() || raw.tolerance.is_some() {
                return Err("value and tolerance belong to numeric questions only".to_owned());
            }
            let mut correct = Vec::new();
            for number in &raw.correct {
                match usize::try_from(*number) {
                    Ok(n) if (1..=count).contains(&n) => correct.push(n - 1),
                    _ => {
                        return Err(format!(
                            "correct = {number} is not a choice number (1 to {count})"
                        ));
                    }
                }
            }
            correct.sort_unstable();
            correct.dedup();
            if raw.kind == "single" {
                match correct.as_slice() {
                    [one] => Answer::Single {
                        choices: raw.choices,
                        correct: *one,
                    },
                    _ => {
                        return Err(format!(
                            "a single-choice question needs exactly one correct choice, found {}",
                            correct.len()
                        ));
                    }
                }
            } else if correct.is_empty() {
                return Err("a multiple-choice question needs at least one correct choice".into());
            } else {
                Answer::Multiple {
                    choices: raw.choices,
                    correct,
                }
            }
        }
        "numeric" => {
            let value = raw
                .value
                .ok_or_else(|| "a numeric question needs value = <number>".to_owned())?;
            let tolerance = raw.tolerance.unwrap_or(0.0);
            if !value.is_finite() || !tolerance.is_finite() || tolerance < 0.0 {
                return Err("value must be a number and tolerance a number ≥ 0".to_owned());
            }
            if !raw.choices.is_empty() || !raw.correct.is_empty() {
                return Err("choices and correct belong to choice questions only".to_owned());
            }
            Answer::Numeric {
                value,
                tolerance,
                unit: raw.unit,
            }
        }
        other => {
            return Err(format!(
                "kind = \"{other}\" is unknown; use \"single\", \"multiple\" or \"numeric\""
            ));
        }
    };
    let hint = raw.hint.filter(|hint| !hint.trim().is_empty());
    Ok(Question {
        prompt: raw.prompt,
        answer,
        explanation: raw.explanation,
        hint,
    })
}

/// A lesson's markdown cut into prose, code, quizzes and Try it actions, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Markdown(String),
    /// A fenced code block outside any list or quote, as its markdown source (fences
    /// included). It is kept apart so the page can scroll a long line sideways, where the
    /// markdown renderer would wrap it at the window's edge.
    Code(String),
    Quiz(Result<Quiz, String>),
    TryIt(Result<TryIt, String>),
    Exercise(Result<Exercise, String>),
}

/// Splits markdown at its ```quiz and ```tryit blocks and at its other top-level fenced code
/// blocks. Also returns each block's 1-based line.
pub fn split_segments(markdown: &str) -> Vec<(Segment, usize)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    /// The fenced block being read.
    enum Open {
        Quiz(String),
        TryIt(String),
        Exercise(String),
        Code,
    }
    let mut segments = Vec::new();
    let mut prose_start = 0;
    // Lists, quotes and footnotes around the position: a code block inside one stays in its
    // prose, since cutting it out would cut the list or quote in two.
    let mut containers = 0_usize;
    let mut open: Option<(Open, usize, std::ops::Range<usize>)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                containers += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                containers = containers.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let language = super::highlight::fence_language(&info);
                let block = if language == QUIZ_TAG {
                    Open::Quiz(String::new())
                } else if language == TRYIT_TAG {
                    Open::TryIt(String::new())
                } else if language == EXERCISE_TAG {
                    Open::Exercise(String::new())
                } else if containers == 0 {
                    Open::Code
                } else {
                    continue;
                };
                let prose = &markdown[prose_start..range.start];
                if !prose.trim().is_empty() {
                    segments.push((Segment::Markdown(prose.to_owned()), 1));
                }
                let line = markdown[..range.start].lines().count() + 1;
                open = Some((block, line, range.clone()));
                prose_start = range.end;
            }
            Event::Text(text) => {
                if let Some((Open::Quiz(body) | Open::TryIt(body) | Open::Exercise(body), _, _)) =
                    open.as_mut()
                {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => match open.take() {
                Some((Open::Quiz(body), line, _)) => {
                    segments.push((Segment::Quiz(parse_quiz(&body)), line));
                }
                Some((Open::TryIt(body), line, _)) => {
                    segments.push((Segment::TryIt(parse_tryit(&body)), line));
                }
                Some((Open::Exercise(body), line, _)) => {
                    segments.push((Segment::Exercise(parse_exercise(&body)), line));
                }
                Some((Open::Code, line, block)) => {
                    let source = markdown[block].trim_end().to_owned();
                    segments.push((Segment::Code(source), line));
                }
                None => {}
            },
            _ => {}
        }
    }
    let rest = &markdown[prose_start..];
    if !rest.trim().is_empty() {
        segments.push((Segment::Markdown(rest.to_owned()), 1));
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIZ: &str = r#"
[[question]]
kind = "single"
prompt = "Who patches the OS?"
choices = ["You", "AWS"]
correct = [2]
explanation = "AWS runs the OS."

[[question]]
kind = "multiple"
prompt = "What survives a warm invoke?"
choices = ["Globals", "/tmp", "The event"]
correct = [2, 1]
explanation = "Globals and /tmp live in the environment."

[[question]]
kind = "numeric"
prompt = "Bill in USD?"
value = 2.73
tolerance = 0.01
unit = "USD"
explanation = "$2.33 + $0.40."
"#;

    #[test]
    fn parses_all_three_kinds_and_marks_answers() {
        let quiz = parse_quiz(QUIZ).expect("valid");
        assert_eq!(quiz.questions.len(), 3);
        let [single, multiple, numeric] = &quiz.questions[..] else {
            panic!("three questions")
        };
        assert!(single.is_right_choice(&[1]));
        assert!(!single.is_right_choice(&[0]));
        assert!(multiple.is_right_choice(&[1, 0]));
        assert!(!multiple.is_right_choice(&[0]));
        assert!(!multiple.is_right_choice(&[0, 1, 2]));
        assert_eq!(numeric.is_right_number("$2.73"), Some(true));
        assert_eq!(numeric.is_right_number("2.74 USD"), Some(true));
        assert_eq!(numeric.is_right_number("2.75"), Some(false));
        assert_eq!(numeric.is_right_number("about three"), None);
    }

    #[test]
    fn explains_what_is_wrong_with_a_question() {
        let bad = QUIZ.replace("correct = [2]\n", "correct = [3]\n");
        let error = parse_quiz(&bad).expect_err("invalid");
        assert!(
            error.starts_with("question 1: correct = 3 is not a choice number"),
            "{error}"
        );
        let bad = QUIZ.replace("kind = \"single\"", "kind = \"essay\"");
        assert!(parse_quiz(&bad).expect_err("invalid").contains("essay"));
        let bad = QUIZ.replace("explanation = \"$2.33 + $0.40.\"", "");
        assert!(
            parse_quiz(&bad)
                .expect_err("invalid")
                .starts_with("question 3: add an explanation")
        );
    }

    #[test]
    fn splits_prose_and_quiz() {
        let markdown = format!("# T\n\nIntro.\n\n```quiz\n{QUIZ}```\n\n## Sources\n\n- x\n");
        let segments = split_segments(&markdown);
        assert_eq!(segments.len(), 3);
        assert!(matches!(&segments[0].0, Segment::Markdown(text) if text.contains("Intro")));
        assert!(matches!(&segments[1].0, Segment::Quiz(Ok(quiz)) if quiz.questions.len() == 3));
        assert_eq!(segments[1].1, 5);
        assert!(matches!(&segments[2].0, Segment::Markdown(text) if text.contains("Sources")));
    }

    #[test]
    fn top_level_code_blocks_stand_apart_and_listed_ones_stay_in_their_list() {
        let markdown = "Intro.\n\n```js\nexport const handler = 1;\n```\n\n\
                        1. Step\n\n   ```sh\n   ls\n   ```\n\n2. Next\n";
        let segments = split_segments(markdown);
        let kinds: Vec<&Segment> = segments.iter().map(|(segment, _)| segment).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert_eq!(
            kinds[1],
            &Segment::Code("```js\nexport const handler = 1;\n```".to_owned())
        );
        assert_eq!(segments[1].1, 3);
        assert!(
            matches!(kinds[2], Segment::Markdown(text) if text.contains("ls") && text.contains("2. Next"))
        );
    }
}
