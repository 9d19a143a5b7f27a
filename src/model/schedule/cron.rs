//! AWS's six-field cron dialect, `cron(Minutes Hours Day-of-month Month Day-of-week Year)`:
//! parsing with a precise reason for each mistake, and the next matching minute in UTC.
//!
//! Unlike Unix cron, days of the week run 1 = SUN … 7 = SAT, a Year field follows, exactly one
//! of the two day fields is `?`, and `L`, `W` and `#` pick days relative to the month
//! (super::CRON_REFERENCE).

use std::fmt;

use time::{Date, Duration, Month, OffsetDateTime, Time, UtcOffset};

/// What one field accepts, from the table on AWS's cron reference page.
struct Rule {
    name: &'static str,
    min: u16,
    max: u16,
    /// The accepted values as error messages show them.
    shown: &'static str,
    /// Names accepted in place of numbers, the first one meaning `min`.
    names: &'static [&'static str],
    /// The wildcards AWS's table lists for the field.
    wildcards: &'static str,
}

const MINUTES: Rule = Rule {
    name: "Minutes",
    min: 0,
    max: 59,
    shown: "0-59",
    names: &[],
    wildcards: ", - * /",
};
const HOURS: Rule = Rule {
    name: "Hours",
    min: 0,
    max: 23,
    shown: "0-23",
    names: &[],
    wildcards: ", - * /",
};
const DAY_OF_MONTH: Rule = Rule {
    name: "Day-of-month",
    min: 1,
    max: 31,
    shown: "1-31",
    names: &[],
    wildcards: ", - * ? / L W",
};
const MONTH: Rule = Rule {
    name: "Month",
    min: 1,
    max: 12,
    shown: "1-12 (JAN-DEC)",
    names: &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ],
    wildcards: ", - * /",
};
const DAY_OF_WEEK: Rule = Rule {
    name: "Day-of-week",
    min: 1,
    max: 7,
    shown: "1-7 (SUN-SAT)",
    names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    wildcards: ", - * ? L #",
};
const YEAR: Rule = Rule {
    name: "Year",
    min: 1970,
    max: 2199,
    shown: "1970-2199",
    names: &[],
    wildcards: ", - * /",
};

/// Saturday in AWS's numbering: `L` alone in Day-of-week is "the last day of the week".
const SATURDAY: u8 = 7;
/// Sunday in AWS's numbering.
const SUNDAY: u8 = 1;

/// The values a field matches, as bits counted from the field's smallest value (the widest
/// field, Year, has 230 values).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Values {
    min: u16,
    bits: [u64; 4],
}

impl Values {
    fn empty(rule: &Rule) -> Values {
        Values {
            min: rule.min,
            bits: [0; 4],
        }
    }

    fn only(rule: &Rule, value: u16) -> Values {
        let mut values = Values::empty(rule);
        values.insert(value);
        values
    }

    /// Callers insert only values already checked against the field's range.
    fn insert(&mut self, value: u16) {
        let index = usize::from(value - self.min);
        self.bits[index / 64] |= 1 << (index % 64);
    }

    fn contains(&self, value: u16) -> bool {
        let Some(index) = value.checked_sub(self.min).map(usize::from) else {
            return false;
        };
        index < 256 && self.bits[index / 64] >> (index % 64) & 1 == 1
    }
}

/// The Day-of-month field.
#[derive(Clone, Debug, PartialEq, Eq)]
enum MonthDays {
    /// `?`: the Day-of-week field decides.
    Any,
    Days(Values),
    /// `L` (offset 0) or `L-n`: the last day of the month, or n days before it.
    Last {
        offset: u8,
    },
    /// `LW`: the last weekday (Monday to Friday) of the month.
    LastWeekday,
    /// `nW`: the weekday nearest to day n, within the same month.
    NearestWeekday(u8),
}

/// The Day-of-week field, days numbered 1 = SUN … 7 = SAT.
#[derive(Clone, Debug, PartialEq, Eq)]
enum WeekDays {
    /// `?`: the Day-of-month field decides.
    Any,
    Days(Values),
    /// `nL`: the last such weekday of the month, e.g. `6L` the last Friday.
    LastOf(u8),
    /// `n#k`: the k-th such weekday of the month, e.g. `3#2` the second Tuesday.
    Nth {
        weekday: u8,
        nth: u8,
    },
}

