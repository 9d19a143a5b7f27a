//! EventBridge schedule expressions: parse `rate(...)` and `cron(...)` by AWS's rules, list the
//! next fire times, and build the "Scheduled Event" a scheduled rule sends to its Lambda target.
//!
//! The rules come from the AWS pages named in the constants below ([`CRON_REFERENCE`],
//! [`RATE_REFERENCE`], [`SCHEDULED_RULES`], [`LAMBDA_SCHEDULE_EXAMPLES`]). Where AWS documents
//! nothing (how `W` behaves at a month's edge, `LW`, `L-n`, lists mixed with `L`), the code
//! follows the Quartz scheduler whose syntax AWS's dialect shares, and says so in an
//! `// Unconfirmed:` comment. Cron times are UTC, as scheduled rules are. Pure: no clock and no
//! I/O; callers pass the times.

mod cron;

use std::fmt;

use serde_json::{Value, json};
use time::{Duration, OffsetDateTime, UtcOffset};

pub use cron::Cron;

/// EventBridge User Guide, "Cron expressions reference": the six fields, their values and
/// wildcards, the `?` rule between the two day fields, and the `#` note.
pub const CRON_REFERENCE: &str =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html";
/// EventBridge User Guide, "Rate expressions reference": `rate(value unit)`, singular unit for 1,
/// plural above, and "starts when you create the scheduled event rule".
pub const RATE_REFERENCE: &str =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html";
/// EventBridge User Guide, "Using cron and rate expressions to schedule rules": the table of
/// example cron strings (including the wrapping hours `20-2`) and `6L`, last Friday.
pub const SCHEDULED_RULES: &str =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html";
/// Lambda Developer Guide, "Schedule expressions using rate or cron" (as archived in
/// awsdocs/aws-lambda-developer-guide): the examples table with `cron(0 9 ? * 2#1 *)`, "9:00 AM
/// on the first Monday of each month", and "One of the day-of-month or day-of-week values must
/// be a question mark".
pub const LAMBDA_SCHEDULE_EXAMPLES: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchevents-expressions.html";

/// The error code PutRule answers an invalid expression with (HTTP 400).
pub const PUT_RULE_ERROR_CODE: &str = "ValidationException";
/// The message of that error.
// Unconfirmed: the PutRule API reference lists ValidationException but not its text; this is
// the text AWS returns as quoted in reports of real calls (localstack/localstack#12156,
// buildkite/buildkite-agent-scaler#100, zappa/Zappa#36). AWS gives no reason after it.
pub const PUT_RULE_MESSAGE: &str = "Parameter ScheduleExpression is not valid.";

/// The pretend account and region in rule ARNs, the app's one pair.
pub use super::lambda::{ACCOUNT_ID, REGION};

/// Why an expression is not valid: AWS's own message, then our precise reason (naming the
/// field and the value), because AWS's message alone does not say what to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} {reason}", message = PUT_RULE_MESSAGE)]
pub struct ScheduleError {
    /// What is wrong, e.g. "Day-of-week field: 8 is outside 1-7 (SUN-SAT)".
    pub reason: String,
}

impl ScheduleError {
    fn new(reason: impl Into<String>) -> ScheduleError {
        ScheduleError {
            reason: reason.into(),
        }
    }
}

/// The unit of a rate expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateUnit {
    Minutes,
    Hours,
    Days,
}

impl RateUnit {
    /// The length of one unit.
    pub const fn secs(self) -> u64 {
        match self {
            RateUnit::Minutes => 60,
            RateUnit::Hours => 3_600,
            RateUnit::Days => 86_400,
        }
    }

    /// The word AWS requires after a value of 1.
    pub const fn singular(self) -> &'static str {
        match self {
            RateUnit::Minutes => "minute",
            RateUnit::Hours => "hour",
            RateUnit::Days => "day",
        }
    }

    /// The word AWS requires after a value above 1.
    pub const fn plural(self) -> &'static str {
        match self {
            RateUnit::Minutes => "minutes",
            RateUnit::Hours => "hours",
            RateUnit::Days => "days",
        }
    }
}

