// Exercise "Report only the failed messages": runs unchanged on AWS Lambda (nodejs22.x),
// with ReportBatchItemFailures turned on in the SQS event source mapping.
//
// Lambda hands the function up to 10 messages at once. If the handler returns normally,
// Lambda deletes the WHOLE batch from the queue, even the messages it could not process.
//
// Your task: when an order cannot be fulfilled yet (the item is out of stock), keep that
// message in the queue by returning { batchItemFailures: [{ itemIdentifier: messageId }] }
// for it; the others are processed and deleted.

const OUT_OF_STOCK = new Set(["saffron"]);

export const handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    if (OUT_OF_STOCK.has(order.item)) {
      console.log(`order ${order.orderId}: ${order.item} is out of stock, try later`);
      continue; // TODO: this message is deleted with the others, and the order is lost
    }
    console.log(`processed order ${order.orderId}`);
  }
};
