//! `lambda-lab schedule`: an EventBridge schedule rule (`rate(…)` or `cron(…)`, AWS's
//! six-field syntax) firing a handler. Lists the next fire times, then fires in real time or
//! fast-forwarded (`--fast`: a day in 10 seconds), each firing a Scheduled Event invoked
//! asynchronously. Records on stdout (JSON Lines with `--json`), log lines on stderr.

use std::io::Write;

use super::function::FunctionArgs;
use super::sources::{pool_for, print_attempts, stop_on_ctrl_c};
use crate::model::schedule::parse;
use crate::sources::Clock;
use crate::sources::schedule::{self as runner, clock_time, fast_speed};

#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    #[command(flatten)]
    pub function: FunctionArgs,
    /// The schedule: `rate(5 minutes)` or `cron(0 2 * * ? *)` (minutes hours day-of-month
    /// month day-of-week year, in UTC).
    #[arg(long)]
    pub expression: String,
    /// Stop after this many firings (default: fire until Ctrl+C).
    #[arg(long)]
    pub count: Option<u32>,
    /// Run the clock fast: a day of the schedule in 10 seconds.
    #[arg(long)]
    pub fast: bool,
    /// The rule's name, as the event's `resources` ARN names it (default: FUNCTION-schedule).
    #[arg(long)]
    pub rule_name: Option<String>,
    /// Print each invocation's record as JSON Lines (the record `invoke --json` prints).
    #[arg(long)]
    pub json: bool,
}

/// How many upcoming fire times are listed before the clock starts.
const LISTED: usize = 5;

/// Fires until done or Ctrl+C; the exit code (0, 1 when a firing failed every attempt, 2 for
/// bad input).
pub fn run(args: &ScheduleArgs, err: &mut dyn Write) -> u8 {
    let expression = match parse(&args.expression) {
        Ok(expression) => expression,
        Err(error) => {
            let _ = writeln!(err, "lambda-lab schedule: {error}");
            return 2;
        }
    };
    let mut pool = match pool_for(&args.function, "schedule", err) {
        Ok(pool) => pool,
        Err(code) => return code,
    };
    let rule_name = args
        .rule_name
        .clone()
        .unwrap_or_else(|| format!("{}-schedule", pool.config().function_name));
    let speed = if args.fast { fast_speed() } else { 1.0 };
    let clock = Clock::real_time(speed);
    let now = clock_time(clock.now_ms());
    let upcoming = expression.next_n(now, now, LISTED);
    if upcoming.is_empty() {
        let _ = writeln!(
            err,
            "lambda-lab schedule: {} has no fire time after now",
            args.expression
        );
        return 2;
    }
    let _ = writeln!(
        err,
        "Rule {rule_name}: {} (UTC). Next fire times:",
        args.expression
    );
    for time in &upcoming {
        let _ = writeln!(err, "  {}", runner::describe_time(*time));
    }
    let _ = writeln!(
        err,
        "{} (Ctrl+C stops)",
        if args.fast {
            "The clock runs fast: a day of this schedule in 10 seconds."
        } else {
            "The clock runs in real time."
        }
    );
    let stop = stop_on_ctrl_c();
    let mut failed = 0;
    let rule = runner::Rule {
        expression,
        name: rule_name,
        created: now,
    };
    let fired = runner::run(&mut pool, &rule, &clock, args.count, &stop, &mut |firing| {
        let what = format!("fired {}", runner::describe_time(firing.fire_time));
        if print_attempts(args.json, &what, &firing.invocation) {
            failed += 1;
        }
    });
    let _ = writeln!(
        err,
        "{fired} firing(s); {failed} failed every attempt and went to the on-failure destination."
    );
    crate::runtime::external::end_all_processes();
    u8::from(failed > 0)
}