/// A valid schedule expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expression {
    /// `rate(value unit)`: every `value` units, counted from when the rule was created.
    Rate { value: u32, unit: RateUnit },
    /// `cron(fields)`: the minutes whose UTC date and time match all six fields.
    Cron(Cron),
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expression::Rate { value, unit } => {
                let word = if *value == 1 {
                    unit.singular()
                } else {
                    unit.plural()
                };
                write!(f, "rate({value} {word})")
            }
            Expression::Cron(cron) => write!(f, "cron({cron})"),
        }
    }
}

impl Expression {
    /// The period of a rate expression; `None` for cron.
    pub fn period_secs(&self) -> Option<u64> {
        match self {
            Expression::Rate { value, unit } => Some(u64::from(*value) * unit.secs()),
            Expression::Cron(_) => None,
        }
    }

    /// The first fire time strictly after `after` of a rule created (or enabled) at `start`.
    ///
    /// `start` anchors rate schedules: AWS says a rate expression "starts when you create the
    /// scheduled event rule" ([`RATE_REFERENCE`]), so a rate rule fires at
    /// `start + k × period`, k = 1, 2, … Cron times do not depend on it, but a rule fires
    /// nothing before it exists, so cron times are also after `start`. Cron times are whole
    /// UTC minutes; `None` when nothing is left (a past Year field, or beyond 2199, or a date
    /// no month has, such as `cron(0 0 30 2 ? *)`).
    pub fn next_after(
        &self,
        start: OffsetDateTime,
        after: OffsetDateTime,
    ) -> Option<OffsetDateTime> {
        match self {
            Expression::Rate { .. } => next_rate(self.period_secs()?, start, after),
            Expression::Cron(cron) => cron.next_after(after.max(start)),
        }
    }

    /// The next `n` fire times after `after`, as [`Expression::next_after`] would give them one
    /// by one; fewer when the schedule ends.
    pub fn next_n(
        &self,
        start: OffsetDateTime,
        after: OffsetDateTime,
        n: usize,
    ) -> Vec<OffsetDateTime> {
        // Capacity is capped so that a huge `n` from a form costs memory only as times come.
        let mut times = Vec::with_capacity(n.min(1_024));
        let mut previous = after;
        while times.len() < n {
            let Some(next) = self.next_after(start, previous) else {
                break;
            };
            times.push(next);
            previous = next;
        }
        times
    }
}

/// `start + k × period` for the smallest k ≥ 1 that lands strictly after `after`.
// Unconfirmed: AWS does not say whether the first run comes at creation or one period later,
// nor whether creation time is rounded to the minute; we take one period after `start`, as
// written. (EventBridge Scheduler's rate schedules without a StartDate start "immediately",
// but those are Scheduler schedules, not the rules this event comes from.)
fn next_rate(
    period_secs: u64,
    start: OffsetDateTime,
    after: OffsetDateTime,
) -> Option<OffsetDateTime> {
    let period_nanos = i128::from(period_secs) * 1_000_000_000;
    let elapsed_nanos = (after - start).whole_nanoseconds();
    let periods = if elapsed_nanos < 0 {
        1
    } else {
        elapsed_nanos / period_nanos + 1
    };
    let offset_secs = i64::try_from(periods.checked_mul(i128::from(period_secs))?).ok()?;
    start.checked_add(Duration::seconds(offset_secs))
}

/// Parses a schedule expression the way PutRule validates `ScheduleExpression`.
///
/// Surrounding white space is ignored.
// Unconfirmed: whether AWS trims it; we do, so a stray space typed in a form is no error.
pub fn parse(text: &str) -> Result<Expression, ScheduleError> {
    let text = text.trim();
    if let Some(inside) = call_inside(text, "rate")? {
        return parse_rate(inside);
    }
    if let Some(inside) = call_inside(text, "cron")? {
        return Cron::parse(inside)
            .map(Expression::Cron)
            .map_err(ScheduleError::new);
    }
    Err(ScheduleError::new(format!(
        "expected rate(value unit) or cron(Minutes Hours Day-of-month Month Day-of-week Year), \
         got {text:?}"
    )))
}

