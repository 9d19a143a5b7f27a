// Exercise "Stop before the timeout": runs unchanged on AWS Lambda (nodejs22.x).
//
// This function works through a list of items, 250 ms each. With 20 items and a 3-second
// timeout it never finishes: Lambda stops it at 3 s ("Task timed out"), nothing is returned,
// and the work done so far is lost.
//
// Your task: before each item, ask context.getRemainingTimeInMillis(); when less than
// 500 ms are left, stop, log "stopping early", and return what was done and what is left:
// { processed: <count>, remaining: [<ids not done>], stoppedEarly: true }.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function process(item) {
  await sleep(250); // stands in for a call to another service
  console.log(`done ${item.id}`);
}

export const handler = async (event, context) => {
  let processed = 0;
  for (const item of event.items) {
    // TODO: nothing stops this loop before the timeout does.
    await process(item);
    processed += 1;
  }
  return { processed, remaining: [], stoppedEarly: false };
};
