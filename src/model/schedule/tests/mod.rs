use super::*;
use std::collections::BTreeSet;
use time::{Date, Month};

mod errors;

/// A whole UTC minute.
fn utc(year: i32, month: u8, day: u8, hour: u8, minute: u8) -> OffsetDateTime {
    let month = Month::try_from(month).unwrap();
    let date = Date::from_calendar_date(year, month, day).unwrap();
    date.with_hms(hour, minute, 0).unwrap().assume_utc()
}

/// The next `n` fire times of a cron expression (cron ignores the rule's start).
fn cron_times(text: &str, after: OffsetDateTime, n: usize) -> Vec<OffsetDateTime> {
    parse(text)
        .unwrap()
        .next_n(OffsetDateTime::UNIX_EPOCH, after, n)
}

fn reason(text: &str) -> String {
    parse(text).unwrap_err().reason
}

// Friday 13 March 2026, 09:30 UTC: the reference "now" of most tests.
fn friday() -> OffsetDateTime {
    utc(2026, 3, 13, 9, 30)
}

// --- AWS's example table (SCHEDULED_RULES) -------------------------------------------------

#[test]
fn ten_am_every_day() {
    let times = cron_times("cron(0 10 * * ? *)", friday(), 3);
    let expected = [
        utc(2026, 3, 13, 10, 0),
        utc(2026, 3, 14, 10, 0),
        utc(2026, 3, 15, 10, 0),
    ];
    assert_eq!(times, expected);
}

#[test]
fn twelve_fifteen_every_day_is_strictly_after() {
    let times = cron_times("cron(15 12 * * ? *)", utc(2026, 3, 13, 12, 15), 2);
    assert_eq!(times, [utc(2026, 3, 14, 12, 15), utc(2026, 3, 15, 12, 15)]);
}

#[test]
fn six_pm_monday_to_friday_skips_the_weekend() {
    let times = cron_times("cron(0 18 ? * MON-FRI *)", utc(2026, 3, 13, 18, 0), 2);
    // Friday 18:00 itself is not after; Saturday and Sunday are skipped.
    assert_eq!(times, [utc(2026, 3, 16, 18, 0), utc(2026, 3, 17, 18, 0)]);
}

#[test]
fn eight_am_on_the_first_of_the_month() {
    let times = cron_times("cron(0 8 1 * ? *)", friday(), 2);
    assert_eq!(times, [utc(2026, 4, 1, 8, 0), utc(2026, 5, 1, 8, 0)]);
}

#[test]
fn every_fifteen_minutes() {
    let times = cron_times("cron(0/15 * * * ? *)", utc(2026, 3, 13, 9, 30), 3);
    assert_eq!(
        times,
        [
            utc(2026, 3, 13, 9, 45),
            utc(2026, 3, 13, 10, 0),
            utc(2026, 3, 13, 10, 15)
        ]
    );
}

#[test]
fn seconds_past_a_fire_minute_count_as_after_it() {
    let after = utc(2026, 3, 13, 9, 45) + Duration::seconds(30);
    assert_eq!(
        cron_times("cron(0/15 * * * ? *)", after, 1),
        [utc(2026, 3, 13, 10, 0)]
    );
}

#[test]
fn every_ten_minutes_on_weekdays_resumes_on_monday() {
    let times = cron_times("cron(0/10 * ? * MON-FRI *)", utc(2026, 3, 13, 23, 55), 2);
    assert_eq!(times, [utc(2026, 3, 16, 0, 0), utc(2026, 3, 16, 0, 10)]);
}

#[test]
fn every_five_minutes_in_office_hours_ends_at_five_fifty_five() {
    let expression = "cron(0/5 8-17 ? * MON-FRI *)";
    assert_eq!(
        cron_times(expression, utc(2026, 3, 13, 17, 50), 1),
        [utc(2026, 3, 13, 17, 55)]
    );
    assert_eq!(
        cron_times(expression, utc(2026, 3, 13, 17, 55), 1),
        [utc(2026, 3, 16, 8, 0)]
    );
}

#[test]
fn wrapping_hours_run_past_midnight() {
    // "0/30 20-2": 20:00 … 23:30, then 00:00 … 02:30 of days that are themselves MON-FRI
    // (fields match each minute on its own, so Saturday 00:00 is skipped).
    let times = cron_times("cron(0/30 20-2 ? * MON-FRI *)", utc(2026, 3, 13, 23, 0), 8);
    let monday = |hour, minute| utc(2026, 3, 16, hour, minute);
    let expected = [
        utc(2026, 3, 13, 23, 30),
        monday(0, 0),
        monday(0, 30),
        monday(1, 0),
        monday(1, 30),
        monday(2, 0),
        monday(2, 30),
        monday(20, 0),
    ];
    assert_eq!(times, expected);
}

