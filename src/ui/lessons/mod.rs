//! The Lessons page: the lesson list with progress marks and search, and the lesson
//! itself rendered from markdown, with previous/next and a remembered scroll position.

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::command::AppCommand;
use crate::content::highlight::TOML_SYNTAX;
use crate::content::quiz::Segment;
use crate::content::tryit::{TryIt, TryTarget};
use crate::content::{Lesson, LessonBody, LessonPack, PackError};
use crate::state::{LessonListLayout, Progress, State};
use crate::ui::theme;
use crate::ui::widgets::error_panel::error_panel;
use crate::ui::widgets::quiz::QuizDrafts;

mod exercise_card;
mod list;
mod view;

pub use exercise_card::Solutions;

use view::*;

/// The markdown renderer's caches (syntect syntaxes and themes), which take longer to load
/// than the window takes to open, so they are built on a thread started early.
pub enum MarkdownCache {
    Loading(std::thread::JoinHandle<CommonMarkCache>),
    Ready(Box<CommonMarkCache>),
}

impl MarkdownCache {
    pub fn spawn() -> Self {
        let spawned = std::thread::Builder::new()
            .name("markdown-cache".into())
            .spawn(build_markdown_cache);
        match spawned {
            Ok(handle) => Self::Loading(handle),
            Err(error) => {
                log::warn!("no thread for the markdown cache ({error}); building it inline");
                Self::Ready(Box::new(build_markdown_cache()))
            }
        }
    }

    /// The cache, waiting for the loading thread if it is not done yet.
    fn get(&mut self) -> &mut CommonMarkCache {
        if let Self::Loading(_) = self {
            let Self::Loading(handle) = std::mem::replace(self, Self::Ready(Box::default())) else {
                unreachable!("checked above")
            };
            match handle.join() {
                Ok(cache) => *self = Self::Ready(Box::new(cache)),
                Err(_) => log::error!("building the markdown cache panicked; using a plain one"),
            }
        }
        match self {
            Self::Ready(cache) => cache,
            Self::Loading(_) => unreachable!("replaced above"),
        }
    }
}

fn build_markdown_cache() -> CommonMarkCache {
    let mut markdown = CommonMarkCache::default();
    if let Err(error) = markdown.add_syntax_from_str(TOML_SYNTAX, Some("TOML")) {
        log::error!("bundled TOML grammar is invalid: {error}");
    }
    markdown
}

/// Live, unsaved parts of the page: the search text and the markdown renderer's caches.
pub struct LessonsPage {
    search: String,
    markdown: MarkdownCache,
    quiz: QuizDrafts,
    /// "Reset progress" asks once more before forgetting everything.
    confirm_reset: bool,
    /// "Start over for the next student" asks once more.
    confirm_start_over: bool,
    /// "Export my progress" asks the learner's name the first time: what is typed so far.
    name_draft: Option<String>,
    /// The lesson whose scroll position was last restored; a change restores the next one.
    shown_lesson: Option<String>,
    /// A saved offset still being restored: images load after the first frame, and until
    /// they do the lesson is too short to scroll that far.
    restoring: Option<Restore>,
    /// Exercise solutions the learner asked to see, read on the file thread.
    pub solutions: Solutions,
    /// `--teacher`: solutions are offered before the exercise is passed.
    teacher: bool,
}

impl LessonsPage {
    pub fn new(markdown: MarkdownCache, teacher: bool) -> Self {
        Self {
            search: String::new(),
            markdown,
            quiz: QuizDrafts::default(),
            confirm_reset: false,
            name_draft: None,
            confirm_start_over: false,
            shown_lesson: None,
            restoring: None,
            solutions: Solutions::new(),
            teacher,
        }
    }

    /// Drops rendered state after the lesson files were read again.
    pub fn forget_rendered(&mut self) {
        self.markdown.get().clear_viewers();
        self.shown_lesson = None;
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &State,
        pack: &Result<LessonPack, PackError>,
        samples: &crate::content::Samples,
        commands: &mut Vec<AppCommand>,
    ) {
        let pack = match pack {
            Ok(pack) => pack,
            Err(error) => {
                show_pack_error(ui, error, commands);
                return;
            }
        };
        let current = state
            .lesson_id
            .as_deref()
            .and_then(|id| pack.position(id))
            .unwrap_or(0);

        self.lesson_list_panel(ui, state, pack, current, commands);

        egui::CentralPanel::default().show(ui, |ui| match pack.lessons.get(current) {
            Some(_) => self.lesson_view(ui, state, pack, samples, current, commands),
            None => {
                list::list_toggle(ui, state, commands);
                ui.heading("This lesson pack is empty");
                ui.label(format!(
                    "{} lists no lessons. Add [[lesson]] entries (see the README, \"Lesson packs\").",
                    pack.dir.join("index.toml").display()
                ));
            }
        });
    }
}
