//! Layers in the window: the layers lesson's Try its attach shipped layers, the Layers section
//! lists them in order with their sizes, reorders them (and the answer follows: a later layer's
//! file wins), shows the /opt the handler gets, and names a layer path that is not there.

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lambda_lab::app::LambdaLabApp;
use lambda_lab::state::Page;

use crate::common::{assert_shows, click_try_it, lesson_app, settle, wait_for_invokes};

fn last_version(harness: &Harness<'_, LambdaLabApp>) -> String {
    let record = harness.state().session().by_hand().last().unwrap().clone();
    record.response_value().unwrap()["formatVersion"]
        .as_str()
        .unwrap_or_else(|| panic!("{:#?}", record.logs))
        .to_owned()
}

fn layer_names(harness: &Harness<'_, LambdaLabApp>) -> Vec<String> {
    harness.state().state().playground.layers["bakery-order"]
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_layers_lesson_attaches_two_versions_and_reordering_them_changes_the_answer() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "layers");
    click_try_it(&mut harness, "Attach two versions: the later layer wins");
    wait_for_invokes(&mut harness);
    assert_eq!(harness.state().state().page, Page::Playground);
    assert_eq!(
        layer_names(&harness),
        ["bakery-helpers-2", "bakery-helpers-1"]
    );
    assert_eq!(
        last_version(&harness),
        "1.0.0",
        "the later layer, version 1, wins"
    );

    harness.get_by_label_contains("Layers (2 of 5)").click();
    settle(&mut harness);
    // The /opt tree is open from the start.
    assert_shows(&harness, "hides the copy in bakery-helpers-2");
    // Move bakery-helpers-1 up: now version 2 is extracted last, and answers.
    harness
        .get_all_by_role_and_label(Role::Button, "⏶")
        .nth(1)
        .unwrap()
        .click();
    settle(&mut harness);
    assert_eq!(
        layer_names(&harness),
        ["bakery-helpers-1", "bakery-helpers-2"]
    );
    harness
        .get_by_role_and_label(Role::Button, "▶ Invoke")
        .click();
    harness.step();
    wait_for_invokes(&mut harness);
    assert_eq!(last_version(&harness), "1.1.0");
    assert!(
        harness.state().session().by_hand().last().unwrap().cold,
        "a changed layer list is a new deployment: the next invoke starts cold"
    );
    assert_shows(&harness, "hides the copy in bakery-helpers-1");

    // A typed path that is not there is attached and named as the problem it is.
    let missing = data.path().join("nowhere.zip");
    let field = harness.get_by_role_and_label(Role::TextInput, "Layer path");
    field.focus();
    field.type_text(&missing.display().to_string());
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "Add").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().state().playground.layers["bakery-order"].last(),
        Some(&PathBuf::from(&missing))
    );
    assert_shows(&harness, "no folder or .zip file at");
}

#[test]
fn detaching_the_layer_fails_the_import_as_lambda_does() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = lesson_app(data.path(), "layers");
    click_try_it(&mut harness, "Detach the layer and invoke");
    wait_for_invokes(&mut harness);
    let record = harness.state().session().by_hand().last().unwrap().clone();
    assert_eq!(
        record.error.map(|e| e.error_type).as_deref(),
        Some("Runtime.ImportModuleError")
    );
    assert_shows(&harness, "Layers (0 of 5)");
}
