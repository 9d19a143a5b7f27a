//! `lambda-lab lessons check`: validates a lesson pack and prints one line per problem.

use std::io::Write;
use std::path::Path;

use crate::content;

/// Runs `lessons check` on `dir`, writes one line per problem and a summary to `out`, and
/// returns the process exit code: 0 when clean, 1 when not.
pub fn check_report(dir: &Path, out: &mut dyn Write) -> u8 {
    let problems = content::check_pack(dir);
    // A closed pipe (e.g. `| head`) must not turn a clean pack into a crash.
    for problem in &problems {
        let _ = writeln!(out, "{problem}");
    }
    if problems.is_empty() {
        let count = content::lessons::read_index(dir)
            .map(|index| index.lessons.len())
            .unwrap_or_default();
        let _ = writeln!(out, "{}: {count} lessons, no problems", dir.display());
        0
    } else {
        let _ = writeln!(
            out,
            "{}: {} problem{} found",
            dir.display(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        1
    }
}
