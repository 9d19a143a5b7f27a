//! Lessons, quizzes, sample events and sample handlers, as data: no egui here.

pub mod check;
pub mod events;
pub mod handlers;
pub mod highlight;
pub mod lessons;
pub mod locate;
pub mod quiz;
pub mod shape;
pub mod tryit;

pub use check::{Problem, check_pack};
pub use lessons::{Lesson, LessonBody, LessonMeta, LessonPack, Level, PackError};
