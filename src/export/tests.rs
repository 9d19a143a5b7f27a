//! Exports of the shipped samples into temporary folders, read back with the zip crate.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::*;

fn asset(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Each entry of an archive: name, unix mode, content.
fn entries(zip_path: &Path) -> Vec<(String, Option<u32>, Vec<u8>)> {
    let file = std::fs::File::open(zip_path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), entry.unix_mode(), bytes)
        })
        .collect()
}

fn counter_config() -> FunctionConfig {
    FunctionConfig {
        function_name: "counter".to_owned(),
        handler: "counter.handler".to_owned(),
        code_path: asset("assets/handlers/counter.mjs"),
        layers: vec![asset("assets/layers/bakery-helpers-1")],
        ..FunctionConfig::default()
    }
}

#[test]
fn a_sample_handler_and_its_layer_export_as_lambda_extracts_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aws");
    let config = counter_config();
    let source = EventSource::Sqs(SqsSource {
        batch_size: 10,
        batch_window_secs: 0,
        report_batch_item_failures: true,
    });
    let exported = export(
        &ExportRequest {
            config: &config,
            source: &source,
            event_json: Some("{\"Records\": []}"),
        },
        &out,
    )
    .unwrap();
    assert_eq!(
        exported.files,
        [
            "function.zip",
            "layers/bakery-helpers-1.zip",
            "template.yaml",
            "README.md",
            "event.json"
        ]
    );

    let code = entries(&out.join("function.zip"));
    assert_eq!(code.len(), 1);
    assert_eq!(code[0].0, "counter.mjs");
    assert_eq!(code[0].1.map(|mode| mode & 0o777), Some(0o644));
    assert_eq!(
        code[0].2,
        std::fs::read(asset("assets/handlers/counter.mjs")).unwrap()
    );

    let layer: Vec<String> = entries(&out.join("layers/bakery-helpers-1.zip"))
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    assert_eq!(
        layer,
        [
            "nodejs/node_modules/bakery-format/index.mjs",
            "nodejs/node_modules/bakery-format/package.json",
            "python/bakery_format.py"
        ]
    );

    let template = std::fs::read_to_string(out.join("template.yaml")).unwrap();
    assert!(
        template.contains("      Handler: counter.handler\n"),
        "{template}"
    );
    assert!(
        template.contains("      Runtime: nodejs24.x\n"),
        "{template}"
    );
    assert!(
        template.contains("ContentUri: layers/bakery-helpers-1.zip"),
        "{template}"
    );
    assert!(template.contains("Type: SQS"), "{template}");
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    for command in [
        "sam validate --lint",
        "sam deploy --guided",
        "aws lambda invoke --function-name counter --cli-binary-format raw-in-base64-out --payload file://event.json response.json",
        "sam delete --stack-name lambda-lab-counter",
        "aws sqs send-message",
    ] {
        assert!(readme.contains(command), "{command} not in\n{readme}");
    }
    assert_eq!(
        std::fs::read_to_string(out.join("event.json")).unwrap(),
        "{\"Records\": []}"
    );

    // Again without the layer and the trigger: the code's archive comes out byte for byte the
    // same, and the layer's archive is kept but reported as unused.
    let first = std::fs::read(out.join("function.zip")).unwrap();
    let without_layers = FunctionConfig {
        layers: Vec::new(),
        ..config.clone()
    };
    let request = ExportRequest {
        config: &without_layers,
        source: &EventSource::None,
        event_json: None,
    };
    let again = export(&request, &out).unwrap();
    assert_eq!(std::fs::read(out.join("function.zip")).unwrap(), first);
    assert_eq!(again.unused, ["layers/bakery-helpers-1.zip"]);
    assert_eq!(
        std::fs::read_to_string(out.join("event.json")).unwrap(),
        "{}\n"
    );
}

