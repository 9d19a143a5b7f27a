// slow.mjs: takes longer than its timeout, to show what a timeout looks like.
//
// What it teaches
// - Every function has a timeout (default 3 s, at most 900 s). When it runs out, Lambda
//   stops the invoke, logs "Task timed out after 3.00 seconds", reports Status: timeout,
//   and the execution environment is reset: the next invoke is a cold start.
// - You are billed for the time until the timeout.
// - context.getRemainingTimeInMillis() tells you how long is left, so long jobs can stop
//   cleanly (save progress, return a partial result) before Lambda stops them.
//
// Sleeps event.delayMs milliseconds (default 5000): with a 3 s timeout it never finishes.
// Set delayMs below the timeout to see it succeed.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const handler = async (event, context) => {
  const delayMs = Number.isFinite(event?.delayMs) ? event.delayMs : 5000;
  console.log(`going to sleep for ${delayMs} ms; ${context.getRemainingTimeInMillis()} ms left before the timeout`);

  const started = Date.now();
  // Sleep in steps of at most one second so the log shows the clock running down.
  while (Date.now() - started < delayMs) {
    await sleep(Math.min(1000, delayMs - (Date.now() - started)));
    console.log(`${Date.now() - started} ms slept, ${context.getRemainingTimeInMillis()} ms left`);
  }

  return { sleptMs: Date.now() - started };
};
