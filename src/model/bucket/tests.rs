use super::*;
use std::collections::BTreeSet;
use std::fs;
use std::io;

// --- Keys --------------------------------------------------------------------------------------

#[test]
fn key_of_the_shipped_sample() {
    assert_eq!(
        encode_key("holiday photos/my+photo 1.jpg"),
        "holiday+photos/my%2Bphoto+1.jpg"
    );
}

#[test]
fn key_encoding_cases() {
    let cases = [
        ("red flower.jpg", "red+flower.jpg"),
        ("a/b/c.txt", "a/b/c.txt"),
        ("x=1&y=2.csv", "x%3D1%26y%3D2.csv"),
        ("naïve café.txt", "na%C3%AFve+caf%C3%A9.txt"),
        ("报告.pdf", "%E6%8A%A5%E5%91%8A.pdf"),
        ("100%.txt", "100%25.txt"),
        ("keep-these_*.chars", "keep-these_*.chars"),
        ("test_file(3).png", "test_file%283%29.png"),
        ("", ""),
    ];
    for (plain, encoded) in cases {
        assert_eq!(encode_key(plain), encoded, "{plain}");
    }
}

/// What handlers do: `decodeURIComponent(key.replace(/\+/g, ' '))`, or Python's
/// `unquote_plus`; `form_urlencoded` decodes the same way.
fn decode_like_a_handler(encoded: &str) -> String {
    let mut pairs = form_urlencoded::parse(encoded.as_bytes());
    pairs
        .next()
        .map(|(name, _)| name.into_owned())
        .unwrap_or_default()
}

#[test]
fn keys_round_trip_through_form_decoding() {
    let keys = [
        "holiday photos/my+photo 1.jpg",
        "reports/2026 Q1/x=1&y=2 + more.csv",
        "naïve café/报告 ✓.pdf",
        "a  b/ c+/+d",
    ];
    for key in keys {
        assert_eq!(decode_like_a_handler(&encode_key(key)), key);
    }
}

// --- Filters -------------------------------------------------------------------------------------

#[test]
fn filter_prefix_and_suffix() {
    let filter = Filter {
        prefix: Some("images/".into()),
        suffix: Some(".jpg".into()),
    };
    assert!(filter.matches("images/cat.jpg"));
    assert!(!filter.matches("images/cat.png"));
    assert!(!filter.matches("logs/cat.jpg"));
    assert!(Filter::default().matches("anything at all"));
}

#[test]
fn filter_values_are_compared_with_the_encoded_key() {
    // AWS: a space in a prefix is written "+", other special characters percent-encoded.
    let encoded = Filter {
        prefix: Some("holiday+photos/".into()),
        suffix: None,
    };
    assert!(encoded.matches("holiday photos/beach.jpg"));
    let raw = Filter {
        prefix: Some("holiday photos/".into()),
        suffix: None,
    };
    assert!(!raw.matches("holiday photos/beach.jpg"));
    assert_eq!(
        Filter::from_plain(Some("holiday photos/"), Some("+1.jpg")),
        Filter {
            prefix: Some("holiday+photos/".into()),
            suffix: Some("%2B1.jpg".into()),
        }
    );
    assert!(Filter::from_plain(None, Some("+1.jpg")).matches("holiday photos/my+photo +1.jpg"));
}

#[test]
fn filter_is_case_sensitive_and_star_is_literal() {
    let jpg = Filter {
        prefix: None,
        suffix: Some(".jpg".into()),
    };
    assert!(!jpg.matches("CAT.JPG"));
    let star = Filter {
        prefix: Some("*".into()),
        suffix: None,
    };
    assert!(!star.matches("cat.jpg"));
}

// --- Bucket names --------------------------------------------------------------------------------

#[test]
fn bucket_names_from_folder_names() {
    let cases = [
        ("/home/ada/My Photos", "my-photos"),
        ("/tmp/holiday.photos", "holiday.photos"),
        ("/tmp/Über__Cool  Stuff!", "ber-cool-stuff"),
        ("/tmp/a..b", "a-b"),
        ("/tmp/ab", "lambda-lab-ab"),
        ("/tmp/192.168.5.4", "lambda-lab-192.168.5.4"),
        ("/tmp/sthree-data", "lambda-lab-sthree-data"),
        ("/tmp/photos-s3alias", "photos-s3alias-bucket"),
        ("/tmp/x.mrap", "x.mrap-bucket"),
        ("/tmp/___", "lambda-lab-bucket"),
        ("/", "lambda-lab-bucket"),
    ];
    for (dir, expected) in cases {
        let name = bucket_name(Path::new(dir));
        assert_eq!(name, expected, "{dir}");
        assert!(is_valid_bucket_name(&name), "{name}");
    }
}

