// Solution of "Stop before the timeout": runs unchanged on AWS Lambda (nodejs22.x).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One item takes 250 ms: stop with twice that left, so the answer gets out in time.
const SAFETY_MARGIN_MS = 500;

async function process(item) {
  await sleep(250);
  console.log(`done ${item.id}`);
}

export const handler = async (event, context) => {
  let processed = 0;
  for (const item of event.items) {
    if (context.getRemainingTimeInMillis() < SAFETY_MARGIN_MS) {
      console.log(`stopping early: ${event.items.length - processed} items left`);
      // The caller (or a queue) can hand the rest to the next invoke.
      const remaining = event.items.slice(processed).map((left) => left.id);
      return { processed, remaining, stoppedEarly: true };
    }
    await process(item);
    processed += 1;
  }
  return { processed, remaining: [], stoppedEarly: false };
};
