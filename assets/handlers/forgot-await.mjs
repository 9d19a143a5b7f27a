// forgot-await.mjs: "Why does my Lambda return null?", the answer given too late.
//
// What it teaches
// - Lambda answers with what the handler returns (for an async handler, what its promise
//   resolves to). A value returned inside a callback goes back to whoever called the
//   callback (here fs.readFile), not to Lambda: the handler itself returned nothing, so
//   the response is null. The callback may still run later, in this invoke or the next.
// - The fix: await a promise (node:fs/promises here). Send {"mode": "fixed"} to see it.
// - {"mode": "never-settles"} returns a promise that nothing will ever settle. When nothing
//   is left running, nodejs22.x's runtime answers Runtime.NodeJsExit; on nodejs24.x the
//   Node process simply exits and Lambda reports Runtime.ExitError ("Runtime exited without
//   providing a reason"). Either way the caller gets an error, not a timeout.
import { readFile } from "node:fs";
import { readFile as readFileAsync } from "node:fs/promises";

const thisFile = `${process.env.LAMBDA_TASK_ROOT}/forgot-await.mjs`;

export const handler = async (event) => {
  if (event.mode === "fixed") {
    const text = await readFileAsync(thisFile, "utf8");
    return { lines: text.split("\n").length };
  }
  if (event.mode === "never-settles") {
    // Nobody ever calls resolve: the promise stays pending for ever.
    return new Promise((resolve) => {});
  }
  // The mistake: the result is returned to readFile's callback, and the handler ends first.
  readFile(thisFile, "utf8", (error, text) => {
    console.log(`read ${text.length} characters, after the handler had already answered`);
    return { lines: text.split("\n").length };
  });
};