/// A parsed cron expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cron {
    minutes: Values,
    hours: Values,
    month_days: MonthDays,
    months: Values,
    week_days: WeekDays,
    years: Values,
    /// The six fields as read (upper case, single spaces), for display.
    text: String,
}

impl fmt::Display for Cron {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Cron {
    /// Parses the text between `cron(` and `)`; the error is the reason, naming the field.
    pub(super) fn parse(inside: &str) -> Result<Cron, String> {
        // Unconfirmed: AWS does not say whether names and wildcards ignore case. Quartz, whose
        // syntax this is, upper-cases the expression, and `mOn` is reported accepted by
        // EventBridge (grumBit/aws_cron_expression_validator#18); we do the same.
        let upper = inside.to_ascii_uppercase();
        let fields: Vec<&str> = upper.split_whitespace().collect();
        let [minutes, hours, month_days, months, week_days, years] = fields.as_slice() else {
            return Err(field_count_reason(fields.len()));
        };
        check_day_pair(month_days, week_days)?;
        Ok(Cron {
            minutes: parse_list(&MINUTES, minutes)?,
            hours: parse_list(&HOURS, hours)?,
            month_days: parse_month_days(month_days)?,
            months: parse_list(&MONTH, months)?,
            week_days: parse_week_days(week_days)?,
            years: parse_list(&YEAR, years)?,
            text: fields.join(" "),
        })
    }

    /// The first whole minute strictly after `after` that matches every field, in UTC.
    pub(super) fn next_after(&self, after: OffsetDateTime) -> Option<OffsetDateTime> {
        let after = after.to_offset(UtcOffset::UTC);
        let minute_start =
            after.replace_time(Time::from_hms(after.hour(), after.minute(), 0).ok()?);
        let first = minute_start.checked_add(Duration::minutes(1))?;
        let from = if first.year() < i32::from(YEAR.min) {
            Cursor {
                year: i32::from(YEAR.min),
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
            }
        } else {
            let (year, month, day) = (first.year(), u8::from(first.month()), first.day());
            Cursor {
                year,
                month,
                day,
                hour: first.hour(),
                minute: first.minute(),
            }
        };
        self.search(&from)
    }

    /// Walks years, months, days, hours and minutes from `from`, skipping each level that
    /// does not match; at most 230 years × 366 days of day checks, so no search limit is needed.
    fn search(&self, from: &Cursor) -> Option<OffsetDateTime> {
        for year in from.year..=i32::from(YEAR.max) {
            if !u16::try_from(year).is_ok_and(|year| self.years.contains(year)) {
                continue;
            }
            let first_month = if year == from.year { from.month } else { 1 };
            for month_number in first_month..=12 {
                if !self.months.contains(u16::from(month_number)) {
                    continue;
                }
                let month = Month::try_from(month_number).ok()?;
                let days_in_month = month.length(year);
                let same_month = year == from.year && month_number == from.month;
                let first_day = if same_month { from.day } else { 1 };
                for day in first_day..=days_in_month {
                    let date = Date::from_calendar_date(year, month, day).ok()?;
                    if !self.day_matches(date, days_in_month) {
                        continue;
                    }
                    let same_day = same_month && day == from.day;
                    if let Some(time) = self.first_time(same_day.then_some(from)) {
                        return Some(OffsetDateTime::new_utc(date, time));
                    }
                }
            }
        }
        None
    }

    /// The first matching time of a matching day, no earlier than `from`'s hour and minute
    /// when the day is `from`'s own.
    fn first_time(&self, from: Option<&Cursor>) -> Option<Time> {
        let first_hour = from.map_or(0, |from| from.hour);
        for hour in first_hour..24 {
            if !self.hours.contains(u16::from(hour)) {
                continue;
            }
            let first_minute = from
                .filter(|from| from.hour == hour)
                .map_or(0, |from| from.minute);
            if let Some(minute) = (first_minute..60).find(|m| self.minutes.contains(u16::from(*m)))
            {
                return Time::from_hms(hour, minute, 0).ok();
            }
        }
        None
    }