#[test]
fn put_rule_examples_from_the_cli_section() {
    assert_eq!(
        cron_times("cron(0 12 * * ? *)", friday(), 1),
        [utc(2026, 3, 13, 12, 0)]
    );
    let times = cron_times("cron(5,35 14 * * ? *)", utc(2026, 3, 13, 14, 5), 2);
    assert_eq!(times, [utc(2026, 3, 13, 14, 35), utc(2026, 3, 14, 14, 5)]);
}

#[test]
fn last_friday_in_2019_to_2022_then_nothing() {
    let times = cron_times("cron(15 10 ? * 6L 2019-2022)", utc(2022, 11, 1, 0, 0), 3);
    assert_eq!(
        times,
        [utc(2022, 11, 25, 10, 15), utc(2022, 12, 30, 10, 15)]
    );
}

// --- The Lambda guide's table (LAMBDA_SCHEDULE_EXAMPLES) -----------------------------------

#[test]
fn ten_fifteen_every_day() {
    assert_eq!(
        cron_times("cron(15 10 * * ? *)", friday(), 1),
        [utc(2026, 3, 13, 10, 15)]
    );
}

#[test]
fn nine_am_on_the_first_monday_of_each_month() {
    let times = cron_times("cron(0 9 ? * 2#1 *)", friday(), 3);
    assert_eq!(
        times,
        [
            utc(2026, 4, 6, 9, 0),
            utc(2026, 5, 4, 9, 0),
            utc(2026, 6, 1, 9, 0)
        ]
    );
}

// --- L, W and # ------------------------------------------------------------------------------

#[test]
fn last_day_of_february_in_leap_and_common_years() {
    let last = "cron(0 0 L * ? *)";
    assert_eq!(
        cron_times(last, utc(2024, 2, 1, 0, 0), 2),
        [utc(2024, 2, 29, 0, 0), utc(2024, 3, 31, 0, 0)]
    );
    assert_eq!(
        cron_times(last, utc(2026, 2, 1, 0, 0), 1),
        [utc(2026, 2, 28, 0, 0)]
    );
    // 2100 is divisible by 100 and not by 400: no 29 February.
    assert_eq!(
        cron_times("cron(0 0 L 2 ? *)", utc(2099, 3, 1, 0, 0), 1),
        [utc(2100, 2, 28, 0, 0)]
    );
}

#[test]
fn twenty_ninth_of_february_waits_for_a_leap_year() {
    let times = cron_times("cron(0 0 29 2 ? *)", utc(2026, 1, 1, 0, 0), 1);
    assert_eq!(times, [utc(2028, 2, 29, 0, 0)]);
}

#[test]
fn l_minus_three_is_three_days_before_the_last() {
    let times = cron_times("cron(0 0 L-3 * ? *)", utc(2026, 2, 1, 0, 0), 2);
    assert_eq!(times, [utc(2026, 2, 25, 0, 0), utc(2026, 3, 28, 0, 0)]);
}

#[test]
fn last_weekday_of_the_month() {
    let times = cron_times("cron(5 0 LW * ? 2026)", utc(2026, 1, 1, 0, 0), 5);
    // 31 Jan is a Saturday, 28 Feb a Saturday, 31 May a Sunday: each moves back to Friday.
    let expected = [
        utc(2026, 1, 30, 0, 5),
        utc(2026, 2, 27, 0, 5),
        utc(2026, 3, 31, 0, 5),
        utc(2026, 4, 30, 0, 5),
        utc(2026, 5, 29, 0, 5),
    ];
    assert_eq!(times, expected);
}

#[test]
fn nearest_weekday_to_the_fifteenth() {
    let times = cron_times("cron(0 12 15W * ? *)", utc(2026, 2, 1, 0, 0), 3);
    // 15 Feb 2026 is a Sunday (→ Monday 16), 15 Mar a Sunday (→ 16), 15 Apr a Wednesday.
    let expected = [
        utc(2026, 2, 16, 12, 0),
        utc(2026, 3, 16, 12, 0),
        utc(2026, 4, 15, 12, 0),
    ];
    assert_eq!(times, expected);
    // 15 Aug 2026 is a Saturday: Friday the 14th.
    let august = cron_times("cron(0 12 15W * ? *)", utc(2026, 8, 1, 0, 0), 1);
    assert_eq!(august, [utc(2026, 8, 14, 12, 0)]);
}