#[test]
fn a_folder_keeps_its_layout_and_bootstrap_stays_executable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aws");
    let config = FunctionConfig {
        function_name: "custom".to_owned(),
        runtime: "provided.al2023".to_owned(),
        handler: "function.handler".to_owned(),
        code_path: asset("assets/handlers/custom-runtime"),
        ..FunctionConfig::default()
    };
    let request = ExportRequest {
        config: &config,
        source: &EventSource::None,
        event_json: None,
    };
    export(&request, &out).unwrap();
    let code = entries(&out.join("function.zip"));
    let bootstrap = code
        .iter()
        .find(|(name, _, _)| name == "bootstrap")
        .unwrap();
    assert_eq!(bootstrap.1.map(|mode| mode & 0o777), Some(0o755));
}

#[test]
fn the_export_folder_inside_the_code_folder_is_left_out_of_the_zip() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("code");
    std::fs::create_dir_all(code.join("lib")).unwrap();
    std::fs::write(
        code.join("index.mjs"),
        "export const handler = async () => 1;",
    )
    .unwrap();
    std::fs::write(code.join("lib/util.mjs"), "export const x = 1;").unwrap();
    let config = FunctionConfig {
        code_path: code.clone(),
        ..FunctionConfig::default()
    };
    let request = ExportRequest {
        config: &config,
        source: &EventSource::None,
        event_json: None,
    };
    let out = code.join("aws");
    export(&request, &out).unwrap();
    // Twice: the second run must not pick up the first run's files either.
    export(&request, &out).unwrap();
    let names: Vec<String> = entries(&out.join("function.zip"))
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    assert_eq!(names, ["index.mjs", "lib/util.mjs"]);
}

#[test]
fn folders_with_other_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(dir.path().join("template.yaml"), "Resources: {}\n").unwrap();
    let config = counter_config();
    let request = ExportRequest {
        config: &config,
        source: &EventSource::None,
        event_json: None,
    };
    let error = export(&request, dir.path()).unwrap_err();
    assert!(matches!(error, ExportError::FolderInUse(_)), "{error}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("template.yaml")).unwrap(),
        "Resources: {}\n"
    );
    assert!(!dir.path().join("function.zip").exists());
}

#[test]
fn settings_aws_would_refuse_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aws");
    let mut environment = BTreeMap::new();
    environment.insert("AWS_REGION".to_owned(), "eu-west-1".to_owned());
    let reserved_key = FunctionConfig {
        environment,
        ..counter_config()
    };
    let cases: [(FunctionConfig, EventSource, Option<&str>, &str); 3] = [
        (reserved_key, EventSource::None, None, "reserved keys"),
        (
            counter_config(),
            EventSource::Schedule {
                expression: "every day".to_owned(),
            },
            None,
            "Parameter ScheduleExpression is not valid.",
        ),
        (
            counter_config(),
            EventSource::None,
            Some("{not json"),
            "not valid JSON",
        ),
    ];
    for (config, source, event_json, expected) in cases {
        let request = ExportRequest {
            config: &config,
            source: &source,
            event_json,
        };
        let error = export(&request, &out).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
        assert!(!out.exists());
    }
}

#[test]
fn the_trigger_follows_the_event_in_the_editor() {
    let sample = |id: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("sample-events/{id}.json")),
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"))
    };
    assert!(matches!(
        super::suggested_for(&sample("sqs/standard")),
        EventSource::Sqs(SqsSource {
            batch_size: 10,
            report_batch_item_failures: true,
            ..
        })
    ));
    let EventSource::S3(created) = super::suggested_for(&sample("s3/put")) else {
        panic!("an S3 trigger expected")
    };
    assert_eq!(created.events, ["s3:ObjectCreated:*"]);
    let EventSource::S3(removed) = super::suggested_for(&sample("s3/delete")) else {
        panic!("an S3 trigger expected")
    };
    assert_eq!(removed.events, ["s3:ObjectRemoved:*"]);
    let EventSource::HttpApi(route) = super::suggested_for(&sample("apigateway-http/get")) else {
        panic!("an HTTP API route expected")
    };
    assert_eq!(
        (route.method.as_str(), route.path.starts_with("/orders")),
        ("GET", true)
    );
    assert_eq!(
        super::suggested_for("{\"name\": \"Ada\"}"),
        EventSource::None
    );
    assert_eq!(super::suggested_for("not json"), EventSource::None);
}