/// What is between `name(` and the final `)`; `None` when `text` is not a call of `name`.
fn call_inside<'a>(text: &'a str, name: &str) -> Result<Option<&'a str>, ScheduleError> {
    let Some(rest) = text
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('('))
    else {
        return Ok(None);
    };
    match rest.strip_suffix(')') {
        Some(inside) => Ok(Some(inside)),
        None => Err(ScheduleError::new(format!(
            "{name}(…) is missing its closing )"
        ))),
    }
}

/// `rate(value unit)` by [`RATE_REFERENCE`]: a positive whole value, and the unit singular for
/// 1 and plural otherwise ("rate(1 hours) and rate(5 hour) aren't valid"). EventBridge
/// Scheduler's "Schedule types" page lists only `minutes | hours | days`; we apply the rules'
/// stricter singular/plural rule, since the event built here is a scheduled rule's.
// Unconfirmed: AWS documents no largest value; we accept any that fits in 32 bits.
fn parse_rate(inside: &str) -> Result<Expression, ScheduleError> {
    let parts: Vec<&str> = inside.split_whitespace().collect();
    let [value_text, unit_text] = parts.as_slice() else {
        return Err(ScheduleError::new(format!(
            "rate needs a value and a unit, e.g. rate(5 minutes); got rate({inside})"
        )));
    };
    if !value_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ScheduleError::new(format!(
            "Rate value: {value_text} is not a positive whole number, e.g. rate(5 minutes)"
        )));
    }
    let value: u32 = value_text
        .parse()
        .map_err(|_| ScheduleError::new(format!("Rate value: {value_text} is too large")))?;
    if value == 0 {
        return Err(ScheduleError::new(
            "Rate value: 0 is not positive; the most frequent rate is rate(1 minute)",
        ));
    }
    let (unit, plural) = match *unit_text {
        "minute" => (RateUnit::Minutes, false),
        "minutes" => (RateUnit::Minutes, true),
        "hour" => (RateUnit::Hours, false),
        "hours" => (RateUnit::Hours, true),
        "day" => (RateUnit::Days, false),
        "days" => (RateUnit::Days, true),
        other => {
            return Err(ScheduleError::new(format!(
                "Rate unit: {other} is not one of minute, minutes, hour, hours, day, days"
            )));
        }
    };
    if value == 1 && plural {
        return Err(ScheduleError::new(format!(
            "Rate unit: a value of 1 takes the singular: rate(1 {}), not rate(1 {unit_text})",
            unit.singular()
        )));
    }
    if value > 1 && !plural {
        return Err(ScheduleError::new(format!(
            "Rate unit: a value above 1 takes the plural: rate({value} {}), not rate({value} \
             {unit_text})",
            unit.plural()
        )));
    }
    Ok(Expression::Rate { value, unit })
}

/// The ARN of a rule on the default event bus (the only bus scheduled rules run on).
pub fn rule_arn(rule_name: &str) -> String {
    format!("arn:aws:events:{REGION}:{ACCOUNT_ID}:rule/{rule_name}")
}

/// The event a scheduled rule sends its target at `fire_time`, in the shape of EventBridge's
/// "Scheduled Event" (the shipped sample `sample-events/eventbridge/scheduled.json`): `time` in
/// UTC to the second, `resources` holding the rule's ARN and an empty `detail`.
pub fn scheduled_event(rule_name: &str, fire_time: OffsetDateTime, id: &str) -> Value {
    json!({
        "version": "0",
        "id": id,
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT_ID,
        "time": iso_seconds(fire_time),
        "region": REGION,
        "resources": [rule_arn(rule_name)],
        "detail": {},
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC, as the event's `time` field.
fn iso_seconds(time: OffsetDateTime) -> String {
    let utc = time.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

#[cfg(test)]
mod tests;
