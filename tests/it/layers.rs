//! Layers as Lambda mounts them, in both kinds of runtime: a later layer's copy of a file wins,
//! a .zip works like a folder, a missing layer fails the import at INIT, and code plus layers
//! over the 250 MB unzipped quota is refused before anything runs, with Lambda's message.

use std::path::PathBuf;
use std::sync::Arc;

use lambda_lab::model::lambda::InvocationType;
use lambda_lab::runtime::config::{Executor, FunctionConfig};
use lambda_lab::runtime::job::{self, InvokeJob, Pools};
use lambda_lab::runtime::layers::zip_folder;
use lambda_lab::runtime::pool::Pool;
use lambda_lab::runtime::record::Status;

use crate::common::{error_type, once};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn layer(version: u32) -> PathBuf {
    root().join(format!("assets/layers/bakery-helpers-{version}"))
}

fn order() -> String {
    std::fs::read_to_string(root().join("sample-events/lambda/bakery-order.json")).unwrap()
}

fn javascript(layers: Vec<PathBuf>) -> FunctionConfig {
    FunctionConfig {
        function_name: "bakery-order".into(),
        handler: "bakery-order.handler".into(),
        code_path: root().join("assets/handlers/bakery-order.mjs"),
        layers,
        ..FunctionConfig::default()
    }
}

fn python(layers: Vec<PathBuf>) -> FunctionConfig {
    FunctionConfig {
        function_name: "bakery-order".into(),
        runtime: "python3.13".into(),
        executor: Executor::Process,
        handler: "bakery_order.lambda_handler".into(),
        code_path: root().join("assets/handlers/bakery_order.py"),
        layers,
        ..FunctionConfig::default()
    }
}

/// The answer's (formatVersion, total).
fn answer(config: FunctionConfig) -> (String, String) {
    let record = once(&mut Pool::new(config), &order());
    assert_eq!(record.status, Status::Success, "{:#?}", record.logs);
    let response = record.response_value().expect("JSON");
    (
        response["formatVersion"].as_str().unwrap().to_owned(),
        response["total"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn the_later_layer_wins_in_the_embedded_engine() {
    assert_eq!(
        answer(javascript(vec![layer(1), layer(2)])),
        ("1.1.0".to_owned(), "$27.63".to_owned())
    );
    assert_eq!(
        answer(javascript(vec![layer(2), layer(1)])),
        ("1.0.0".to_owned(), "$27.62".to_owned())
    );
}

/// An ES module imports a layer's package by name in a real `node` process too, as on Lambda
/// since Node.js 18 (Node itself ignores NODE_PATH for ES modules).
#[test]
fn an_es_module_imports_a_layers_package_in_a_node_runtime_process() {
    let node = |layers| FunctionConfig {
        runtime: "nodejs22.x".into(),
        executor: Executor::Process,
        ..javascript(layers)
    };
    assert_eq!(
        answer(node(vec![layer(1), layer(2)])),
        ("1.1.0".to_owned(), "$27.63".to_owned())
    );
    // Without the layer the import still fails, naming the package.
    let record = once(&mut Pool::new(node(Vec::new())), &order());
    assert_ne!(record.status, Status::Success);
    let error = record.error.expect("an error");
    assert!(
        error
            .error_message
            .contains("Cannot find package 'bakery-format'"),
        "{error:?}"
    );
}

#[test]
fn the_later_layer_wins_in_a_python_runtime_process() {
    assert_eq!(
        answer(python(vec![layer(1), layer(2)])),
        ("1.1.0".to_owned(), "$27.63".to_owned())
    );
    assert_eq!(
        answer(python(vec![layer(2), layer(1)])),
        ("1.0.0".to_owned(), "$27.62".to_owned())
    );
}

#[test]
fn a_layer_zip_is_extracted_like_the_folder_it_was_made_from() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("bakery-helpers-1.zip");
    zip_folder(&layer(1), &archive).unwrap();
    assert_eq!(
        answer(javascript(vec![layer(2), archive.clone()])),
        ("1.0.0".to_owned(), "$27.62".to_owned())
    );
    assert_eq!(
        answer(python(vec![archive])),
        ("1.0.0".to_owned(), "$27.62".to_owned())
    );
}

#[test]
fn without_its_layer_the_import_fails_during_init() {
    for config in [javascript(Vec::new()), python(Vec::new())] {
        let record = once(&mut Pool::new(config), &order());
        assert_eq!(record.status, Status::Error);
        assert_eq!(error_type(&record), "Runtime.ImportModuleError");
    }
}

#[test]
fn code_and_layers_over_250_mb_unzipped_are_refused_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big-layer");
    std::fs::create_dir_all(&big).unwrap();
    // A sparse file: the quota counts bytes, and nothing big is written to disk.
    std::fs::File::create(big.join("model.bin"))
        .unwrap()
        .set_len(262_144_000)
        .unwrap();
    let run = |layers: Vec<PathBuf>| {
        let job = InvokeJob {
            config: javascript(layers),
            event_json: Arc::from(order()),
            repeat: 1,
            concurrency: 1,
            invocation_type: InvocationType::RequestResponse,
        };
        job::run(&mut Pools::default(), &job, &|| false, &|_| {})
    };
    let refused = run(vec![layer(2), big]).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "InvalidParameterValueException: Unzipped size must be smaller than 262144000 bytes"
    );
    let missing = run(vec![dir.path().join("no-such-layer.zip")]).unwrap_err();
    assert!(
        missing.to_string().contains("no-such-layer.zip"),
        "{missing}"
    );
    assert!(run(vec![layer(2)]).is_ok());
}