#[test]
fn thirty_one_w_on_a_sunday_stays_in_its_month_and_skips_short_months() {
    let times = cron_times("cron(5 0 31W * ? 2026)", utc(2026, 1, 1, 0, 0), 7);
    // 31 Jan is a Saturday (→ 30), 31 May a Sunday (→ Friday 29, not Monday 1 June), 31 Oct a
    // Saturday (→ 30); February, April, June, September and November have no 31st.
    let expected = [
        utc(2026, 1, 30, 0, 5),
        utc(2026, 3, 31, 0, 5),
        utc(2026, 5, 29, 0, 5),
        utc(2026, 7, 31, 0, 5),
        utc(2026, 8, 31, 0, 5),
        utc(2026, 10, 30, 0, 5),
        utc(2026, 12, 31, 0, 5),
    ];
    assert_eq!(times, expected);
}

#[test]
fn one_w_on_a_weekend_does_not_go_back_into_the_previous_month() {
    // 1 Mar 2026 is a Sunday (→ Monday 2); 1 Aug 2026 a Saturday (→ Monday 3, not Friday 31 Jul).
    assert_eq!(
        cron_times("cron(0 0 1W 3 ? *)", utc(2026, 1, 1, 0, 0), 1),
        [utc(2026, 3, 2, 0, 0)]
    );
    assert_eq!(
        cron_times("cron(0 0 1W 8 ? *)", utc(2026, 1, 1, 0, 0), 1),
        [utc(2026, 8, 3, 0, 0)]
    );
}

#[test]
fn second_tuesday_and_fifth_friday() {
    let tuesdays = cron_times("cron(0 9 ? * 3#2 *)", utc(2026, 3, 1, 0, 0), 3);
    assert_eq!(
        tuesdays,
        [
            utc(2026, 3, 10, 9, 0),
            utc(2026, 4, 14, 9, 0),
            utc(2026, 5, 12, 9, 0)
        ]
    );
    // Only some months have a fifth Friday: in 2026 January, May, July and October.
    let fifth = cron_times("cron(0 0 ? * FRI#5 2026)", utc(2026, 1, 1, 0, 0), 5);
    let expected = [
        utc(2026, 1, 30, 0, 0),
        utc(2026, 5, 29, 0, 0),
        utc(2026, 7, 31, 0, 0),
        utc(2026, 10, 30, 0, 0),
    ];
    assert_eq!(fifth, expected);
}

#[test]
fn l_alone_in_day_of_week_is_saturday() {
    let times = cron_times("cron(0 0 ? * L *)", friday(), 2);
    assert_eq!(times, [utc(2026, 3, 14, 0, 0), utc(2026, 3, 21, 0, 0)]);
}

#[test]
fn weekday_numbers_start_at_sunday_and_names_ignore_case() {
    let by_number = cron_times("cron(0 0 ? * 1 *)", friday(), 1);
    assert_eq!(by_number, [utc(2026, 3, 15, 0, 0)]);
    assert_eq!(cron_times("cron(0 0 ? * sun *)", friday(), 1), by_number);
}

#[test]
fn wrapping_weekday_and_month_ranges() {
    // FRI-MON: Friday, Saturday, Sunday, Monday.
    let days = cron_times("cron(0 0 ? * FRI-MON *)", utc(2026, 3, 12, 0, 0), 4);
    let expected = [
        utc(2026, 3, 13, 0, 0),
        utc(2026, 3, 14, 0, 0),
        utc(2026, 3, 15, 0, 0),
        utc(2026, 3, 16, 0, 0),
    ];
    assert_eq!(days, expected);
    let months = cron_times("cron(0 0 1 NOV-FEB ? *)", friday(), 2);
    assert_eq!(months, [utc(2026, 11, 1, 0, 0), utc(2026, 12, 1, 0, 0)]);
}

#[test]
fn steps_inside_ranges_and_star_steps() {
    let times = cron_times("cron(*/20 8-12/2 * * ? *)", utc(2026, 3, 13, 10, 40), 4);
    let expected = [
        utc(2026, 3, 13, 12, 0),
        utc(2026, 3, 13, 12, 20),
        utc(2026, 3, 13, 12, 40),
        utc(2026, 3, 14, 8, 0),
    ];
    assert_eq!(times, expected);
}

// --- The end of a schedule -------------------------------------------------------------------

#[test]
fn no_time_after_a_past_year_or_beyond_2199() {
    assert!(cron_times("cron(0 0 1 1 ? 2020)", friday(), 3).is_empty());
    assert!(cron_times("cron(0 0 1 1 ? *)", utc(2199, 6, 1, 0, 0), 1).is_empty());
}

#[test]
fn a_date_no_month_has_never_fires() {
    assert!(cron_times("cron(0 0 30 2 ? *)", friday(), 1).is_empty());
}

#[test]
fn before_1970_the_first_time_is_in_1970() {
    let after = utc(1900, 6, 1, 0, 0);
    let times = parse("cron(0 0 1 1 ? *)").unwrap().next_n(after, after, 1);
    assert_eq!(times, [utc(1970, 1, 1, 0, 0)]);
}

