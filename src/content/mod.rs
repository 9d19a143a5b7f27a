//! Lessons, quizzes, sample events and sample handlers, as data: no egui here.

pub mod check;
pub mod embedded;
pub mod events;
pub mod exercise;
mod exercise_check;
pub mod handlers;
pub mod highlight;
pub mod layers;
pub mod lessons;
pub mod locate;
pub mod manifest;
pub mod quiz;
pub mod shape;
pub mod tryit;

pub use check::{Problem, check_pack};
pub use lessons::{Lesson, LessonBody, LessonMeta, LessonPack, Level, PackError};

/// A parser's message on one line (TOML errors span several, with a caret under the column),
/// for block errors shown in a panel or printed by `lessons check`.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shipped sample handlers and events, loaded once when the app starts; a broken manifest
/// is kept as its message, which the Playground shows in place of the page.
#[derive(Debug)]
pub struct Samples {
    pub handlers: Result<handlers::SampleHandlers, String>,
    pub events: Result<events::SampleEvents, String>,
    pub layers: layers::SampleLayers,
}

impl Samples {
    /// The shipped samples and a lesson pack's own `handlers/` and `events/` (a pack's entry
    /// replaces a shipped one of the same name).
    pub fn load_with_pack(pack_dir: &std::path::Path) -> Self {
        let mut samples = Self::load();
        if let Ok(handlers) = &mut samples.handlers
            && let Err(error) = handlers.add_pack(pack_dir)
        {
            samples.handlers = Err(error.to_string());
        }
        if let Ok(events) = &mut samples.events
            && let Err(error) = events.add_pack(pack_dir)
        {
            samples.events = Err(error.to_string());
        }
        samples
    }

    /// Loads the manifests from the app's folders (see [`locate::locate_app_dir`]).
    pub fn load() -> Self {
        Self {
            handlers: handlers::load(&locate::locate_app_dir("assets/handlers"))
                .map_err(|e| e.to_string()),
            events: events::load(&locate::locate_app_dir("sample-events"))
                .map_err(|e| e.to_string()),
            layers: layers::load(&locate::locate_app_dir("assets/layers")),
        }
    }
}
