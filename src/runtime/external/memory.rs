//! Resident memory of a runtime process and its children, read from /proc: Lambda's
//! "Max Memory Used" is the peak of the whole environment, and going over the memory size
//! ends it.

use std::path::PathBuf;

/// Reads one `kB` field of /proc/PID/status, in bytes.
fn status_field_bytes(pid: u32, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|line| line.starts_with(field))?;
    let kilobytes: u64 = line
        .trim_start_matches(field)
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}

/// The direct children of `pid` (all its threads' children).
fn children(pid: u32) -> Vec<u32> {
    let tasks = PathBuf::from(format!("/proc/{pid}/task"));
    let Ok(entries) = std::fs::read_dir(tasks) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|text| {
            text.split_whitespace()
                .filter_map(|pid| pid.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// Peak resident bytes of the tree under `root`: the kernel's high-water mark of each
/// process (VmHWM, which also sees peaks between two readings), summed.
pub fn peak_tree_bytes(root: u32) -> u64 {
    let mut total = 0;
    let mut stack = vec![root];
    // A runtime rarely has more than a few children; the bound keeps a fork bomb from
    // making this loop the app's problem.
    let mut visited = 0;
    while let Some(pid) = stack.pop() {
        visited += 1;
        if visited > 256 {
            break;
        }
        total += status_field_bytes(pid, "VmHWM:").unwrap_or(0);
        stack.extend(children(pid));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_a_peak() {
        let peak = peak_tree_bytes(std::process::id());
        assert!(peak > 1024 * 1024, "{peak}");
    }
}
