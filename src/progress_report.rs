//! Progress a teacher can collect: a learner's report (name, app and pack version, per lesson
//! read / quiz score) written as a plain JSON file the learner hands in, and the class table
//! merged from many reports (text or CSV). Nothing is sent anywhere.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::content::LessonPack;
use crate::content::lessons::LessonBody;
use crate::content::quiz::Segment;
use crate::state::{Progress, State};

/// The report format's name and version, so a merge can refuse other files.
pub const REPORT_FORMAT: &str = "lambda-lab-progress/1";

/// One learner's progress through one pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub learner: String,
    pub app_version: String,
    /// The pack's folder name and a digest of its index, so a teacher sees who used which
    /// version of the course.
    pub pack: String,
    pub pack_version: String,
    /// When the report was written, UTC (`2026-12-04T14:05:25Z`).
    pub exported_at: String,
    pub lessons: Vec<LessonReport>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonReport {
    pub id: String,
    pub title: String,
    /// `not started`, `read` or `quiz passed`.
    pub status: String,
    /// Questions answered correctly, right the first time, and in all (0 when the lesson has
    /// no quiz).
    pub quiz_correct: usize,
    pub quiz_first_try: usize,
    pub quiz_questions: usize,
    /// The lesson's graded exercises, passed or not (reports written before exercises had
    /// none).
    #[serde(default)]
    pub exercises: Vec<ExerciseReport>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseReport {
    pub id: String,
    pub title: String,
    /// When every check first passed, UTC; `None` when not yet.
    pub passed_at: Option<String>,
}

/// The report of `state`'s progress through `pack`, for `learner`.
pub fn report(state: &State, pack: &LessonPack, learner: &str, now_ms: u64) -> Report {
    let lessons = pack
        .lessons
        .iter()
        .map(|lesson| {
            let questions = match &lesson.body {
                LessonBody::Ready { segments, .. } => segments
                    .iter()
                    .map(|segment| match segment {
                        Segment::Quiz(Ok(quiz)) => quiz.questions.len(),
                        _ => 0,
                    })
                    .sum(),
                LessonBody::Broken { .. } => 0,
            };
            let score = state.quiz_score(&lesson.meta.id, questions);
            let progress = state
                .progress
                .get(&lesson.meta.id)
                .copied()
                .unwrap_or(Progress::NotStarted);
            let exercises = lesson
                .exercises()
                .map(|exercise| ExerciseReport {
                    id: exercise.id.clone(),
                    title: exercise.title.clone(),
                    passed_at: state
                        .exercises
                        .get(&exercise.id)
                        .and_then(|record| record.passed_at_ms)
                        .map(utc_seconds),
                })
                .collect();
            LessonReport {
                id: lesson.meta.id.clone(),
                title: lesson.meta.title.clone(),
                status: progress.label().to_owned(),
                quiz_correct: score.answered_correctly,
                quiz_first_try: score.first_try,
                quiz_questions: questions,
                exercises,
            }
        })
        .collect();
    let index = std::fs::read(pack.dir.join("index.toml")).unwrap_or_default();
    let digest = hex::encode(sha2::Sha256::digest(&index));
    Report {
        format: REPORT_FORMAT.to_owned(),
        learner: learner.trim().to_owned(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        pack: pack.dir.file_name().map_or_else(
            || pack.dir.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        pack_version: digest.get(..12).unwrap_or_default().to_owned(),
        exported_at: utc_seconds(now_ms),
        lessons,
    }
}

/// `2026-12-04T14:05:25Z`.
fn utc_seconds(ms: u64) -> String {
    crate::runtime::record::iso_time(ms)
        .get(..19)
        .map_or_else(String::new, |time| format!("{time}Z"))
}

/// Why a file is not a report this version can merge.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0} is not a Lambda Lab progress report: {1}")]
    NotAReport(String, String),
    #[error("{0} is a {1} report; this version reads {REPORT_FORMAT}")]
    OtherFormat(String, String),
}

/// Reads a report handed in as `name` (for messages).
pub fn read_report(name: &str, text: &str) -> Result<Report, ReportError> {
    let report: Report = serde_json::from_str(text)
        .map_err(|error| ReportError::NotAReport(name.to_owned(), error.to_string()))?;
    if report.format != REPORT_FORMAT {
        return Err(ReportError::OtherFormat(name.to_owned(), report.format));
    }
    Ok(report)
}

/// One learner's row of the class table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRow {
    pub learner: String,
    pub pack: String,
    pub pack_version: String,
    pub exported_at: String,
    /// Lessons read (or further).
    pub lessons_read: usize,
    pub quizzes_passed: usize,
    /// Exercises passed, of all the lessons' exercises.
    pub exercises_passed: usize,
    pub exercises: usize,
    /// A cell per lesson of [`ClassTable::lessons`]: status and quiz score.
    pub cells: Vec<String>,
}

/// The class: a row per learner (sorted by name), a column per lesson (in the first
/// report's order, then any others).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassTable {
    pub lessons: Vec<String>,
    pub rows: Vec<ClassRow>,
}