    fn day_matches(&self, date: Date, days_in_month: u8) -> bool {
        let day = date.day();
        // AWS numbers weekdays as `number_from_sunday` does: 1 = SUN … 7 = SAT.
        let weekday = date.weekday().number_from_sunday();
        let by_month = match &self.month_days {
            MonthDays::Any => true,
            MonthDays::Days(days) => days.contains(u16::from(day)),
            MonthDays::Last { offset } => days_in_month.checked_sub(*offset) == Some(day),
            MonthDays::LastWeekday => Some(day) == last_weekday(date, days_in_month),
            MonthDays::NearestWeekday(target) => {
                Some(day) == nearest_weekday(date, *target, days_in_month)
            }
        };
        let by_week = match &self.week_days {
            WeekDays::Any => true,
            WeekDays::Days(days) => days.contains(u16::from(weekday)),
            WeekDays::LastOf(last) => weekday == *last && day + 7 > days_in_month,
            WeekDays::Nth {
                weekday: wanted,
                nth,
            } => weekday == *wanted && (day - 1) / 7 + 1 == *nth,
        };
        by_month && by_week
    }
}

/// Where a search starts: the first candidate minute.
struct Cursor {
    year: i32,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
}

/// The weekday (1 = SUN … 7 = SAT) of another day in `date`'s month.
fn weekday_of(date: Date, day: u8) -> Option<u8> {
    Some(date.replace_day(day).ok()?.weekday().number_from_sunday())
}

/// `LW`: the month's last day, or the Friday before it when it falls on a weekend.
// Unconfirmed: `LW` is not in AWS's table; EventBridge is reported to accept it
// (serverless/serverless-local-schedule#12, grumBit/aws_cron_expression_validator#18) and we
// give it Quartz's meaning, "last weekday of the month".
fn last_weekday(date: Date, days_in_month: u8) -> Option<u8> {
    Some(match weekday_of(date, days_in_month)? {
        SATURDAY => days_in_month - 1,
        SUNDAY => days_in_month - 2,
        _ => days_in_month,
    })
}

/// `nW`: "the weekday closest to" day n (CRON_REFERENCE: "3W specifies the weekday closest to
/// the third day of the month").
// Unconfirmed: AWS does not say what happens at the month's edges or when day n does not exist.
// As Quartz does, the answer never leaves the month (1W on a Saturday is Monday the 3rd; 31W
// on a Sunday is Friday the 29th), and a month without day n (31W in April) is skipped.
fn nearest_weekday(date: Date, target: u8, days_in_month: u8) -> Option<u8> {
    if target > days_in_month {
        return None;
    }
    Some(match weekday_of(date, target)? {
        SATURDAY if target == 1 => 3,
        SATURDAY => target - 1,
        SUNDAY if target == days_in_month => target - 2,
        SUNDAY => target + 1,
        _ => target,
    })
}

fn field_count_reason(count: usize) -> String {
    let expected = "cron needs six fields (Minutes Hours Day-of-month Month Day-of-week Year)";
    match count {
        5 => {
            format!("{expected}, got 5: AWS's cron ends with a Year field, e.g. cron(0 10 * * ? *)")
        }
        _ => format!("{expected}, got {count}"),
    }
}

/// CRON_REFERENCE, "Limitations": "If you specify a value or a * (asterisk) in one of the
/// fields, you must use a ? (question mark) in the other."
fn check_day_pair(month_days: &str, week_days: &str) -> Result<(), String> {
    let both = "Day-of-month and Day-of-week fields";
    match (month_days == "?", week_days == "?") {
        (false, false) if month_days == "*" && week_days == "*" => Err(format!(
            "{both}: * in both; use ? in one of them, e.g. cron(0 10 * * ? *)"
        )),
        (false, false) => Err(format!(
            "{both}: one of them must be ? (got {month_days} and {week_days})"
        )),
        // Unconfirmed: the page does not forbid ? in both in so many words; the Lambda guide
        // says "one of" them must be ?, and Quartz rejects ? in both, so do we.
        (true, true) => Err(format!("{both}: ? in both; one of them must name the days")),
        _ => Ok(()),
    }
}

/// A field of values, ranges, `*` and increments separated by commas.
fn parse_list(rule: &Rule, text: &str) -> Result<Values, String> {
    let mut values = Values::empty(rule);
    for item in text.split(',') {
        parse_item(rule, item, text, &mut values)?;
    }
    Ok(values)
}

/// One list item: `*`, `a`, `a-b`, each optionally followed by `/step`.
fn parse_item(rule: &Rule, item: &str, field: &str, values: &mut Values) -> Result<(), String> {
    if item.is_empty() {
        return Err(format!("{} field: an empty entry in {field}", rule.name));
    }
    for symbol in ['/', '*', '?', '#'] {
        if item.contains(symbol) && !rule.wildcards.contains(symbol) {
            return Err(not_allowed(rule, symbol));
        }
    }
    if item.contains('?') {
        return Err(format!(
            "{} field: ? must be the whole field, not part of {field}",
            rule.name
        ));
    }
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => (range, parse_step(rule, item, step)?),
        None => (item, 0),
    };
    let (first, last) = if range == "*" {
        (rule.min, rule.max)
    } else if let Some((first, last)) = range.split_once('-') {
        (
            parse_value(rule, first, item)?,
            parse_value(rule, last, item)?,
        )
    } else {
        let first = parse_value(rule, range, item)?;
        // `a/step` runs from a to the end of the field (CRON_REFERENCE: "1/10 … the 11th, 21st,
        // and 31st minute, and so on").
        (first, if step > 0 { rule.max } else { first })
    };
    let span = rule.max - rule.min + 1;
    let count = if first <= last {
        last - first + 1
    } else if rule.name == YEAR.name {
        // Unconfirmed: AWS documents wrapping only for hours; a year range cannot wrap.
        return Err(format!("Year field: the range {range} runs backwards"));
    } else {
        // A range may wrap past the field's end: SCHEDULED_RULES gives hours `20-2`, "10:00 pm
        // … to 2:00 am on the following day".
        // Unconfirmed: wrapping in the other fields (e.g. FRI-MON, NOV-FEB) follows Quartz.
        span - (first - last) + 1
    };
    for index in (0..count).step_by(usize::from(step.max(1))) {
        let value = first + index;
        values.insert(if value > rule.max {
            value - span
        } else {
            value
        });
    }
    Ok(())
}

