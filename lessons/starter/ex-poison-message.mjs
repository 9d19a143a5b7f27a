// Exercise "Survive a poison message": runs unchanged on AWS Lambda (nodejs22.x), with
// ReportBatchItemFailures turned on in the SQS event source mapping.
//
// One message in this batch is not valid JSON (a "poison message"). Today JSON.parse throws,
// the whole invoke fails, and Lambda retries all three messages, again and again, until
// they reach the dead-letter queue: the two good orders are never processed.
//
// Your task: process the good messages, and report only the poison one as a failure
// (with { batchItemFailures }), so the invoke succeeds.

export const handler = async (event) => {
  // TODO: one bad body fails them all.
  const orders = event.Records.map((record) => JSON.parse(record.body));
  for (const order of orders) {
    console.log(`processed order ${order.orderId}`);
  }
  return { batchItemFailures: [] };
};