#[test]
fn long_folder_names_are_cut_to_63() {
    let name = bucket_name(Path::new(&format!("/tmp/{}", "Long Name ".repeat(20))));
    assert!(name.len() <= 63 && is_valid_bucket_name(&name), "{name}");
    assert!(name.starts_with("long-name-long-name"));
}

#[test]
fn bucket_naming_rules() {
    for valid in ["abc", "my-photos", "a.b.c", "lambda-lab-photos", "a1"] {
        let expected = valid.len() >= 3;
        assert_eq!(is_valid_bucket_name(valid), expected, "{valid}");
    }
    let too_long = "a".repeat(64);
    let invalid = [
        "ab",
        "My-photos",
        "-abc",
        "abc-",
        "a..b",
        "1.2.3.4",
        "xn--abc",
        "abc.mrap",
        "a_b",
        too_long.as_str(),
    ];
    for name in invalid {
        assert!(!is_valid_bucket_name(name), "{name}");
    }
}

// --- Scanning a folder ---------------------------------------------------------------------------

const HELLO_MD5: &str = "b1946ac92492d2347c6235b4d2611184";

#[test]
fn etag_of_hello_is_its_md5() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("hello.txt"), "hello\n").unwrap();
    let snapshot = scan(dir.path()).unwrap();
    let info = &snapshot.objects["hello.txt"];
    assert_eq!((info.size, info.etag.as_str()), (6, HELLO_MD5));
    assert!(info.modified_ms > 0);
}

#[test]
fn scan_uses_slash_keys_and_skips_hidden_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("holiday photos/day 1")).unwrap();
    fs::create_dir_all(root.join(".git/objects")).unwrap();
    fs::write(root.join("holiday photos/day 1/beach.jpg"), "sand").unwrap();
    fs::write(root.join("holiday photos/.beach.jpg.swp"), "swap").unwrap();
    fs::write(root.join(".DS_Store"), "finder").unwrap();
    fs::write(root.join(".git/objects/abc"), "blob").unwrap();
    fs::write(root.join("top.txt"), "top").unwrap();
    let snapshot = scan(root).unwrap();
    let keys: Vec<&str> = snapshot.objects.keys().map(String::as_str).collect();
    assert_eq!(keys, ["holiday photos/day 1/beach.jpg", "top.txt"]);
}

#[test]
fn scan_of_a_missing_folder_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let error = scan(&missing).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::NotFound);
    assert!(error.to_string().contains("nowhere"), "{error}");
}

#[test]
fn changes_for_create_modify_delete_and_nested_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("keep.txt"), "same").unwrap();
    fs::write(root.join("edit.txt"), "old").unwrap();
    fs::write(root.join("gone.txt"), "bye").unwrap();
    let before = scan(root).unwrap();
    assert!(changes(&before, &scan(root).unwrap()).is_empty());

    fs::write(root.join("edit.txt"), "new content").unwrap();
    fs::remove_file(root.join("gone.txt")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/hello.txt"), "hello\n").unwrap();
    fs::write(root.join(".hidden"), "ignored").unwrap();
    let after = scan(root).unwrap();

    let edited_md5 = hex::encode(Md5::digest(b"new content"));
    let expected = vec![
        Change::Created {
            key: "edit.txt".into(),
            size: 11,
            etag: edited_md5,
        },
        Change::Removed {
            key: "gone.txt".into(),
        },
        Change::Created {
            key: "sub/hello.txt".into(),
            size: 6,
            etag: HELLO_MD5.into(),
        },
    ];
    assert_eq!(changes(&before, &after), expected);
    // Removing a folder removes every object under it.
    fs::remove_dir_all(root.join("sub")).unwrap();
    let removed = changes(&after, &scan(root).unwrap());
    assert_eq!(
        removed,
        [Change::Removed {
            key: "sub/hello.txt".into()
        }]
    );
}

