//! The Node built-ins handler code uses, checked against what Node 22 answers for the same
//! calls (the expected values were produced by Node's own Buffer, URL, crypto, zlib, fs and
//! path modules), plus the sandbox: /tmp private and removed with its environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lambda_lab::runtime::config::FunctionConfig;
use lambda_lab::runtime::engine::{EnvironmentSpec, JsEnvironment, Outcome};
use lambda_lab::runtime::pool::Pool;
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handlers")
}

fn builtins_answers() -> Value {
    let mut pool = Pool::new(FunctionConfig {
        function_name: "builtins".into(),
        handler: "builtins.handler".into(),
        code_path: fixtures().join("builtins.mjs"),
        timeout_secs: 30,
        ..FunctionConfig::default()
    });
    let record = pool.invoke_batch(&["{}".to_owned()]).remove(0);
    assert!(record.error.is_none(), "{:?}", record.error);
    record.response_value().unwrap()
}

#[test]
fn buffer_text_encoding_and_base64_match_node() {
    let out = builtins_answers();
    assert_eq!(out["base64"], "aMOpbGxvIHfDtnJsZA==");
    assert_eq!(out["fromBase64"], "héllo wörld");
    assert_eq!(out["base64url"], "-_-_");
    assert_eq!(out["hex"], "4c616d626461");
    assert_eq!(out["fromHex"], "Lambda");
    assert_eq!(out["latin1"], "éA");
    assert_eq!(out["byteLength"], 6);
    assert_eq!(out["concat"], "abcd");
    assert_eq!(out["isBuffer"], json!([true, false]));
    assert_eq!(out["fill"], "abababa");
    assert_eq!(out["json"], r#"{"type":"Buffer","data":[104,105]}"#);
    assert_eq!(out["readUInt32BE"], 258);
    assert_eq!(out["slice"], "el");
    assert_eq!(out["equals"], true);
    assert_eq!(
        out["unknownEncoding"],
        json!({"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: klingon"})
    );
    assert_eq!(out["textEncoder"], json!([195, 169]));
    assert_eq!(out["textDecoder"], "€");
    assert_eq!(out["btoa"], "aGVsbG8=");
    assert_eq!(out["atob"], "hello");
}

#[test]
fn url_and_search_params_follow_whatwg_as_node_does() {
    let out = builtins_answers();
    assert_eq!(
        out["url"],
        json!([
            "https:",
            "user",
            "example.com:8443",
            "example.com",
            "8443",
            "/a/b",
            "?x=1&y=two%20words",
            "#frag",
            "https://example.com:8443"
        ])
    );
    assert_eq!(out["searchParam"], "two words");
    assert_eq!(
        out["href"],
        "https://user:pw@example.com:8443/a/b?x=1&y=two+words&z=a%26b#frag"
    );
    assert_eq!(out["relative"], "https://example.com/a/c?q=1");
    assert_eq!(
        out["invalidUrl"],
        json!({"name": "TypeError", "code": "ERR_INVALID_URL", "message": "Invalid URL"})
    );
    assert_eq!(out["params"], "name=Jane+Doe&tag=a%2Bb");
    assert_eq!(
        out["paramsParsed"],
        json!({"a": "1", "b": "two words", "c": "é"})
    );
}

#[test]
fn crypto_and_zlib_give_nodes_answers_and_errors() {
    let out = builtins_answers();
    assert_eq!(
        out["sha256"],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(out["md5"], "kAFQmDzST7DWlj99KOF/cg==");
    assert_eq!(
        out["hmac"],
        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
    );
    assert_eq!(out["uuid"], true);
    assert_eq!(out["globalUuid"], true);
    assert_eq!(out["randomBytes"], 16);
    assert_eq!(out["badDigest"]["message"], "Digest method not supported");
    assert_eq!(out["gzipMagic"], json!([31, 139]));
    assert_eq!(out["roundTrip"], "hello hello hello hello");
    assert_eq!(out["deflate"], "abc");
    assert_eq!(
        out["badGzip"],
        json!({"name": "Error", "code": "Z_DATA_ERROR", "message": "incorrect header check"})
    );
    assert_eq!(out["require"], "via require");
}

#[test]
fn fs_reaches_only_tmp_and_the_read_only_code() {
    let out = builtins_answers();
    assert_eq!(out["tmpRead"], "kept in /tmp");
    assert_eq!(out["tmpList"], json!(["note.txt"]));
    assert_eq!(out["tmpStat"], json!([12, true]));
    assert_eq!(out["promiseRead"], "kept in /tmp");
    assert_eq!(out["tmpGone"], false);
    assert_eq!(out["codeRead"], true);
    assert_eq!(
        out["codeWrite"],
        json!({"name": "Error", "code": "EROFS", "message": "EROFS: read-only file system, open '/var/task/x.txt'"})
    );
    assert_eq!(
        out["hostRead"]["message"],
        "ENOENT: no such file or directory, open '/etc/passwd'"
    );
    assert_eq!(out["escape"]["code"], "ENOENT");
    assert_eq!(out["missing"]["code"], "ENOENT");
    assert!(
        out["https"]
            .as_str()
            .unwrap()
            .starts_with("Cannot find module 'node:https' (Lambda Lab runs handlers offline")
    );
}

#[test]
fn path_events_and_util_behave_like_node() {
    let out = builtins_answers();
    assert_eq!(
        out["path"],
        json!([
            "/var/opt/nodejs",
            "b",
            ".gz",
            "/a/b",
            "/var/task/lib/x.js",
            "../../d"
        ])
    );
    assert_eq!(out["events"], 2);
    assert_eq!(out["promisify"], 42);
}

#[test]
fn tmp_survives_warm_invokes_and_is_removed_with_its_environment() {
    let handler_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        handler_dir.path().join("index.mjs"),
        r#"import { appendFileSync, readFileSync } from "node:fs";
           export const handler = async () => {
             appendFileSync("/tmp/log.txt", "x");
             return readFileSync("/tmp/log.txt", "utf8").length;
           };"#,
    )
    .unwrap();
    let spec = EnvironmentSpec {
        task_root: handler_dir.path().canonicalize().unwrap(),
        layers: Vec::new(),
        handler: "index.handler".into(),
        memory_size_mb: 128,
        ephemeral_storage_mb: 512,
        environment: BTreeMap::new(),
        function_name: "tmp-test".into(),
        function_version: "$LATEST".into(),
        invoked_function_arn: "arn:aws:lambda:us-east-1:123456789012:function:tmp-test".into(),
        log_group_name: "/aws/lambda/tmp-test".into(),
        log_stream_name: "stream".into(),
        process: None,
        tmp: None,
        watch: Default::default(),
    };
    let deadline = || Instant::now() + Duration::from_secs(30);
    let mut environment = JsEnvironment::init(spec, deadline())
        .map_err(|f| f.error)
        .unwrap();
    let tmp_dir = environment.tmp_dir().to_path_buf();
    let answers: Vec<Outcome> = (0..3)
        .map(|i| {
            environment
                .invoke(&format!("req-{i}"), "{}", deadline())
                .outcome
        })
        .collect();
    assert_eq!(
        answers,
        ["1", "2", "3"].map(|n| Outcome::Response(n.to_owned()))
    );
    assert!(tmp_dir.join("log.txt").is_file());
    drop(environment);
    assert!(
        !tmp_dir.exists(),
        "a reclaimed environment's /tmp must be deleted"
    );
}

#[test]
fn every_listed_builtin_module_loads_by_both_names() {
    use lambda_lab::runtime::engine::BUILTIN_MODULES;
    let dir = tempfile::tempdir().unwrap();
    let names = serde_json::to_string(&BUILTIN_MODULES).unwrap();
    std::fs::write(
        dir.path().join("index.cjs"),
        format!(
            "exports.handler = async () => {names}.map((name) => [typeof require(name), typeof require('node:' + name)].join(' '));"
        ),
    )
    .unwrap();
    let mut pool = Pool::new(FunctionConfig {
        function_name: "builtins".into(),
        handler: "index.handler".into(),
        code_path: dir.path().to_path_buf(),
        ..FunctionConfig::default()
    });
    let record = pool.invoke_batch(&["{}".to_owned()]).remove(0);
    let kinds: Vec<String> = serde_json::from_value(record.response_value().unwrap()).unwrap();
    for (name, kind) in BUILTIN_MODULES.iter().zip(&kinds) {
        assert!(
            kind == "object object" || kind == "function function",
            "{name}: {kind}"
        );
    }
}
