//! An EventBridge schedule rule firing a function: each fire time of the expression (in UTC,
//! as EventBridge rules use) becomes a "Scheduled Event" invoked asynchronously, as
//! EventBridge invokes Lambda (retried twice on a function error, then the on-failure
//! destination). The clock can run fast, so a day of firings takes seconds.

use time::OffsetDateTime;

use super::{Clock, StopFlag};
use crate::model::schedule::{Expression, scheduled_event};
use crate::runtime::pool::{AsyncInvocation, Pool};

/// One firing: when the schedule fired (its clock), the event, and what the invoke did.
#[derive(Clone, Debug)]
pub struct Firing {
    pub fire_time: OffsetDateTime,
    pub event_json: String,
    pub invocation: AsyncInvocation,
}

/// How long a day of the schedule takes with `--fast` (seconds of real time).
pub const FAST_DAY_SECS: f64 = 10.0;

/// The clock speed that runs a day of the schedule in [`FAST_DAY_SECS`].
pub fn fast_speed() -> f64 {
    86_400.0 / FAST_DAY_SECS
}

/// Clock time as a date, for the expression.
pub fn clock_time(ms: u64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn millis(time: OffsetDateTime) -> u64 {
    u64::try_from(time.unix_timestamp_nanos() / 1_000_000).unwrap_or(0)
}

/// A schedule rule: its expression, its name (in the event's `resources`) and when it was
/// created (clock time; rate schedules count from it).
#[derive(Clone, Debug)]
pub struct Rule {
    pub expression: Expression,
    pub name: String,
    pub created: OffsetDateTime,
}

/// Fires `rule` on `clock` until `count` firings (None: until stopped) or until it has no
/// later fire time; each firing goes to `on_fire` as it happens. Returns how many fired.
pub fn run(
    pool: &mut Pool,
    rule: &Rule,
    clock: &Clock,
    count: Option<u32>,
    stop: &StopFlag,
    on_fire: &mut dyn FnMut(&Firing),
) -> u32 {
    let mut fired = 0;
    let (expression, rule_name, start) = (&rule.expression, rule.name.as_str(), rule.created);
    let mut after = start.max(clock_time(clock.now_ms()));
    while count.is_none_or(|count| fired < count) {
        let Some(next) = expression.next_after(start, after) else {
            break;
        };
        if !clock.sleep_until(millis(next), stop) {
            break;
        }
        let event_json =
            scheduled_event(rule_name, next, &uuid::Uuid::new_v4().to_string()).to_string();
        let invocation = pool.invoke_event(&event_json);
        on_fire(&Firing {
            fire_time: next,
            event_json,
            invocation,
        });
        fired += 1;
        after = next;
    }
    fired
}

/// A fire time in UTC, and in this machine's time zone when it is known and not UTC (at
/// today's offset: a daylight-saving change between now and then is not applied).
pub fn describe_time(time: OffsetDateTime) -> String {
    let utc = crate::runtime::record::iso_time(millis(time));
    let utc = utc.get(..19).map_or(utc.clone(), |s| format!("{s}Z"));
    match local_offset() {
        Some(offset) if !offset.is_utc() => {
            let local = time.to_offset(offset);
            format!(
                "{utc} ({:04}-{:02}-{:02} {:02}:{:02} local, UTC{:+03}:{:02})",
                local.year(),
                u8::from(local.month()),
                local.day(),
                local.hour(),
                local.minute(),
                offset.whole_hours(),
                offset.minutes_past_hour().abs()
            )
        }
        _ => utc,
    }
}

static LOCAL_OFFSET: std::sync::OnceLock<Option<time::UtcOffset>> = std::sync::OnceLock::new();

/// Looks up this machine's UTC offset; call it at start-up, before other threads exist (the
/// `time` crate refuses to read it later on Unix, where reading it races with `setenv`).
pub fn remember_local_offset() {
    let _ = LOCAL_OFFSET.set(time::UtcOffset::current_local_offset().ok());
}

/// The offset [`remember_local_offset`] found, if any.
pub fn local_offset() -> Option<time::UtcOffset> {
    LOCAL_OFFSET.get().copied().flatten()
}