/// The increment after `/`.
// Unconfirmed: AWS documents no bounds; 0 repeats nothing, and like Quartz we refuse steps
// wider than the field's range (e.g. 0/75 in Minutes).
fn parse_step(rule: &Rule, item: &str, step: &str) -> Result<u16, String> {
    let name = rule.name;
    if step.is_empty() || !step.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{name} field: the increment in {item} must be a whole number"
        ));
    }
    let span = rule.max - rule.min + 1;
    match step.parse::<u16>() {
        Ok(0) => Err(format!(
            "{name} field: the increment in {item} must be at least 1"
        )),
        Ok(step) if step <= span => Ok(step),
        _ => Err(format!(
            "{name} field: the increment in {item} is wider than the field's {}",
            rule.shown
        )),
    }
}

/// A number or a name, checked against the field's range.
fn parse_value(rule: &Rule, token: &str, item: &str) -> Result<u16, String> {
    let name = rule.name;
    if token.is_empty() {
        return Err(format!("{name} field: a value is missing in {item}"));
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        return match token.parse::<u16>() {
            Ok(value) if (rule.min..=rule.max).contains(&value) => Ok(value),
            _ => Err(format!("{name} field: {token} is outside {}", rule.shown)),
        };
    }
    if let Some(index) = rule.names.iter().position(|known| *known == token) {
        // At most 12 names, so the index fits.
        return Ok(rule.min + u16::try_from(index).unwrap_or_default());
    }
    Err(format!(
        "{name} field: {token} is not a value here (expected {})",
        rule.shown
    ))
}

fn not_allowed(rule: &Rule, symbol: char) -> String {
    format!(
        "{} field: {symbol} is not allowed here (this field takes {})",
        rule.name, rule.wildcards
    )
}

