//! A folder watched as an S3 bucket: a file created or changed in it is an `ObjectCreated:Put`
//! notification, a file deleted an `ObjectRemoved:Delete` one (`model::bucket` builds them),
//! filtered by prefix and suffix, and each is invoked asynchronously, as S3 invokes Lambda
//! (retried twice on a function error, then the on-failure destination). Files there when the
//! watch starts are not events, as a notification configuration only sees what comes after.
//!
//! The folder is scanned every half second rather than watched through the OS's file events:
//! a learner's folder is small, a scan behaves the same on every OS, and a file is reported
//! only once it has stopped changing between two scans, so a copy still being written is not
//! sent half-finished (an upload to S3 is one event when it completes).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::StopFlag;
use crate::model::bucket::{Change, Filter, Snapshot, bucket_name, changes, notification, scan};
use crate::runtime::pool::{AsyncInvocation, Pool};
use crate::runtime::record::now_ms;

/// How often the folder is scanned.
pub const SCAN_INTERVAL: Duration = Duration::from_millis(500);

/// One object event: the change, the notification and what the invoke did.
#[derive(Clone, Debug)]
pub struct ObjectEvent {
    pub change: Change,
    pub event_json: String,
    pub invocation: AsyncInvocation,
}

/// The folder, the bucket it stands for, and its filter.
#[derive(Clone, Debug)]
pub struct Watch {
    pub dir: PathBuf,
    pub bucket: String,
    pub filter: Filter,
}

impl Watch {
    /// A watch on `dir` with plain-text `prefix` and `suffix` filters (encoded as S3 expects
    /// filter values), or why the folder cannot be watched.
    pub fn new(dir: &Path, prefix: Option<&str>, suffix: Option<&str>) -> Result<Self, String> {
        if !dir.is_dir() {
            return Err(format!("{} is not a folder", dir.display()));
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            bucket: bucket_name(dir),
            filter: Filter::from_plain(
                prefix.filter(|p| !p.is_empty()),
                suffix.filter(|s| !s.is_empty()),
            ),
        })
    }
}

/// What is in the folder when the watch starts: none of it is an event. Take it before saying
/// the watch has started, so a file written right after that is one.
pub fn baseline(watch: &Watch) -> std::io::Result<Snapshot> {
    scan(&watch.dir)
}

/// Watches from `baseline` until `stop` is set, invoking the function for each change that
/// passes the filter; each goes to `on_event` as it happens. Returns how many events were
/// sent, or the error that ended the watch (the folder was removed or cannot be read).
pub fn run(
    pool: &mut Pool,
    watch: &Watch,
    baseline: Snapshot,
    stop: &StopFlag,
    on_event: &mut dyn FnMut(&ObjectEvent),
) -> std::io::Result<u32> {
    let mut previous = baseline.clone();
    let mut reported = baseline;
    // S3's sequencer orders events for one key; a counter from the start time does that.
    let mut sequencer = now_ms().saturating_mul(1_000);
    let mut sent = 0;
    loop {
        let mut waited = Duration::ZERO;
        while waited < SCAN_INTERVAL {
            if stop.is_set() {
                return Ok(sent);
            }
            std::thread::sleep(Duration::from_millis(50));
            waited += Duration::from_millis(50);
        }
        let current = scan(&watch.dir)?;
        let settled = settle(&reported, &previous, &current);
        for change in changes(&reported, &settled) {
            if !watch.filter.matches(change.key()) {
                continue;
            }
            sequencer += 1;
            let event_json = notification(&watch.bucket, &change, now_ms(), sequencer).to_string();
            let invocation = pool.invoke_event(&event_json);
            on_event(&ObjectEvent {
                change,
                event_json,
                invocation,
            });
            sent += 1;
        }
        reported = settled;
        previous = current;
    }
}

/// What the function should know of now: a removed file at once, a new or changed one only
/// when it looked the same in the last two scans.
fn settle(reported: &Snapshot, previous: &Snapshot, current: &Snapshot) -> Snapshot {
    let mut settled = Snapshot::default();
    for (key, info) in &current.objects {
        if previous.objects.get(key) == Some(info) {
            settled.objects.insert(key.clone(), info.clone());
        } else if let Some(known) = reported.objects.get(key) {
            settled.objects.insert(key.clone(), known.clone());
        }
    }
    settled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bucket::ObjectInfo;

    fn snapshot(objects: &[(&str, u64)]) -> Snapshot {
        Snapshot {
            objects: objects
                .iter()
                .map(|(key, size)| {
                    (
                        (*key).to_owned(),
                        ObjectInfo {
                            size: *size,
                            modified_ms: *size,
                            etag: format!("{size}"),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_file_still_growing_waits_and_a_removed_one_goes_at_once() {
        let reported = snapshot(&[("old.txt", 1)]);
        // new.jpg grew between the scans; old.txt is gone.
        let previous = snapshot(&[("old.txt", 1), ("new.jpg", 10)]);
        let current = snapshot(&[("new.jpg", 20)]);
        let settled = settle(&reported, &previous, &current);
        assert!(settled.objects.is_empty(), "{settled:?}");
        // One more scan with the same size: now it is reported.
        let settled = settle(&settled, &current, &current);
        assert_eq!(settled.objects.len(), 1);
        // A settled file that changes again keeps its old version until the change settles.
        let growing = snapshot(&[("new.jpg", 30)]);
        assert_eq!(settle(&settled, &current, &growing), settled);
    }
}