#[test]
fn cron_fires_nothing_before_the_rule_exists() {
    let expression = parse("cron(0 10 * * ? *)").unwrap();
    let created = utc(2026, 3, 13, 11, 0);
    let next = expression.next_after(created, utc(2026, 3, 1, 0, 0));
    assert_eq!(next, Some(utc(2026, 3, 14, 10, 0)));
}

#[test]
fn cron_times_are_utc_whatever_offset_after_carries() {
    let plus_two = time::UtcOffset::from_hms(2, 0, 0).unwrap();
    let after = utc(2026, 3, 13, 9, 30).to_offset(plus_two);
    assert_eq!(
        cron_times("cron(0 10 * * ? *)", after, 1),
        [utc(2026, 3, 13, 10, 0)]
    );
}

// --- Rate expressions --------------------------------------------------------------------------

#[test]
fn rate_counts_whole_periods_from_the_start() {
    let expression = parse("rate(5 minutes)").unwrap();
    let start = utc(2026, 3, 13, 10, 0);
    assert_eq!(
        expression.next_after(start, start),
        Some(utc(2026, 3, 13, 10, 5))
    );
    assert_eq!(
        expression.next_after(start, utc(2026, 3, 13, 10, 7)),
        Some(utc(2026, 3, 13, 10, 10))
    );
    assert_eq!(
        expression.next_after(start, utc(2026, 3, 13, 10, 10)),
        Some(utc(2026, 3, 13, 10, 15))
    );
    // Asked about a time before the rule existed: its first run.
    assert_eq!(
        expression.next_after(start, utc(2026, 3, 13, 9, 0)),
        Some(utc(2026, 3, 13, 10, 5))
    );
}

#[test]
fn rate_keeps_the_seconds_of_its_start() {
    let start = utc(2026, 3, 13, 10, 0) + Duration::seconds(30);
    let times = parse("rate(1 day)").unwrap().next_n(start, start, 2);
    let second = Duration::seconds(30);
    assert_eq!(
        times,
        [
            utc(2026, 3, 14, 10, 0) + second,
            utc(2026, 3, 15, 10, 0) + second
        ]
    );
}

#[test]
fn rate_ends_where_dates_end() {
    let expression = parse("rate(4294967295 days)").unwrap();
    let start = utc(2026, 3, 13, 10, 0);
    assert_eq!(expression.next_after(start, start), None);
}

#[test]
fn rate_units_and_periods() {
    let cases = [
        ("rate(1 minute)", 60),
        ("rate(5 minutes)", 300),
        ("rate(1 hour)", 3_600),
        ("rate(12 hours)", 43_200),
        ("rate(1 day)", 86_400),
        ("rate(7 days)", 604_800),
    ];
    for (text, period_secs) in cases {
        let expression = parse(text).unwrap();
        assert_eq!(expression.period_secs(), Some(period_secs), "{text}");
        assert_eq!(expression.to_string(), text);
    }
}

#[test]
fn cron_display_is_normalised() {
    assert_eq!(
        parse(" cron(0  9 ? *  mon-fri *) ").unwrap().to_string(),
        "cron(0 9 ? * MON-FRI *)"
    );
}

// --- The Scheduled Event -----------------------------------------------------------------------

fn sample_event() -> Value {
    let text = include_str!("../../../../sample-events/eventbridge/scheduled.json");
    serde_json::from_str(text).unwrap()
}

#[test]
fn scheduled_event_equals_the_shipped_sample() {
    let id = "02d36fe1-af6b-4e66-aecb-4472fcbb8886";
    let event = scheduled_event("nightly-report", utc(2026, 3, 15, 2, 0), id);
    assert_eq!(event, sample_event());
}

fn key_paths(value: &Value, prefix: &str, paths: &mut BTreeSet<String>) {
    if let Value::Object(map) = value {
        for (key, child) in map {
            let path = format!("{prefix}/{key}");
            key_paths(child, &path, paths);
            paths.insert(path);
        }
    }
}

#[test]
fn scheduled_event_has_the_sample_keys_and_a_utc_time_to_the_second() {
    let plus_two = time::UtcOffset::from_hms(2, 0, 0).unwrap();
    let fire = (utc(2026, 7, 1, 6, 5) + Duration::seconds(9)).to_offset(plus_two);
    let event = scheduled_event("every-five", fire, "id-1");
    let (mut ours, mut sample) = (BTreeSet::new(), BTreeSet::new());
    key_paths(&event, "", &mut ours);
    key_paths(&sample_event(), "", &mut sample);
    assert_eq!(ours, sample);
    assert_eq!(event["time"], "2026-07-01T06:05:09Z");
    assert_eq!(
        event["resources"][0],
        "arn:aws:events:us-east-1:123456789012:rule/every-five"
    );
}