/// Day-of-month: `?`, `L`, `L-n`, `LW`, `nW`, or a list.
fn parse_month_days(text: &str) -> Result<MonthDays, String> {
    let rule = &DAY_OF_MONTH;
    if text == "?" {
        return Ok(MonthDays::Any);
    }
    let special = |item: &str| item.starts_with('L') || item.ends_with('W');
    // Unconfirmed: AWS does not say whether L and W combine with lists; Quartz refuses it.
    if text.contains(',')
        && let Some(item) = text.split(',').find(|item| special(item))
    {
        return Err(format!(
            "Day-of-month field: {item} must be the whole field, not part of {text}"
        ));
    }
    if text == "L" {
        return Ok(MonthDays::Last { offset: 0 });
    }
    if text == "LW" {
        return Ok(MonthDays::LastWeekday);
    }
    if let Some(offset) = text.strip_prefix("L-") {
        // Unconfirmed: `L-n` (n days before the last) is Quartz syntax, not in AWS's table;
        // EventBridge is reported to accept it (grumBit/aws_cron_expression_validator#17).
        return match whole_number(offset) {
            Some(offset) if offset <= 30 => Ok(MonthDays::Last { offset }),
            _ => Err(format!(
                "Day-of-month field: {text} needs 0-30 days after L-, e.g. L-3"
            )),
        };
    }
    if let Some(day) = text.strip_suffix('W') {
        return match whole_number(day) {
            Some(day) if (1..=31).contains(&day) => Ok(MonthDays::NearestWeekday(day)),
            _ => Err(format!(
                "Day-of-month field: W needs one day 1-31 before it, e.g. 15W; got {text}"
            )),
        };
    }
    if text.contains('L') {
        return Err(format!(
            "Day-of-month field: L must be the whole field (L, LW or L-n), not {text}"
        ));
    }
    parse_list(rule, text).map(MonthDays::Days)
}

/// Digits only (so that `+3` is refused, which `str::parse` would take), fitting in a byte.
fn whole_number(text: &str) -> Option<u8> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if digits { text.parse().ok() } else { None }
}

/// Day-of-week: `?`, `L`, `nL`, `n#k`, or a list.
fn parse_week_days(text: &str) -> Result<WeekDays, String> {
    let rule = &DAY_OF_WEEK;
    if text == "?" {
        return Ok(WeekDays::Any);
    }
    if text.contains('/') {
        // AWS's table lists no `/` for Day-of-week.
        return Err(not_allowed(rule, '/'));
    }
    if text.contains('#') {
        // CRON_REFERENCE: "If you use a '#' character, you can define only one expression in
        // the day-of-week field. For example, "3#1,6#3" is not valid".
        if text.contains(',') {
            return Err(format!(
                "Day-of-week field: with # the field holds one expression only, not the list {text}"
            ));
        }
        let (day, nth) = text.split_once('#').unwrap_or((text, ""));
        let weekday = parse_weekday(day, text)?;
        return match whole_number(nth) {
            Some(nth) if (1..=5).contains(&nth) => Ok(WeekDays::Nth { weekday, nth }),
            _ => Err(format!(
                "Day-of-week field: #{nth} in {text}: a month has at most five of a weekday (#1-#5)"
            )),
        };
    }
    if text == "L" {
        // CRON_REFERENCE: L in Day-of-week "specifies the last day of the … week": Saturday.
        return Ok(WeekDays::Days(Values::only(rule, u16::from(SATURDAY))));
    }
    // Unconfirmed: as in Day-of-month, Quartz refuses `nL` inside a list; so do we.
    if text.contains(',')
        && let Some(item) = text.split(',').find(|item| item.ends_with('L'))
    {
        return Err(format!(
            "Day-of-week field: {item} must be the whole field, not part of {text}"
        ));
    }
    if let Some(day) = text.strip_suffix('L') {
        // SCHEDULED_RULES: `cron(15 10 ? * 6L 2019-2022)` runs "on the last Friday of each
        // month".
        return Ok(WeekDays::LastOf(parse_weekday(day, text)?));
    }
    parse_list(rule, text).map(WeekDays::Days)
}

fn parse_weekday(token: &str, item: &str) -> Result<u8, String> {
    let value = parse_value(&DAY_OF_WEEK, token, item)?;
    // Day-of-week values are 1-7, so the conversion cannot fail.
    Ok(u8::try_from(value).unwrap_or(SATURDAY))
}
