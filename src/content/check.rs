//! `lambda-lab lessons check`: validates a lesson pack without a window and says, for each
//! problem, which file it is in and how to fix it. The same checks run as a test over the
//! shipped lessons, so a broken pack never reaches a classroom.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag};

use super::exercise::EXERCISE_TAG;
use super::highlight;
use super::lessons::{INDEX_FILE, LessonMeta, PackError, read_index};
use super::locate::locate_app_dir;
use super::quiz::{QUIZ_TAG, Segment, split_segments};
use super::tryit::{TRYIT_TAG, TryTarget};
use super::{events, handlers, layers};
use crate::model::limits::MAX_LAYERS;

/// One thing wrong with a pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub problem: String,
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}. Fix: {}",
            self.file.display(),
            self.problem,
            self.fix
        )
    }
}

impl Problem {
    pub(super) fn new(
        file: impl Into<PathBuf>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}

/// Checks the pack in `dir`; an empty list means it is clean.
pub fn check_pack(dir: &Path) -> Vec<Problem> {
    let index = match read_index(dir) {
        Ok(index) => index,
        Err(error) => return vec![pack_problem(&error)],
    };
    let index_path = dir.join(INDEX_FILE);
    let mut problems = Vec::new();
    if index.lessons.is_empty() {
        problems.push(Problem::new(
            &index_path,
            "the index lists no lessons",
            "add one [[lesson]] table per lesson (see the README, \"Lesson packs\")",
        ));
    }
    check_entries(&index_path, &index.lessons, &mut problems);

    let syntaxes = highlight::syntax_set();
    let catalog = Catalog::load(dir, &mut problems);
    let mut listed = BTreeSet::new();
    let mut exercise_ids = BTreeMap::new();
    for meta in &index.lessons {
        let path = dir.join(&meta.file);
        listed.insert(normalise(&path));
        match std::fs::read_to_string(&path) {
            Ok(markdown) => {
                check_markdown(&path, meta, &markdown, &syntaxes, &catalog, &mut problems);
                super::exercise_check::check_exercises(
                    &path,
                    &markdown,
                    &catalog,
                    &mut exercise_ids,
                    &mut problems,
                );
            }
            Err(error) => problems.push(Problem::new(
                &path,
                format!("lesson '{}' cannot be read ({error})", meta.id),
                format!(
                    "create the file, or correct `file = \"{}\"` in {INDEX_FILE}",
                    meta.file
                ),
            )),
        }
    }
    find_orphans(dir, &listed, &mut problems);
    problems
}

fn pack_problem(error: &PackError) -> Problem {
    let problem = error.to_string();
    // The Display text starts with the path; the Problem prints it separately.
    let prefix = format!("{}: ", error.path().display());
    let problem = problem.strip_prefix(&prefix).unwrap_or(&problem).to_owned();
    Problem::new(error.path(), problem, lowercase_first(error.fix()))
}

fn check_entries(index_path: &Path, lessons: &[LessonMeta], problems: &mut Vec<Problem>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut files_seen: HashMap<&str, &str> = HashMap::new();
    for (number, meta) in lessons.iter().enumerate() {
        let number = number + 1;
        if let Some(first) = first_seen.insert(meta.id.as_str(), number) {
            problems.push(Problem::new(
                index_path,
                format!(
                    "lesson id '{}' is used by entries {first} and {number}",
                    meta.id
                ),
                "give every lesson its own id",
            ));
        }
        if !is_valid_id(&meta.id) {
            problems.push(Problem::new(
                index_path,
                format!("lesson id '{}' (entry {number}) is not a valid id", meta.id),
                "use lower-case letters, digits and hyphens only, e.g. \"cold-starts\"",
            ));
        }
        if let Some(other) = files_seen.insert(meta.file.as_str(), meta.id.as_str()) {
            problems.push(Problem::new(
                index_path,
                format!(
                    "lessons '{other}' and '{}' both use the file {}",
                    meta.id, meta.file
                ),
                "give every lesson its own markdown file",
            ));
        }
        if meta.title.trim().is_empty() || meta.summary.trim().is_empty() {
            problems.push(Problem::new(
                index_path,
                format!("lesson '{}' has an empty title or summary", meta.id),
                "write a title and a one-line summary",
            ));
        }
        if meta.minutes == 0 {
            problems.push(Problem::new(
                index_path,
                format!("lesson '{}' has minutes = 0", meta.id),
                "set minutes to the estimated reading time (1 or more)",
            ));
        }
        if !meta.file.ends_with(".md") {
            problems.push(Problem::new(
                index_path,
                format!(
                    "lesson '{}' points at {}, not a .md file",
                    meta.id, meta.file
                ),
                "lessons are markdown files ending in .md",
            ));
        }
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_markdown(
    path: &Path,
    meta: &LessonMeta,
    markdown: &str,
    syntaxes: &syntect::parsing::SyntaxSet,
    catalog: &Catalog,
    problems: &mut Vec<Problem>,
) {
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let mut first_heading: Option<(HeadingLevel, String)> = None;
    let mut in_first_heading = false;
    let options =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let line = markdown[..range.start].lines().count().max(1);
        match event {
            Event::Start(Tag::Heading { level, .. }) if first_heading.is_none() => {
                first_heading = Some((level, String::new()));
                in_first_heading = true;
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => in_first_heading = false,
            Event::Text(text) | Event::Code(text) if in_first_heading => {
                if let Some((_, heading)) = first_heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                check_image(path, folder, line, &dest_url, problems);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if highlight::fence_language(&info) != QUIZ_TAG
                    && highlight::fence_language(&info) != TRYIT_TAG
                    && highlight::fence_language(&info) != EXERCISE_TAG
                    && !highlight::is_known_language(syntaxes, &info) =>
            {
                problems.push(Problem::new(
                    path,
                    format!(
                        "line {line}: code block language '{}' has no highlighting",
                        highlight::fence_language(&info)
                    ),
                    "use javascript, python, json, bash, yaml, toml, rust or text",
                ));
            }
            _ => {}
        }
    }
    check_quizzes(path, markdown, problems);
    check_tryits(path, markdown, catalog, problems);
    match first_heading {
        Some((HeadingLevel::H1, heading)) if heading.trim() == meta.title.trim() => {}
        Some((HeadingLevel::H1, heading)) => problems.push(Problem::new(
            path,
            format!(
                "the first heading \"{}\" differs from the title \"{}\" in {INDEX_FILE}",
                heading.trim(),
                meta.title
            ),
            "make the `# ` heading and the index title the same",
        )),
        _ => problems.push(Problem::new(
            path,
            "the lesson does not start with a `# Title` heading",
            format!("put `# {}` on the first line", meta.title),
        )),
    }
}

fn check_quizzes(path: &Path, markdown: &str, problems: &mut Vec<Problem>) {
    let quizzes: Vec<(Result<(), String>, usize)> = split_segments(markdown)
        .into_iter()
        .filter_map(|(segment, line)| match segment {
            Segment::Quiz(quiz) => Some((quiz.map(|_| ()), line)),
            Segment::Markdown(_) | Segment::Code(_) | Segment::TryIt(_) | Segment::Exercise(_) => {
                None
            }
        })
        .collect();
    for (quiz, line) in &quizzes {
        if let Err(problem) = quiz {
            problems.push(Problem::new(
                path,
                format!("line {line}: {problem}"),
                "correct the quiz block (format: README, \"Quizzes\")",
            ));
        }
    }
    if let [_, (_, second), ..] = quizzes.as_slice() {
        problems.push(Problem::new(
            path,
            format!("line {second}: a second quiz block; a lesson has one quiz"),
            "move all [[question]] tables into the first ```quiz block",
        ));
    }
}

/// The handlers, events and layers a pack's Try its and exercises may name: the shipped
/// samples, and the pack's own `handlers/`, `starter/` and `events/`.
pub(super) struct Catalog {
    pub(super) handlers: Option<handlers::SampleHandlers>,
    pub(super) events: Option<events::SampleEvents>,
    pub(super) layers: layers::SampleLayers,
    pub(super) pack_dir: PathBuf,
}

impl Catalog {
    fn load(pack_dir: &Path, problems: &mut Vec<Problem>) -> Self {
        let mut handlers = handlers::load(&locate_app_dir("assets/handlers")).ok();
        let mut events = events::load(&locate_app_dir("sample-events")).ok();
        if let Some(Err(error)) = handlers.as_mut().map(|h| h.add_pack(pack_dir)) {
            problems.push(Problem::new(
                error.path(),
                error.to_string(),
                "correct the pack's handler index (the format of assets/handlers/index.toml)",
            ));
        }
        for handler in handlers
            .iter()
            .flat_map(|h| h.handlers.iter().map(move |one| (h, one)))
        {
            let (all, handler) = handler;
            if let Some(root) = &handler.root
                && !all.path_of(handler).is_file()
            {
                problems.push(Problem::new(
                    root.join("index.toml"),
                    format!(
                        "handler \"{}\": its file {} does not exist",
                        handler.name, handler.file
                    ),
                    format!("add the file to {}, or correct `file`", root.display()),
                ));
            }
        }
        if let Some(Err(error)) = events.as_mut().map(|e| e.add_pack(pack_dir)) {
            problems.push(Problem::new(
                pack_dir.join("events/index.toml"),
                error.to_string(),
                "correct the pack's event index (the format of sample-events/index.toml)",
            ));
        }
        Self {
            handlers,
            events,
            layers: layers::load(&locate_app_dir("assets/layers")),
            pack_dir: pack_dir.to_path_buf(),
        }
    }
}

/// Every lesson proves at least one idea: each needs a valid ```tryit block whose handler,
/// event and experiment exist in the shipped samples or the pack's own.
fn check_tryits(path: &Path, markdown: &str, catalog: &Catalog, problems: &mut Vec<Problem>) {
    let Catalog {
        handlers,
        events,
        layers,
        ..
    } = catalog;
    let mut count = 0;
    for (segment, line) in split_segments(markdown) {
        let Segment::TryIt(tryit) = segment else {
            continue;
        };
        count += 1;
        let fix = "correct the tryit block (format: README, \"Try it actions\")";
        let tryit = match tryit {
            Ok(tryit) => tryit,
            Err(problem) => {
                problems.push(Problem::new(path, format!("line {line}: {problem}"), fix));
                continue;
            }
        };
        let setup = match &tryit.target {
            TryTarget::Playground(setup) => setup,
            TryTarget::EventSources { handler, .. } => handler,
            TryTarget::ColdStarts(_) | TryTarget::Cost(_) => continue,
        };
        if let Some(handlers) = &handlers
            && handlers.get(&setup.handler).is_none()
        {
            let names: Vec<&str> = handlers.handlers.iter().map(|h| h.name.as_str()).collect();
            problems.push(Problem::new(
                path,
                format!(
                    "line {line}: handler \"{}\" is not a sample handler",
                    setup.handler
                ),
                format!("use one of {}", names.join(", ")),
            ));
        }
        if let Some(Err(unknown)) = setup.layers.as_ref().map(|names| layers.resolve(names)) {
            problems.push(Problem::new(
                path,
                format!(
                    "line {line}: layers {} are not shipped layers",
                    unknown.join(", ")
                ),
                format!(
                    "use folder names of assets/layers/: {}",
                    layers.names.join(", ")
                ),
            ));
        }
        if let Some(max) = setup
            .layers
            .as_ref()
            .filter(|names| names.len() > MAX_LAYERS)
        {
            problems.push(Problem::new(
                path,
                format!(
                    "line {line}: {} layers, more than Lambda's {MAX_LAYERS}",
                    max.len()
                ),
                format!("attach at most {MAX_LAYERS} layers"),
            ));
        }
        if let (Some(events), Some(event)) = (&events, &setup.event)
            && events.get(event).is_none()
        {
            problems.push(Problem::new(
                path,
                format!("line {line}: event \"{event}\" is not a sample event id"),
                "use an id from sample-events/index.toml, like \"s3/put\"",
            ));
        }
    }
    if count == 0 {
        problems.push(Problem::new(
            path,
            "the lesson has no Try it action",
            "add a ```tryit block that opens the Playground or the Cold starts page (README, \"Try it actions\")",
        ));
    }
}

fn check_image(path: &Path, folder: &Path, line: usize, url: &str, problems: &mut Vec<Problem>) {
    if url.contains("://") {
        if !url.starts_with("file://") {
            problems.push(Problem::new(
                path,
                format!("line {line}: image {url} is on the web, and Lambda Lab works offline"),
                "save the image in the pack's assets folder and link it with a relative path",
            ));
        }
        return;
    }
    let target = folder.join(url);
    if !target.is_file() {
        problems.push(Problem::new(
            path,
            format!(
                "line {line}: image {url} not found (looked for {})",
                target.display()
            ),
            "add the image file, or correct the path (relative to the lesson file)",
        ));
    }
}

fn find_orphans(dir: &Path, listed: &BTreeSet<PathBuf>, problems: &mut Vec<Problem>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut orphans: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| !listed.contains(&normalise(path)))
        .collect();
    orphans.sort();
    for path in orphans {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(Problem::new(
            &path,
            format!("{name} is not listed in {INDEX_FILE}, so no learner will see it"),
            format!("add a [[lesson]] entry with file = \"{name}\", or delete the file"),
        ));
    }
}

fn normalise(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