#[test]
fn an_overwrite_with_new_time_is_a_put_again() {
    let info = |modified_ms| ObjectInfo {
        size: 6,
        modified_ms,
        etag: HELLO_MD5.into(),
    };
    let before = Snapshot {
        objects: [("a.txt".to_owned(), info(1_000))].into(),
    };
    let after = Snapshot {
        objects: [("a.txt".to_owned(), info(2_000))].into(),
    };
    let expected = Change::Created {
        key: "a.txt".into(),
        size: 6,
        etag: HELLO_MD5.into(),
    };
    assert_eq!(changes(&before, &after), [expected]);
}

// --- Notifications -------------------------------------------------------------------------------

fn sample(name: &str) -> Value {
    let path = format!("{}/sample-events/s3/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Every key path in a JSON value, arrays entered through their elements.
fn key_paths(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, prefix: &str, paths: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let path = format!("{prefix}/{key}");
                    walk(child, &path, paths);
                    paths.insert(path);
                }
            }
            Value::Array(items) => items
                .iter()
                .for_each(|item| walk(item, &format!("{prefix}[]"), paths)),
            _ => {}
        }
    }
    let mut paths = BTreeSet::new();
    walk(value, "", &mut paths);
    paths
}

fn created() -> Change {
    Change::Created {
        key: "holiday photos/my+photo 1.jpg".into(),
        size: 2_483_917,
        etag: "551b6492c761938a31b4df4ca5b05a9b".into(),
    }
}

#[test]
fn put_notification_has_the_keys_of_the_put_sample() {
    let event = notification(
        "lambda-lab-photos",
        &created(),
        1_773_483_330_512,
        0x65F2D0E273D34440,
    );
    assert_eq!(key_paths(&event), key_paths(&sample("put.json")));
    let record = &event["Records"][0];
    assert_eq!(record["eventName"], "ObjectCreated:Put");
    assert_eq!(record["eventTime"], "2026-03-14T10:15:30.512Z");
    assert_eq!(
        record["s3"]["object"],
        sample("put.json")["Records"][0]["s3"]["object"]
    );
    assert_eq!(
        record["s3"]["bucket"]["arn"],
        "arn:aws:s3:::lambda-lab-photos"
    );
    assert_eq!(record["s3"]["configurationId"], "lambda-lab-folder");
    assert_eq!(record["requestParameters"]["sourceIPAddress"], "127.0.0.1");
}

#[test]
fn delete_notification_has_the_keys_of_the_delete_sample() {
    let removed = Change::Removed {
        key: "holiday photos/my+photo 1.jpg".into(),
    };
    let event = notification(
        "lambda-lab-photos",
        &removed,
        1_774_118_527_093,
        0x65FC7F1F45960EB5,
    );
    assert_eq!(key_paths(&event), key_paths(&sample("delete.json")));
    let record = &event["Records"][0];
    assert_eq!(record["eventName"], "ObjectRemoved:Delete");
    assert_eq!(record["eventTime"], "2026-03-21T18:42:07.093Z");
    assert_eq!(
        record["s3"]["object"],
        sample("delete.json")["Records"][0]["s3"]["object"]
    );
}

#[test]
fn request_ids_look_like_s3s_and_repeat_for_the_same_change() {
    let event = notification("b-1", &created(), 0, 1);
    let elements = &event["Records"][0]["responseElements"];
    let request_id = elements["x-amz-request-id"].as_str().unwrap();
    assert_eq!(request_id.len(), 16);
    assert!(
        request_id
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    );
    assert_eq!(elements["x-amz-id-2"].as_str().unwrap().len(), 76);
    assert_eq!(event, notification("b-1", &created(), 0, 1));
    assert_ne!(event, notification("b-1", &created(), 0, 2));
    assert_eq!(
        event["Records"][0]["s3"]["object"]["sequencer"],
        "000000000000000001"
    );
    assert_eq!(event["Records"][0]["eventTime"], "1970-01-01T00:00:00.000Z");
}

#[test]
fn event_times_past_year_9999_are_clamped() {
    let event = notification("b-1", &created(), u64::MAX, 1);
    assert_eq!(event["Records"][0]["eventTime"], "9999-12-31T23:59:59.999Z");
}
