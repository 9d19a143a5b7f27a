//! `lambda-lab bucket` end to end with real file writes: a file created in the watched folder
//! reaches the handler as S3's ObjectCreated:Put notification (the key URL-encoded as S3
//! encodes it, size, eTag = MD5), a deleted one as ObjectRemoved:Delete, a file the suffix
//! filter does not match sends nothing.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn sample(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-events/s3")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn files_written_and_deleted_in_the_folder_reach_the_handler_as_s3_notifications() {
    let code_dir = tempfile::tempdir().unwrap();
    let code = code_dir.path().join("echo.mjs");
    std::fs::write(&code, "export const handler = async (event) => event;\n").unwrap();
    let bucket = tempfile::tempdir().unwrap();
    std::fs::write(bucket.path().join("already-there.jpg"), "old").unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["bucket", "--json", "--suffix", ".jpg", "--code"])
        .arg(&code)
        .arg("--watch")
        .arg(bucket.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bucket");
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut banner = String::new();
    stderr.read_line(&mut banner).unwrap();
    assert!(banner.starts_with("Watching "), "{banner}");
    let (lines, received) = mpsc::channel();
    let stdout = BufReader::new(server.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    // Waits for the next record; the bound only stops a hung test.
    let next = || -> serde_json::Value {
        let line = received
            .recv_timeout(Duration::from_secs(60))
            .expect("a record");
        serde_json::from_str(&line).unwrap()
    };
    std::fs::create_dir(bucket.path().join("holiday photos")).unwrap();
    let photo = bucket.path().join("holiday photos/my+photo 1.jpg");
    std::fs::write(bucket.path().join("notes.txt"), "not a photo").unwrap();
    std::fs::write(&photo, "hello\n").unwrap();
    let created = next();
    assert_eq!(created["status"], "success");
    let event = &created["response"];
    assert_eq!(keys(event), keys(&sample("put.json")));
    let record = &event["Records"][0];
    assert_eq!(keys(record), keys(&sample("put.json")["Records"][0]));
    assert_eq!(record["eventName"], "ObjectCreated:Put");
    assert_eq!(record["eventSource"], "aws:s3");
    let object = &record["s3"]["object"];
    assert_eq!(object["key"], "holiday+photos/my%2Bphoto+1.jpg");
    assert_eq!(object["size"], 6);
    // MD5 of "hello\n".
    assert_eq!(object["eTag"], "b1946ac92492d2347c6235b4d2611184");
    let bucket_name = record["s3"]["bucket"]["name"].as_str().unwrap().to_owned();
    assert_eq!(
        record["s3"]["bucket"]["arn"],
        format!("arn:aws:s3:::{bucket_name}")
    );
    std::fs::remove_file(&photo).unwrap();
    let removed = next();
    let record = &removed["response"]["Records"][0];
    assert_eq!(
        keys(&removed["response"]["Records"][0]["s3"]["object"]),
        keys(&sample("delete.json")["Records"][0]["s3"]["object"])
    );
    assert_eq!(record["eventName"], "ObjectRemoved:Delete");
    assert_eq!(
        record["s3"]["object"]["key"],
        "holiday+photos/my%2Bphoto+1.jpg"
    );
    let pid = rustix::process::Pid::from_raw(server.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let status = server.wait().unwrap();
    assert!(status.success(), "{status}");
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    // notes.txt and the file there before the watch sent nothing.
    assert!(
        rest.contains("Stopped: 2 event(s) sent, 0 failed every attempt."),
        "{rest}"
    );
    assert!(received.try_recv().is_err(), "no other record");
}

#[test]
fn a_folder_that_does_not_exist_exits_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_lambda-lab"))
        .args(["bucket", "--watch", "/nonexistent/photos", "--code"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/handlers/s3-thumbnail.mjs"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a folder"));
}
