//! Invalid expressions: each gives AWS's message and a reason naming the field and value.

use super::*;

#[test]
fn the_error_starts_with_aws_message_then_the_reason() {
    let error = parse("cron(0 10 ? * 8 *)").unwrap_err();
    assert_eq!(
        error.reason,
        "Day-of-week field: 8 is outside 1-7 (SUN-SAT)"
    );
    assert_eq!(
        error.to_string(),
        "Parameter ScheduleExpression is not valid. Day-of-week field: 8 is outside 1-7 (SUN-SAT)"
    );
}

#[test]
fn both_day_fields_without_question_mark() {
    let both_stars = reason("cron(0 10 * * * *)");
    assert_eq!(
        both_stars,
        "Day-of-month and Day-of-week fields: * in both; use ? in one of them, e.g. cron(0 10 * * ? *)"
    );
    let both_values = reason("cron(0 10 1 * MON *)");
    assert_eq!(
        both_values,
        "Day-of-month and Day-of-week fields: one of them must be ? (got 1 and MON)"
    );
    // The expression LocalStack was fixed to refuse (localstack/localstack#12156).
    assert!(reason("cron(7 20 * * 1-7 *)").contains("one of them must be ?"));
}

#[test]
fn question_mark_in_both_day_fields() {
    assert_eq!(
        reason("cron(0 10 ? * ? *)"),
        "Day-of-month and Day-of-week fields: ? in both; one of them must name the days"
    );
}

#[test]
fn wrong_number_of_fields() {
    let seven = reason("cron(0 0 10 * * ? *)");
    assert_eq!(
        seven,
        "cron needs six fields (Minutes Hours Day-of-month Month Day-of-week Year), got 7"
    );
    assert!(reason("cron(0 10 * * ?)").contains("got 5: AWS's cron ends with a Year field"));
    assert!(reason("cron()").ends_with("got 0"));
}

#[test]
fn rate_singular_and_plural() {
    assert_eq!(
        reason("rate(1 minutes)"),
        "Rate unit: a value of 1 takes the singular: rate(1 minute), not rate(1 minutes)"
    );
    assert_eq!(
        reason("rate(5 hour)"),
        "Rate unit: a value above 1 takes the plural: rate(5 hours), not rate(5 hour)"
    );
}

#[test]
fn rate_value_must_be_a_positive_whole_number() {
    assert_eq!(
        reason("rate(0 minutes)"),
        "Rate value: 0 is not positive; the most frequent rate is rate(1 minute)"
    );
    assert!(
        reason("rate(1.5 hours)").starts_with("Rate value: 1.5 is not a positive whole number")
    );
    assert!(reason("rate(-1 minutes)").starts_with("Rate value: -1 is not"));
    assert_eq!(
        reason("rate(99999999999 minutes)"),
        "Rate value: 99999999999 is too large"
    );
}

#[test]
fn rate_unit_must_be_minutes_hours_or_days() {
    assert_eq!(
        reason("rate(5 weeks)"),
        "Rate unit: weeks is not one of minute, minutes, hour, hours, day, days"
    );
    assert!(reason("rate(5)").starts_with("rate needs a value and a unit"));
}

#[test]
fn values_outside_each_field() {
    let cases = [
        ("cron(60 0 * * ? *)", "Minutes field: 60 is outside 0-59"),
        ("cron(0 24 * * ? *)", "Hours field: 24 is outside 0-23"),
        ("cron(0 0 0 * ? *)", "Day-of-month field: 0 is outside 1-31"),
        (
            "cron(0 0 32 * ? *)",
            "Day-of-month field: 32 is outside 1-31",
        ),
        (
            "cron(0 0 1 13 ? *)",
            "Month field: 13 is outside 1-12 (JAN-DEC)",
        ),
        (
            "cron(0 0 ? * 0 *)",
            "Day-of-week field: 0 is outside 1-7 (SUN-SAT)",
        ),
        (
            "cron(0 0 1 * ? 1969)",
            "Year field: 1969 is outside 1970-2199",
        ),
        (
            "cron(0 0 1 * ? 2200)",
            "Year field: 2200 is outside 1970-2199",
        ),
        (
            "cron(0 0 1 JANUARY ? *)",
            "Month field: JANUARY is not a value here (expected 1-12 (JAN-DEC))",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(reason(text), expected, "{text}");
    }
}

#[test]
fn wildcards_a_field_does_not_take() {
    assert_eq!(
        reason("cron(? 0 * * ? *)"),
        "Minutes field: ? is not allowed here (this field takes , - * /)"
    );
    assert_eq!(
        reason("cron(0 0 ? * 1/2 *)"),
        "Day-of-week field: / is not allowed here (this field takes , - * ? L #)"
    );
    assert_eq!(
        reason("cron(0 0 L * L *)"),
        "Day-of-month and Day-of-week fields: one of them must be ? (got L and L)"
    );
    assert!(reason("cron(0 0 1 L ? *)").starts_with("Month field: L is not a value here"));
}

#[test]
fn hash_takes_one_expression_and_at_most_five() {
    assert_eq!(
        reason("cron(0 0 ? * 3#1,6#3 *)"),
        "Day-of-week field: with # the field holds one expression only, not the list 3#1,6#3"
    );
    assert!(reason("cron(0 0 ? * 3#6 *)").starts_with("Day-of-week field: #6 in 3#6"));
    assert!(reason("cron(0 0 ? * 8#1 *)").starts_with("Day-of-week field: 8 is outside"));
}

#[test]
fn l_and_w_stand_alone() {
    assert_eq!(
        reason("cron(0 0 1,L * ? *)"),
        "Day-of-month field: L must be the whole field, not part of 1,L"
    );
    assert_eq!(
        reason("cron(0 0 ? * 2,6L *)"),
        "Day-of-week field: 6L must be the whole field, not part of 2,6L"
    );
    assert!(reason("cron(0 0 32W * ? *)").starts_with("Day-of-month field: W needs one day 1-31"));
    assert!(reason("cron(0 0 W * ? *)").starts_with("Day-of-month field: W needs one day 1-31"));
}

#[test]
fn increments_need_a_useful_step() {
    assert_eq!(
        reason("cron(0/0 * * * ? *)"),
        "Minutes field: the increment in 0/0 must be at least 1"
    );
    assert!(
        reason("cron(0/75 * * * ? *)").starts_with("Minutes field: the increment in 0/75 is wider")
    );
    assert!(
        reason("cron(0 0 1 * ? 2030-2020)")
            .starts_with("Year field: the range 2030-2020 runs backwards")
    );
    assert!(reason("cron(1,,2 * * * ? *)").starts_with("Minutes field: an empty entry"));
}

#[test]
fn not_rate_or_cron() {
    assert!(reason("at(2026-03-15T02:00:00)").starts_with("expected rate(value unit) or cron("));
    assert_eq!(reason("rate(5 minutes"), "rate(…) is missing its closing )");
    assert!(reason("RATE(5 minutes)").starts_with("expected rate"));
}
