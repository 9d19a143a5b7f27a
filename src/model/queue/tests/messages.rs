use super::*;

#[test]
fn each_line_is_a_message_object_or_a_body_as_written() {
    let text = concat!(
        "plain text order\n",
        "\n",
        "{\"orderId\": 1043, \"item\": \"coffee beans\"}\n",
        "{\"orderId\": 1044, \"item\": \"green tea\", \"quantity\": \n",
        "{\"body\": \"hello\", \"messageGroupId\": \"customer-501\", \"messageAttributes\": {\"source\": {\"stringValue\": \"checkout-api\", \"dataType\": \"String\"}}}\r\n",
        "42\n",
    );
    let messages = parse_messages(text).expect("all lines read");
    let bodies: Vec<&str> = messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        vec![
            "plain text order",
            "{\"orderId\": 1043, \"item\": \"coffee beans\"}",
            "{\"orderId\": 1044, \"item\": \"green tea\", \"quantity\": ",
            "hello",
            "42",
        ]
    );
    assert_eq!(
        messages[3].message_group_id.as_deref(),
        Some("customer-501")
    );
    assert_eq!(
        messages[3].message_attributes["source"],
        MessageAttribute::string("checkout-api")
    );
}

#[test]
fn a_message_object_accepts_short_attributes_and_json_bodies() {
    let text = r#"{"body": {"orderId": 7}, "messageAttributes": {"source": "shop", "count": 3, "blob": {"binaryValue": "aGk=", "dataType": "Binary"}}, "messageDeduplicationId": "order-7", "delaySeconds": 5}"#;
    let message = parse_messages(text).expect("read").remove(0);
    assert_eq!(message.body, r#"{"orderId":7}"#);
    assert_eq!(
        message.message_attributes["source"],
        MessageAttribute::string("shop")
    );
    assert_eq!(
        message.message_attributes["count"],
        MessageAttribute {
            data_type: "Number".into(),
            value: AttributeValue::String("3".into())
        }
    );
    assert_eq!(
        message.message_attributes["blob"].value,
        AttributeValue::Binary(b"hi".to_vec())
    );
    assert_eq!(message.message_deduplication_id.as_deref(), Some("order-7"));
    assert_eq!(message.delay_secs, Some(5));
}

#[test]
fn a_bad_message_object_names_its_line() {
    let text = "first\n\n{\"body\": \"x\", \"messageGroupID\": \"g\"}\n";
    let error = parse_messages(text).expect_err("unknown key");
    assert_eq!(error.line, 3);
    assert!(error.problem.contains("messageGroupID"), "{error}");
    assert!(error.to_string().starts_with("line 3: "));

    for bad in [
        r#"{"body": "x", "delaySeconds": -1}"#,
        r#"{"body": "x", "messageGroupId": 5}"#,
        r#"{"body": "x", "messageAttributes": {"a": {"stringValue": "v"}}}"#,
        r#"{"body": "x", "messageAttributes": {"a": {"binaryValue": "***", "dataType": "Binary"}}}"#,
        r#"{"body": "x", "messageAttributes": []}"#,
    ] {
        assert_eq!(parse_messages(bad).map_err(|e| e.line), Err(1), "{bad}");
    }
}

#[test]
fn sqs_refuses_messages_it_would_refuse() {
    let mut standard_queue = queue(standard(10, 0));
    let mut fifo_queue = queue(fifo(10));
    let too_big = OutgoingMessage::new("x".repeat(limits::MAX_MESSAGE_BYTES + 1));
    let mut eleven = OutgoingMessage::new("x");
    for i in 0..11 {
        eleven = eleven.with_string_attribute(&format!("a{i}"), "v");
    }
    let standard_cases = [
        (OutgoingMessage::new(""), SendError::EmptyBody),
        (
            too_big,
            SendError::TooLarge {
                bytes: limits::MAX_MESSAGE_BYTES + 1,
            },
        ),
        (eleven, SendError::TooManyAttributes { count: 11 }),
        (
            OutgoingMessage {
                delay_secs: Some(901),
                ..OutgoingMessage::new("x")
            },
            SendError::DelayTooLong { delay_secs: 901 },
        ),
        (
            OutgoingMessage {
                message_deduplication_id: Some("d".into()),
                ..OutgoingMessage::new("x")
            },
            SendError::DeduplicationIdOnStandard,
        ),
    ];
    for (message, expected) in standard_cases {
        assert_eq!(standard_queue.send(message, 0), Err(expected));
    }
    let fifo_cases = [
        (OutgoingMessage::new("x"), SendError::MissingGroupId),
        (
            OutgoingMessage {
                delay_secs: Some(5),
                ..OutgoingMessage::new("x").in_group("g")
            },
            SendError::DelayOnFifo,
        ),
    ];
    for (message, expected) in fifo_cases {
        assert_eq!(fifo_queue.send(message, 0), Err(expected));
    }
    for name in ["AWS.trace", "amazon.x", ".a", "a.", "a..b", "a b", ""] {
        let message = OutgoingMessage::new("x").with_string_attribute(name, "v");
        assert!(
            matches!(
                standard_queue.send(message, 0),
                Err(SendError::BadAttribute { .. })
            ),
            "attribute name {name:?}"
        );
    }
    let mismatched = OutgoingMessage {
        message_attributes: [(
            "a".to_owned(),
            MessageAttribute {
                data_type: "Binary".into(),
                value: AttributeValue::String("v".into()),
            },
        )]
        .into(),
        ..OutgoingMessage::new("x")
    };
    assert!(matches!(
        standard_queue.send(mismatched, 0),
        Err(SendError::BadAttribute { .. })
    ));
    assert_eq!(
        standard_queue.counts(0).total(),
        0,
        "refused messages are not stored"
    );
}

#[test]
fn a_delayed_message_is_counted_as_delayed_until_its_delay_ends() {
    let mut q = queue(standard(10, 0));
    let delayed = OutgoingMessage {
        delay_secs: Some(5),
        ..OutgoingMessage::new("later")
    };
    q.send(delayed, 1_000).expect("accepted");
    assert_eq!(
        q.counts(1_000),
        Counts {
            delayed: 1,
            ..Counts::default()
        }
    );
    assert!(q.poll(5_999).is_none());
    assert_eq!(q.next_wake_ms(1_000), Some(6_000));
    assert_eq!(
        q.counts(6_000),
        Counts {
            visible: 1,
            ..Counts::default()
        }
    );
    let batch = q.poll(6_000).expect("visible at 6 s");
    assert_eq!(bodies(&q, &batch), vec!["later"]);
}

#[test]
fn fifo_uses_content_based_deduplication_like_the_sample() {
    let body =
        r#"{"orderId": 1046, "customerId": "customer-501", "item": "coffee beans", "quantity": 1}"#;
    let mut q = queue(fifo(10));
    let first = q
        .send(OutgoingMessage::new(body).in_group("customer-501"), 0)
        .expect("accepted");
    assert!(first.sequence_number.is_some());
    assert_eq!(first.duplicate_of, None);

    // The same body within 5 minutes is accepted but never delivered.
    let again = q
        .send(OutgoingMessage::new(body).in_group("customer-501"), 299_999)
        .expect("accepted");
    assert_eq!(
        again.duplicate_of.as_deref(),
        Some(first.message_id.as_str())
    );
    assert_eq!(again.sequence_number, None);
    assert_eq!(q.counts(299_999).deduplicated, 1);

    let batch = q.poll(299_999).expect("the first copy");
    assert_eq!(batch.message_ids(), vec![first.message_id.as_str()]);
    let event: serde_json::Value = serde_json::from_str(&q.event_json(&batch)).expect("JSON");
    assert_eq!(
        event["Records"][0]["attributes"]["MessageDeduplicationId"],
        "4890226a1be829e8a22d81000ac72cd2df1afdc79fb6941d1bee6902806ab03f",
        "the SHA-256 of the body, as in sample-events/sqs/fifo.json"
    );

    // After the interval the same content is a new message.
    let later = q
        .send(OutgoingMessage::new(body).in_group("customer-501"), 300_000)
        .expect("accepted");
    assert_eq!(later.duplicate_of, None);
    let summary = q.summary(300_000);
    assert_eq!(summary.messages.len(), 3);
    assert!(
        summary.messages[1]
            .describe()
            .starts_with("dropped as a duplicate of")
    );
}

#[test]
fn an_explicit_deduplication_id_deduplicates_different_bodies() {
    let mut q = queue(fifo(10));
    let with_id = |body: &str| OutgoingMessage {
        message_deduplication_id: Some("order-7".into()),
        ..OutgoingMessage::new(body).in_group("g")
    };
    let first = q.send(with_id("one"), 0).expect("accepted");
    let second = q.send(with_id("two"), 10).expect("accepted");
    assert_eq!(second.duplicate_of, Some(first.message_id));
}
