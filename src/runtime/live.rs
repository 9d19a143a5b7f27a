//! What a streaming invoke has written so far, for the window to show while it runs: the
//! watch of the single invoke in progress (the Playground's), shared across threads.

use std::sync::Arc;

use super::engine::InvokeWatch;
use super::record;

/// The environment of the invoke running one at a time (the Playground's), so the window can
/// show what a streaming handler has written while it still runs. One for the process: it
/// is for showing only, and the latest single invoke wins.
static LIVE: std::sync::Mutex<Option<Arc<InvokeWatch>>> = std::sync::Mutex::new(None);

/// What the running single invoke has streamed so far (empty when none streams).
pub fn live_stream() -> Vec<record::StreamChunk> {
    LIVE.lock()
        .ok()
        .and_then(|live| live.as_ref().map(Arc::clone))
        .and_then(|watch| watch.streamed.lock().ok().map(|chunks| chunks.clone()))
        .unwrap_or_default()
}

pub(super) fn set_live(watch: Option<Arc<InvokeWatch>>) {
    if let Ok(mut live) = LIVE.lock() {
        *live = watch;
    }
}
