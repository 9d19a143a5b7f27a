// stream-report.mjs: a response sent while it is being produced (response streaming).
//
// What it teaches
// - awslambda.streamifyResponse (a global on Lambda's Node.js runtimes, no import) marks the
//   handler; it then gets (event, responseStream, context) and writes as it goes. It must be
//   async, must end the stream, and its return value is ignored.
// - awslambda.HttpResponseStream.from puts the HTTP status and headers first: behind a
//   function URL with invoke mode RESPONSE_STREAM, the client gets them at once, then each
//   write as it happens, instead of everything when the handler returns.
// - Streamed responses may reach 200 MB; beyond the first 6 MB of each, bytes are billed at
//   $0.008 per GB. Duration is billed as usual, until the handler finishes.
// Try it with sample-events/lambda/stream-report.json: eight steps, 300 ms apart (with a
// 10 s timeout). The Playground lists each chunk as it arrives, with the time it was written.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const steps = event.steps ?? 5;
  const delayMs = event.delayMs ?? 200;
  const http = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
  for (let step = 1; step <= steps; step++) {
    await sleep(delayMs); // the work of one step
    http.write(`step ${step} of ${steps} done\n`);
  }
  http.end("all done\n");
});
