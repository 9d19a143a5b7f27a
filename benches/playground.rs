//! The Playground with a 6 MB event (the synchronous limit) open in the event editor: how
//! long a frame takes while it is shown. Target: under 16 ms (issue 4).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use lambda_lab::app::{AppConfig, LambdaLabApp};
use lambda_lab::content::locate::{LessonsLocation, LocationSource};
use lambda_lab::persist::StateStore;
use lambda_lab::state::{Page, State};

/// A valid API Gateway-like event padded with a 6 MB body, as a learner might paste.
fn six_mb_event() -> String {
    let body = "x".repeat(6 * 1024 * 1024 - 512);
    format!(
        "{{\n  \"version\": \"2.0\",\n  \"routeKey\": \"POST /upload\",\n  \"rawPath\": \"/upload\",\n  \"body\": \"{body}\",\n  \"isBase64Encoded\": false\n}}\n"
    )
}

fn harness(data_dir: &std::path::Path) -> Harness<'static, LambdaLabApp> {
    // The api handler's event as a previous run left it: 6 MB.
    std::fs::create_dir_all(data_dir.join("events")).unwrap_or_default();
    std::fs::write(data_dir.join("events/api.json"), six_mb_event()).unwrap_or_default();
    let mut state = State {
        page: Page::Playground,
        ..State::default()
    };
    state.playground.handler = "api".into();
    if let Err(error) = StateStore::in_dir(data_dir).save(&state) {
        panic!("state: {error}");
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = AppConfig {
        lessons: LessonsLocation {
            dir: manifest.join("lessons"),
            source: LocationSource::CommandLine,
        },
        data_dir: data_dir.to_path_buf(),
        start_page: Some(Page::Playground),
        start_lesson: None,
        start_playground: None,
        export_dir: None,
        exit_after_first_frame: None,
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| LambdaLabApp::new(&cc.egui_ctx, config));
    for _ in 0..3 {
        harness.step();
    }
    let length = harness.state().playground().event_text().len();
    assert!(
        length > 6_000_000,
        "the 6 MB event is open ({length} bytes)"
    );
    harness
}

fn six_mb_event_frames(c: &mut Criterion) {
    let data = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("temp dir: {error}"),
    };
    // The harness keeps the accessibility tree on (it needs it), as the app does only while a
    // screen reader is connected: this measures that worst case.
    let mut shown = harness(data.path());
    let mut group = c.benchmark_group("playground with a 6 MB event");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("one frame (nothing changes)", |b| b.iter(|| shown.step()));
    group.finish();
}

criterion_group!(benches, six_mb_event_frames);
criterion_main!(benches);
