//! Shared set-up for the integration tests: the real app on the shipped lessons, with a data
//! folder of the test's own (UI tests), and one invoke through a pool (runtime tests).

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use lambda_lab::app::{AppConfig, LambdaLabApp};
use lambda_lab::content::locate::{LessonsLocation, LocationSource};

pub fn shipped_lessons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

pub fn config(lessons: &Path, data_dir: &Path) -> AppConfig {
    AppConfig {
        lessons: LessonsLocation {
            dir: lessons.to_path_buf(),
            source: LocationSource::CommandLine,
        },
        data_dir: data_dir.to_path_buf(),
        start_page: None,
        start_lesson: None,
        start_playground: None,
        invoke_at_start: false,
        presenter: false,
        teacher: false,
        export_dir: None,
        exit_after_first_frame: None,
    }
}

/// The app at 1280×800, run until it settles.
pub fn app(config: AppConfig) -> Harness<'static, LambdaLabApp> {
    app_sized(config, [1280.0, 800.0])
}

/// The app at `size` (points), run until it settles.
pub fn app_sized(config: AppConfig, size: [f32; 2]) -> Harness<'static, LambdaLabApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        // Smooth scrolling animates for a few frames after each wheel event.
        .with_max_steps(64)
        .build_eframe(move |cc| LambdaLabApp::new(&cc.egui_ctx, config));
    settle(&mut harness);
    harness
}

/// Steps the app until its background work is done and drawn: files read and written, events
/// checked, invokes and simulations finished. Frames are interleaved with short sleeps, since
/// the work runs on other threads; the bound only stops a hung test (no timing is asserted).
pub fn settle(harness: &mut Harness<'_, LambdaLabApp>) {
    for _ in 0..3_000 {
        harness.step();
        if !harness.state().is_busy() {
            harness.run();
            if !harness.state().is_busy() {
                return;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the app never settled");
}

/// Whether any node's label or value (labels keep their text in the value) contains `needle`.
pub fn shows(harness: &Harness<'_, LambdaLabApp>, needle: &str) -> bool {
    use egui_kittest::kittest::Queryable;
    harness
        .query_all_by(|node: &egui_kittest::kittest::AccessKitNode<'_>| {
            node.value().is_some_and(|v| v.contains(needle))
                || node.label().is_some_and(|l| l.contains(needle))
        })
        .next()
        .is_some()
}

pub fn assert_shows(harness: &Harness<'_, LambdaLabApp>, needle: &str) {
    assert!(
        shows(harness, needle),
        "the window does not show {needle:?}"
    );
}

/// Invokes `pool` once with `event` and returns the record.
pub fn once(
    pool: &mut lambda_lab::runtime::pool::Pool,
    event: &str,
) -> lambda_lab::runtime::record::InvocationRecord {
    pool.invoke_batch(&[event.to_owned()]).remove(0)
}

/// The record's error type, or "" when it succeeded.
pub fn error_type(record: &lambda_lab::runtime::record::InvocationRecord) -> &str {
    record.error.as_ref().map_or("", |e| e.error_type.as_str())
}

/// The app opened on `lesson` of the shipped course, with a data folder of the test's own.
pub fn lesson_app(data_dir: &Path, lesson: &str) -> Harness<'static, LambdaLabApp> {
    let mut config = config(&shipped_lessons(), data_dir);
    config.start_lesson = Some(lesson.into());
    config.start_page = Some(lambda_lab::state::Page::Lessons);
    app(config)
}

/// Clicks the lesson's Try it button labelled `label` ("▶ Try it: …" is added) and lets the
/// app act on it; an invoke it starts may still be running.
pub fn click_try_it(harness: &mut Harness<'_, LambdaLabApp>, label: &str) {
    click_button(harness, &format!("▶ Try it: {label}"));
}

/// Scrolls to the button labelled `label`, clicks it and lets the app take the command.
pub fn click_button(harness: &mut Harness<'_, LambdaLabApp>, label: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    harness
        .get_by_role_and_label(Role::Button, label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.step();
    harness.step();
}

/// Steps until the invoker has finished; the bound only stops a hung test.
pub fn wait_for_invokes(harness: &mut Harness<'_, LambdaLabApp>) {
    for _ in 0..3_000 {
        harness.step();
        if !harness.state().is_invoking() {
            settle(harness);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the invoke never finished");
}

/// A Playground set-up for `handler` as a plain start: one synchronous invoke, the handler's
/// own event and settings.
pub fn playground_setup(handler: &str) -> lambda_lab::content::tryit::PlaygroundSetup {
    lambda_lab::content::tryit::PlaygroundSetup {
        handler: handler.into(),
        event: None,
        repeat: 1,
        concurrency: 1,
        memory_mb: None,
        timeout_secs: None,
        invocation_type: lambda_lab::model::lambda::InvocationType::RequestResponse,
        layers: None,
        runtime: None,
    }
}

/// Starts `lambda-lab ARGS` as a server (it must print its `http://127.0.0.1:PORT/…` banner
/// first on stderr); returns the child, its address and the rest of its stderr.
pub fn spawn_server(
    args: &[&std::ffi::OsStr],
) -> (
    std::process::Child,
    String,
    std::io::BufReader<std::process::ChildStderr>,
) {
    use std::io::BufRead;
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut stderr = std::io::BufReader::new(server.stderr.take().expect("stderr"));
    let mut banner = String::new();
    stderr.read_line(&mut banner).expect("banner");
    let address = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the address in the banner")
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{banner}");
    (server, address, stderr)
}
