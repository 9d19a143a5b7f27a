// Solution of "Report only the failed messages": runs unchanged on AWS Lambda (nodejs22.x),
// with ReportBatchItemFailures turned on in the SQS event source mapping.

const OUT_OF_STOCK = new Set(["saffron"]);

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    if (OUT_OF_STOCK.has(order.item)) {
      console.log(`order ${order.orderId}: ${order.item} is out of stock, try later`);
      // Kept in the queue: it becomes visible again after the visibility timeout.
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    console.log(`processed order ${order.orderId}`);
  }
  return { batchItemFailures };
};
