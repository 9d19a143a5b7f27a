// counter.mjs: shows what survives between invokes of the same execution environment.
//
// What it teaches
// - Code outside the handler runs once, at a cold start (the Init phase). Module-level
//   variables then live as long as the execution environment: warm invokes see the values
//   the previous invoke left, so the count goes 1, 2, 3...
// - /tmp is per environment too: the file written here is still there on a warm invoke.
// - A new environment (first invoke, a second concurrent request, after an idle period,
//   after a code or configuration change) starts again from 1, in globals and in /tmp.
// - A timeout or crash resets the environment: the runtime runs Init again, so `count`
//   and environmentStartedAt start over, but the reset does NOT clear /tmp. If the same
//   environment takes the next request, tmpCount carries on from the file left behind.
//   (AWS Lambda Developer Guide, "Understanding the Lambda execution environment
//   lifecycle", failures during the Invoke phase.)
//   So globals and /tmp are a CACHE, never a database: two environments count separately.
// - Returned without statusCode: behind a function URL, Lambda sends a JSON object like
//   this as the body of a 200 response.

import { readFileSync, writeFileSync } from "node:fs";

const TMP_FILE = "/tmp/counter.txt";
const environmentStartedAt = new Date().toISOString(); // runs once per environment
let count = 0; // lives as long as the environment

console.log(`cold start: new execution environment at ${environmentStartedAt}`);

/** Reads the number left in /tmp by an earlier invoke of this environment, if any. */
function readTmpCount() {
  try {
    return Number(readFileSync(TMP_FILE, "utf8")) || 0;
  } catch {
    return 0; // no file yet: this environment has not written it
  }
}

export const handler = async (event, context) => {
  count += 1;
  const tmpCount = readTmpCount() + 1;
  writeFileSync(TMP_FILE, String(tmpCount));

  console.log(`invoke ${count} in this environment (${count === 1 ? "cold" : "warm"}), /tmp count ${tmpCount}`);
  return {
    count,
    tmpCount,
    cold: count === 1,
    environmentStartedAt,
    requestId: context.awsRequestId,
  };
};
