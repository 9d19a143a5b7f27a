// eventbridge-scheduled.mjs: a nightly job started by an EventBridge schedule rule.
//
// What it teaches
// - A schedule rule (cron(0 2 * * ? *) = 02:00 UTC daily) sends an event with
//   "detail-type": "Scheduled Event", "source": "aws.events" and an empty detail.
// - Use event.time (when the schedule fired), not the clock: a retried or late invoke
//   still reports on the right day.
// - Delivery is at least once: the same event id can arrive twice, so make the job
//   idempotent (same input, same output: here the report's file name comes from the date).
// - Schedules are in UTC unless you use EventBridge Scheduler with a time zone.

export const handler = async (event, context) => {
  if (event.source !== "aws.events" || event["detail-type"] !== "Scheduled Event") {
    throw new Error(`expected a scheduled event, got ${event.source} / ${event["detail-type"]}`);
  }

  // Report on the whole previous UTC day.
  const firedAt = new Date(event.time);
  const end = new Date(Date.UTC(firedAt.getUTCFullYear(), firedAt.getUTCMonth(), firedAt.getUTCDate()));
  const start = new Date(end.getTime() - 24 * 60 * 60 * 1000);
  const day = start.toISOString().slice(0, 10);
  const reportKey = `daily/${day}.csv`;

  console.log(`rule ${event.resources[0]} fired at ${event.time} (event ${event.id})`);
  console.log(`would query orders from ${start.toISOString()} to ${end.toISOString()}`);
  console.log(`would write the report to s3://lambda-lab-reports/${reportKey} (same key on a retry: idempotent)`);
  console.log(`${context.getRemainingTimeInMillis()} ms left before the timeout`);

  return { day, report: `s3://lambda-lab-reports/${reportKey}` };
};
