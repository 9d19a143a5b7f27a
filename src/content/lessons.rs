//! A lesson pack: `index.toml` (order and metadata) plus one markdown file per lesson.
//!
//! Loading never fails as a whole because of one lesson: a missing or unreadable lesson file
//! becomes a [`LessonBody::Broken`] so the viewer can show an error panel for it while the
//! other lessons keep working. Only an unusable `index.toml` fails the pack.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::manifest::{self, Manifest, ManifestError};
use super::quiz::{Quiz, Segment, split_segments};

pub use super::manifest::INDEX_FILE;

/// How hard a lesson is; shown in the lesson list.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Self::Beginner => "beginner",
            Self::Intermediate => "intermediate",
            Self::Advanced => "advanced",
        }
    }
}

/// One `[[lesson]]` entry of `index.toml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    /// Stable identifier used by `--lesson ID`, progress records and links.
    pub id: String,
    pub title: String,
    /// Markdown file, relative to the pack folder.
    pub file: String,
    /// One line shown under the title in the lesson list.
    pub summary: String,
    pub level: Level,
    /// Estimated reading time.
    pub minutes: u32,
}

/// The parsed `index.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub format_version: u32,
    #[serde(default, rename = "lesson")]
    pub lessons: Vec<LessonMeta>,
}

impl Manifest for Index {
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// Why the pack as a whole could not be loaded: its manifest is unusable.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct PackError(#[from] pub ManifestError);

impl PackError {
    /// The file the error is about, so error panels can name it.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// What the user can do about it, in one sentence.
    pub fn fix(&self) -> &'static str {
        match self.0 {
            ManifestError::Unreadable { .. } => {
                "Create index.toml in the lesson folder (format_version = 1 and one [[lesson]] table \
                 per lesson, see the README), or point --lessons at the right folder."
            }
            ManifestError::Invalid { .. } => {
                "Correct the TOML at the position shown; every [[lesson]] needs id, title, file, \
                 summary, level (beginner, intermediate or advanced) and minutes."
            }
            ManifestError::UnsupportedVersion { .. } => {
                "Set format_version = 1, or update Lambda Lab to a version that reads this pack."
            }
        }
    }
}

/// The markdown of one lesson, or why it could not be read.
#[derive(Clone, Debug)]
pub enum LessonBody {
    Ready {
        markdown: String,
        /// The markdown cut at its quiz blocks, ready to render.
        segments: Vec<Segment>,
        /// Lower-cased title, summary and text, for the search box.
        search_text: String,
    },
    Broken {
        problem: String,
        fix: String,
    },
}

/// A lesson as the viewer uses it.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub meta: LessonMeta,
    /// Absolute (or pack-relative when the pack path is relative) path of the markdown file.
    pub path: PathBuf,
    pub body: LessonBody,
}

impl Lesson {
    /// Does the lesson mention every word of `query` (case-insensitive)?
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let owned;
        let haystack = match &self.body {
            LessonBody::Ready { search_text, .. } => search_text.as_str(),
            LessonBody::Broken { .. } => {
                owned = format!("{} {}", self.meta.title, self.meta.summary).to_lowercase();
                owned.as_str()
            }
        };
        query.split_whitespace().all(|word| haystack.contains(word))
    }

    /// The lesson's quiz, when it has a valid one.
    pub fn quiz(&self) -> Option<&Quiz> {
        match &self.body {
            LessonBody::Ready { segments, .. } => {
                segments.iter().find_map(|segment| match segment {
                    Segment::Quiz(Ok(quiz)) => Some(quiz),
                    _ => None,
                })
            }
            LessonBody::Broken { .. } => None,
        }
    }

    /// The lesson's exercises that parse.
    pub fn exercises(&self) -> impl Iterator<Item = &super::exercise::Exercise> {
        let segments = match &self.body {
            LessonBody::Ready { segments, .. } => segments.as_slice(),
            LessonBody::Broken { .. } => &[],
        };
        segments.iter().filter_map(|segment| match segment {
            Segment::Exercise(Ok(exercise)) => Some(exercise),
            _ => None,
        })
    }

    /// The folder that relative image links in this lesson are resolved against.
    pub fn folder(&self) -> &Path {
        self.path.parent().unwrap_or_else(|| Path::new("."))
    }
}

/// A loaded lesson pack.
#[derive(Clone, Debug)]
pub struct LessonPack {
    pub dir: PathBuf,
    pub lessons: Vec<Lesson>,
}

impl LessonPack {
    /// Reads `dir/index.toml` and every lesson it lists.
    pub fn load(dir: &Path) -> Result<Self, PackError> {
        let index = read_index(dir)?;
        let lessons = index
            .lessons
            .into_iter()
            .map(|meta| {
                let path = dir.join(&meta.file);
                let body = read_body(&path, &meta);
                Lesson { meta, path, body }
            })
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            lessons,
        })
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.lessons.iter().position(|lesson| lesson.meta.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|lesson| lesson.meta.id == id)
    }
}

/// Reads and parses `dir/index.toml`, checking its format version.
pub fn read_index(dir: &Path) -> Result<Index, PackError> {
    Ok(manifest::read(dir, "lesson index")?)
}

fn read_body(path: &Path, meta: &LessonMeta) -> LessonBody {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(markdown) => {
                let search_text =
                    format!("{}\n{}\n{}", meta.title, meta.summary, markdown).to_lowercase();
                let segments = split_segments(&markdown)
                    .into_iter()
                    .map(|(segment, _line)| segment)
                    .collect();
                LessonBody::Ready {
                    markdown,
                    segments,
                    search_text,
                }
            }
            Err(error) => LessonBody::Broken {
                problem: format!("the file is not UTF-8 text ({error})"),
                fix: "Save the file as UTF-8 in your editor.".to_owned(),
            },
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => LessonBody::Broken {
            problem: format!(
                "the file is listed in index.toml (lesson '{}') but does not exist",
                meta.id
            ),
            fix: format!(
                "Create {} or correct `file` for lesson '{}' in index.toml.",
                meta.file, meta.id
            ),
        },
        Err(error) => LessonBody::Broken {
            problem: format!("the file cannot be read ({error})"),
            fix: "Check the file's permissions.".to_owned(),
        },
    }
}
