//! `lambda-lab course new DIR`: writes a small working course pack for an author to start
//! from: a lesson with a Try it, an exercise and a quiz, the pack's own handler, event,
//! starter and solution. It passes `lessons check` and `exercises check --solutions`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::embedded::COURSE_TEMPLATE;

#[derive(Debug, clap::Args)]
pub struct CourseArgs {
    #[command(subcommand)]
    pub action: CourseAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum CourseAction {
    /// Write a new course pack into DIR (which must not exist, or be empty).
    New { dir: PathBuf },
}

/// The exit code: 0 written, 2 the folder is not empty or cannot be written.
pub fn run(args: &CourseArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let CourseAction::New { dir } = &args.action;
    match write_pack(dir) {
        Ok(()) => {
            let shown = dir.display();
            let _ = writeln!(out, "Wrote a course pack into {shown}:");
            for file in files() {
                let _ = writeln!(out, "  {}", file.display());
            }
            let _ = writeln!(
                out,
                "Next:\n  lambda-lab lessons check {shown}\n  lambda-lab exercises check {shown} --solutions\n  lambda-lab --lessons {shown}"
            );
            0
        }
        Err(message) => {
            let _ = writeln!(err, "lambda-lab course new: {message}");
            2
        }
    }
}

/// The template's files, relative to the pack folder.
fn files() -> Vec<PathBuf> {
    fn walk(dir: &include_dir::Dir<'_>, files: &mut Vec<PathBuf>) {
        files.extend(dir.files().map(|file| file.path().to_path_buf()));
        for sub in dir.dirs() {
            walk(sub, files);
        }
    }
    let mut files = Vec::new();
    walk(&COURSE_TEMPLATE, &mut files);
    files.sort();
    files
}

/// Writes the template into `dir`; never over files that are already there.
pub fn write_pack(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|error| format!("{} cannot be read: {error}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{} is not empty; give a new folder (nothing was written)",
                dir.display()
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .and_then(|()| COURSE_TEMPLATE.extract(dir))
        .map_err(|error| format!("cannot write into {}: {error}", dir.display()))
}