pub fn class_table(reports: &[Report]) -> ClassTable {
    let lessons = lesson_ids(reports);
    let mut sorted: Vec<&Report> = reports.iter().collect();
    sorted.sort_by_key(|report| report.learner.to_lowercase());
    let rows = sorted
        .into_iter()
        .map(|report| ClassRow {
            learner: report.learner.clone(),
            pack: report.pack.clone(),
            pack_version: report.pack_version.clone(),
            exported_at: report.exported_at.clone(),
            lessons_read: report
                .lessons
                .iter()
                .filter(|lesson| lesson.status != Progress::NotStarted.label())
                .count(),
            quizzes_passed: report
                .lessons
                .iter()
                .filter(|lesson| lesson.status == Progress::QuizPassed.label())
                .count(),
            exercises_passed: report
                .lessons
                .iter()
                .flat_map(|lesson| &lesson.exercises)
                .filter(|exercise| exercise.passed_at.is_some())
                .count(),
            exercises: report.lessons.iter().map(|l| l.exercises.len()).sum(),
            cells: lessons
                .iter()
                .map(|id| {
                    report
                        .lessons
                        .iter()
                        .find(|lesson| &lesson.id == id)
                        .map_or_else(String::new, cell)
                })
                .collect(),
        })
        .collect();
    ClassTable { lessons, rows }
}

/// The class table as CSV (RFC 4180), for a spreadsheet.
pub fn class_csv(reports: &[Report]) -> String {
    let table = class_table(reports);
    let mut csv = String::from(
        "learner,pack,pack_version,exported_at,lessons_read,quizzes_passed,exercises_passed",
    );
    for id in &table.lessons {
        let _ = write!(csv, ",{}", csv_field(id));
    }
    csv.push('\n');
    for row in &table.rows {
        let _ = write!(
            csv,
            "{},{},{},{},{},{},{}/{}",
            csv_field(&row.learner),
            csv_field(&row.pack),
            csv_field(&row.pack_version),
            csv_field(&row.exported_at),
            row.lessons_read,
            row.quizzes_passed,
            row.exercises_passed,
            row.exercises
        );
        for cell in &row.cells {
            let _ = write!(csv, ",{}", csv_field(cell));
        }
        csv.push('\n');
    }
    csv
}

/// "read", "quiz passed (4/4 right)", "read (2/4 right)": the score once a question is right;
/// then "exercises 1/2" when the lesson has any.
fn cell(lesson: &LessonReport) -> String {
    let mut parts = Vec::new();
    if lesson.quiz_questions > 0 && lesson.quiz_correct > 0 {
        parts.push(format!(
            "{}/{} right",
            lesson.quiz_correct, lesson.quiz_questions
        ));
    }
    if !lesson.exercises.is_empty() {
        let passed = lesson
            .exercises
            .iter()
            .filter(|exercise| exercise.passed_at.is_some())
            .count();
        parts.push(format!("exercises {passed}/{}", lesson.exercises.len()));
    }
    if parts.is_empty() {
        lesson.status.clone()
    } else {
        format!("{} ({})", lesson.status, parts.join(", "))
    }
}

fn lesson_ids(reports: &[Report]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for report in reports {
        for lesson in &report.lessons {
            if !ids.contains(&lesson.id) {
                ids.push(lesson.id.clone());
            }
        }
    }
    ids
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(id: &str, status: &str, correct: usize, questions: usize) -> LessonReport {
        LessonReport {
            id: id.to_owned(),
            title: id.to_owned(),
            status: status.to_owned(),
            quiz_correct: correct,
            quiz_first_try: correct,
            quiz_questions: questions,
            exercises: Vec::new(),
        }
    }

    fn learner(name: &str, lessons: Vec<LessonReport>) -> Report {
        Report {
            format: REPORT_FORMAT.to_owned(),
            learner: name.to_owned(),
            app_version: "0.1.0".to_owned(),
            pack: "lessons".to_owned(),
            pack_version: "abc123".to_owned(),
            exported_at: "2026-12-04T14:00:00Z".to_owned(),
            lessons,
        }
    }

    #[test]
    fn the_class_table_has_a_row_per_learner_sorted_and_quotes_what_csv_needs() {
        let reports = [
            learner(
                "Zoë",
                vec![lesson("a", "quiz passed", 4, 4), lesson("b", "read", 0, 0)],
            ),
            learner("Ada, L.", vec![lesson("a", "read", 2, 4)]),
        ];
        let csv = class_csv(&reports);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "learner,pack,pack_version,exported_at,lessons_read,quizzes_passed,exercises_passed,a,b"
        );
        assert_eq!(
            lines[1],
            "\"Ada, L.\",lessons,abc123,2026-12-04T14:00:00Z,1,0,0/0,read (2/4 right),"
        );
        assert_eq!(
            lines[2],
            "Zoë,lessons,abc123,2026-12-04T14:00:00Z,2,1,0/0,quiz passed (4/4 right),read"
        );
    }

    #[test]
    fn other_files_are_refused_by_name() {
        let error = read_report("notes.json", "{}").unwrap_err().to_string();
        assert!(
            error.starts_with("notes.json is not a Lambda Lab progress report"),
            "{error}"
        );
        let mut other = learner("x", Vec::new());
        other.format = "lambda-lab-progress/9".to_owned();
        let text = serde_json::to_string(&other).unwrap();
        let error = read_report("x.json", &text).unwrap_err().to_string();
        assert!(error.contains("lambda-lab-progress/9"), "{error}");
        let text = serde_json::to_string(&learner("y", Vec::new())).unwrap();
        assert_eq!(read_report("y.json", &text).unwrap().learner, "y");
    }
}
