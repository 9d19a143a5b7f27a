use super::*;

fn fields(config: &QueueConfig) -> Vec<&'static str> {
    match config.validate() {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.field).collect(),
    }
}

#[test]
fn aws_defaults_are_valid_and_need_no_warning() {
    let config = QueueConfig::standard("orders-queue");
    assert_eq!(config.validate(), Ok(()));
    // 30 s visibility against 6 × 3 s = 18 s recommended.
    assert_eq!(config.warnings(), Vec::new());
    assert_eq!(QueueConfig::fifo("orders.fifo").validate(), Ok(()));
}

#[test]
fn batch_size_limits_differ_for_standard_and_fifo() {
    assert_eq!(fields(&standard(0, 1)), vec!["batch_size"]);
    assert_eq!(fields(&standard(10_000, 1)), Vec::<&str>::new());
    assert_eq!(fields(&standard(10_001, 1)), vec!["batch_size"]);
    assert_eq!(fields(&fifo(10)), Vec::<&str>::new());
    assert_eq!(fields(&fifo(11)), vec!["batch_size"]);
}

#[test]
fn a_batch_over_ten_needs_a_window_of_at_least_one_second() {
    assert_eq!(fields(&standard(10, 0)), Vec::<&str>::new());
    assert_eq!(fields(&standard(11, 0)), vec!["batch_window_secs"]);
    assert_eq!(fields(&standard(11, 1)), Vec::<&str>::new());
}

#[test]
fn the_window_is_zero_to_three_hundred_seconds_and_not_for_fifo() {
    assert_eq!(fields(&standard(10, 300)), Vec::<&str>::new());
    assert_eq!(fields(&standard(10, 301)), vec!["batch_window_secs"]);
    let fifo_with_window = QueueConfig {
        batch_window_secs: 1,
        ..fifo(10)
    };
    assert_eq!(fields(&fifo_with_window), vec!["batch_window_secs"]);
}

#[test]
fn visibility_timeout_is_at_most_twelve_hours() {
    let at_max = QueueConfig {
        visibility_timeout_secs: 43_200,
        ..standard(10, 0)
    };
    assert_eq!(fields(&at_max), Vec::<&str>::new());
    let over = QueueConfig {
        visibility_timeout_secs: 43_201,
        ..standard(10, 0)
    };
    assert_eq!(fields(&over), vec!["visibility_timeout_secs"]);
}

#[test]
fn max_receive_count_is_one_to_a_thousand() {
    for (max, ok) in [(0, false), (1, true), (1_000, true), (1_001, false)] {
        let config = QueueConfig {
            max_receive_count: Some(max),
            ..standard(10, 0)
        };
        assert_eq!(config.validate().is_ok(), ok, "maxReceiveCount {max}");
    }
}

#[test]
fn queue_names_follow_sqs_rules() {
    assert_eq!(fields(&QueueConfig::fifo("orders")), vec!["name"]);
    assert_eq!(fields(&QueueConfig::standard("orders.fifo")), vec!["name"]);
    assert_eq!(fields(&QueueConfig::standard("orders queue")), vec!["name"]);
    assert_eq!(
        fields(&QueueConfig::standard(&"q".repeat(81))),
        vec!["name"]
    );
    assert_eq!(
        fields(&QueueConfig::standard(&"q".repeat(80))),
        Vec::<&str>::new()
    );
    assert_eq!(fields(&QueueConfig::standard("")), vec!["name"]);
}

#[test]
fn function_timeout_must_fit_in_the_visibility_timeout() {
    let config = QueueConfig {
        function_timeout_secs: 31,
        ..standard(10, 0)
    };
    assert_eq!(fields(&config), vec!["visibility_timeout_secs"]);
    let zero = QueueConfig {
        function_timeout_secs: 0,
        ..standard(10, 0)
    };
    assert_eq!(fields(&zero), vec!["function_timeout_secs"]);
}

#[test]
fn every_problem_cites_an_aws_page() {
    let config = QueueConfig {
        batch_size: 0,
        batch_window_secs: 500,
        max_receive_count: Some(0),
        ..QueueConfig::fifo("orders")
    };
    let problems = config.validate().expect_err("several problems");
    assert!(problems.len() >= 4, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| p.doc_url.starts_with("https://docs.aws.amazon.com/"))
    );
    assert!(
        Queue::new(config, 0).is_err(),
        "the model refuses what AWS refuses"
    );
}

#[test]
fn warns_below_six_times_the_function_timeout_plus_the_window() {
    let config = QueueConfig {
        function_timeout_secs: 10,
        visibility_timeout_secs: 59,
        ..standard(10, 0)
    };
    assert_eq!(config.recommended_visibility_timeout_secs(), 60);
    let warnings = config.warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].field, "visibility_timeout_secs");
    assert!(
        warnings[0].message.contains("60 s"),
        "{}",
        warnings[0].message
    );
    assert!(warnings[0].doc_url.ends_with("services-sqs-configure.html"));

    let at_six_times = QueueConfig {
        visibility_timeout_secs: 60,
        ..config.clone()
    };
    assert!(at_six_times.warnings().is_empty());

    // The batching window adds to the recommendation.
    let windowed = QueueConfig {
        batch_window_secs: 5,
        visibility_timeout_secs: 64,
        ..config
    };
    assert_eq!(windowed.recommended_visibility_timeout_secs(), 65);
    assert!(
        windowed.warnings()[0]
            .message
            .contains("plus the 5 s batching window")
    );
    assert!(
        QueueConfig {
            visibility_timeout_secs: 65,
            ..windowed
        }
        .warnings()
        .is_empty()
    );
}

#[test]
fn warns_about_a_low_max_receive_count_and_a_dlq_on_fifo() {
    let low = QueueConfig {
        max_receive_count: Some(3),
        ..standard(10, 0)
    };
    assert_eq!(
        low.warnings().iter().map(|w| w.field).collect::<Vec<_>>(),
        vec!["max_receive_count"]
    );
    let five = QueueConfig {
        max_receive_count: Some(5),
        ..standard(10, 0)
    };
    assert!(five.warnings().is_empty());
    let fifo_dlq = QueueConfig {
        max_receive_count: Some(5),
        ..fifo(10)
    };
    assert!(fifo_dlq.warnings()[0].message.contains("out of order"));
}

#[test]
fn the_arn_names_the_queue_in_the_lab_account_and_region() {
    assert_eq!(
        QueueConfig::standard("orders-queue").arn(),
        "arn:aws:sqs:us-east-1:123456789012:orders-queue"
    );
}
