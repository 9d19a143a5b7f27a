// cloudwatch-logs-decoder.mjs: reads log lines delivered by a CloudWatch Logs subscription filter.
//
// What it teaches
// - CloudWatch Logs does not send log lines as plain JSON: event.awslogs.data is
//   base64( gzip( JSON ) ). Undo it in reverse order: base64-decode, gunzip, JSON.parse.
// - The payload names the log group and stream and holds logEvents [{ id, timestamp, message }].
// - CloudWatch sends a CONTROL_MESSAGE when the subscription is created to check that it can
//   reach the destination: skip it.
// - Careful: a function that subscribes to its OWN log group feeds on itself.

import { gunzipSync } from "node:zlib";

export const handler = async (event) => {
  const compressed = Buffer.from(event.awslogs.data, "base64");
  const payload = JSON.parse(gunzipSync(compressed).toString("utf8"));

  if (payload.messageType === "CONTROL_MESSAGE") {
    console.log("control message from CloudWatch Logs: nothing to do");
    return { logEvents: 0 };
  }

  console.log(`${payload.logEvents.length} log events from ${payload.logGroup} / ${payload.logStream} (filter ${payload.subscriptionFilters.join(", ")}), ${compressed.length} bytes gzipped`);

  let errors = 0;
  for (const logEvent of payload.logEvents) {
    const line = logEvent.message.trimEnd();
    // Lambda's own lines are tab-separated: time, request id, level, message.
    const level = line.split("\t")[2];
    if (level === "ERROR") errors += 1;
    // timestamp is in milliseconds; Lambda's app lines also carry their own ISO time.
    console.log(`@${logEvent.timestamp} ${line}`);
  }

  if (errors > 0) console.log(`would alert the on-call channel: ${errors} error line(s) in ${payload.logGroup}`);
  return { logGroup: payload.logGroup, logEvents: payload.logEvents.length, errors };
};
