//! The Playground with a 6 MB event (the synchronous limit) open in the event editor: how
//! long a frame takes while it is shown, and a frame in which one key is typed into it.
//! Target: under 16 ms (issue 4). The app runs on a bare `egui::Context`, as in the window
//! when no screen reader is connected (no accessibility tree); each frame is laid out and
//! tessellated, which is everything but the GPU upload and draw.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use lambda_lab::app::{AppConfig, LambdaLabApp};
use lambda_lab::content::locate::{LessonsLocation, LocationSource};
use lambda_lab::persist::StateStore;
use lambda_lab::state::{Page, State};

const SIX_MB: usize = 6 * 1024 * 1024;

/// An HTTP API event whose body is one 6 MB string, as a pasted upload would be.
fn one_long_line() -> String {
    let body = "x".repeat(SIX_MB - 512);
    format!(
        "{{\n  \"version\": \"2.0\",\n  \"routeKey\": \"POST /upload\",\n  \"rawPath\": \"/upload\",\n  \"body\": \"{body}\",\n  \"isBase64Encoded\": false\n}}\n"
    )
}

/// A pretty-printed Kinesis batch of small records: 6 MB in about 100,000 short lines.
fn many_short_lines() -> String {
    let mut records = Vec::new();
    let mut size = 0;
    let mut n = 0;
    while size < SIX_MB - 2_000 {
        let record = format!(
            "    {{\n      \"kinesis\": {{\n        \"partitionKey\": \"device-{n}\",\n        \"sequenceNumber\": \"4959033{n:030}\",\n        \"data\": \"eyJ0ZW1wZXJhdHVyZSI6IDIxLjV9\"\n      }},\n      \"eventSource\": \"aws:kinesis\"\n    }}"
        );
        size += record.len() + 2;
        records.push(record);
        n += 1;
    }
    format!("{{\n  \"Records\": [\n{}\n  ]\n}}\n", records.join(",\n"))
}

/// The app on a bare context, 1280×800, on the Playground with `event` open.
struct Window {
    ctx: egui::Context,
    app: LambdaLabApp,
    _data: tempfile::TempDir,
}

impl Window {
    fn new(event: &str) -> Self {
        let data = tempfile::tempdir().unwrap_or_else(|error| panic!("temp dir: {error}"));
        // The api handler's event as a previous run left it.
        let events = data.path().join("events");
        std::fs::create_dir_all(&events).unwrap_or_else(|error| panic!("{error}"));
        std::fs::write(events.join("api.json"), event).unwrap_or_else(|error| panic!("{error}"));
        let mut state = State {
            page: Page::Playground,
            ..State::default()
        };
        state.playground.handler = "api".into();
        StateStore::in_dir(data.path())
            .save(&state)
            .unwrap_or_else(|error| panic!("state: {error}"));
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = AppConfig {
            lessons: LessonsLocation {
                dir: manifest.join("lessons"),
                source: LocationSource::CommandLine,
            },
            data_dir: data.path().to_path_buf(),
            start_page: Some(Page::Playground),
            start_lesson: None,
            start_playground: None,
            invoke_at_start: false,
            presenter: false,
            teacher: false,
            export_dir: None,
            exit_after_first_frame: None,
        };
        let ctx = egui::Context::default();
        let app = LambdaLabApp::new(&ctx, config);
        let mut window = Self {
            ctx,
            app,
            _data: data,
        };
        // The app reads the event file and checks the event off the UI thread: draw frames
        // until it has (bounded, so a broken build fails instead of hanging).
        for _ in 0..2_000 {
            window.frame(Vec::new());
            if !window.app.is_busy() && !window.app.playground().event_text().is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let length = window.app.playground().event_text().len();
        assert!(
            length >= SIX_MB - 4096,
            "the 6 MB event is open ({length} bytes)"
        );
        window
    }

    /// One frame with these input events: layout, then tessellation.
    fn frame(&mut self, events: Vec<egui::Event>) -> usize {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            events,
            ..egui::RawInput::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    }

    /// Gives the event editor the keyboard, as a click into it would.
    fn focus_event_editor(&mut self) {
        self.ctx
            .memory_mut(|memory| memory.request_focus(egui::Id::unique("event_editor")));
        self.frame(Vec::new());
    }
}

fn six_mb_event_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("playground with a 6 MB event");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    for (name, event) in [
        ("one long line", one_long_line()),
        ("100k short lines", many_short_lines()),
    ] {
        let mut window = Window::new(&event);
        group.bench_function(format!("{name}: a frame, nothing changes"), |b| {
            b.iter(|| black_box(window.frame(Vec::new())));
        });
        window.focus_event_editor();
        let before = window.app.playground().event_text().len();
        group.bench_function(format!("{name}: a frame typing one key"), |b| {
            b.iter(|| black_box(window.frame(vec![egui::Event::Text(" ".into())])));
        });
        let after = window.app.playground().event_text().len();
        assert!(
            after > before,
            "the keys reached the event ({before} → {after} bytes)"
        );
    }
    group.finish();
}

criterion_group!(benches, six_mb_event_frames);
criterion_main!(benches);
