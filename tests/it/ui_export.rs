//! "Export for AWS…" in the Playground: the function as a SAM project, with the trigger its
//! event comes from, written where the app saves exports.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use crate::common::{app, config, playground_setup, settle, shipped_lessons};

#[test]
fn the_playgrounds_function_is_exported_with_the_trigger_of_its_event() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut config = config(&shipped_lessons(), data.path());
    config.start_playground = Some(playground_setup("sqs-batch"));
    config.start_page = Some(lambda_lab::state::Page::Playground);
    config.export_dir = Some(exports.path().to_path_buf());
    let mut harness = app(config);
    harness
        .get_by_role_and_label(Role::Button, "Export for AWS…")
        .click();
    harness.step();
    settle(&mut harness);
    let folder = exports.path().join("sqs-batch-aws");
    for file in ["function.zip", "template.yaml", "event.json", "README.md"] {
        assert!(folder.join(file).is_file(), "{file} missing");
    }
    let template = std::fs::read_to_string(folder.join("template.yaml")).unwrap();
    assert!(template.contains("Type: SQS"), "{template}");
    assert!(template.contains("ReportBatchItemFailures"), "{template}");
    assert!(
        template.contains("Handler: sqs-batch.handler"),
        "{template}"
    );
    let status = harness
        .state()
        .status()
        .current()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(status.contains("Exported for AWS into"), "{status}");
    assert!(status.contains("an SQS queue"), "{status}");
}
