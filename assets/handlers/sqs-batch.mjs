// sqs-batch.mjs: processes a batch of SQS messages and reports only the failed ones.
//
// What it teaches
// - Lambda polls the queue for you and hands over up to 10 messages (by default) at once.
// - Each message body is a STRING. Here it should hold JSON, and JSON.parse can throw.
// - Without partial batch responses, one bad message makes the whole batch fail, so the
//   good messages are delivered again too. With "ReportBatchItemFailures" turned on in the
//   event source mapping, the function returns
//       { batchItemFailures: [{ itemIdentifier: "<messageId>" }] }
//   and only those messages go back to the queue (and, after maxReceiveCount attempts,
//   to the dead-letter queue). An empty list means "all done".
// - FIFO queues keep order within a message group: after the first failure, stop and
//   report that message AND every later one, so nothing is processed out of order.

/** Throws if the order is not something we can ship. */
function validate(order) {
  if (!Number.isInteger(order.orderId)) throw new Error("orderId is missing");
  if (!order.item) throw new Error("item is missing");
  if (!Number.isInteger(order.quantity) || order.quantity < 1) {
    throw new Error(`quantity must be at least 1, got ${order.quantity}`);
  }
}

export const handler = async (event) => {
  const batchItemFailures = [];
  let fifoStopped = false;

  for (const record of event.Records) {
    const isFifo = record.eventSourceARN.endsWith(".fifo");
    if (fifoStopped) {
      console.log(`not processing ${record.messageId}: an earlier message in this FIFO batch failed`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }

    try {
      const order = JSON.parse(record.body);
      validate(order);
      console.log(`order ${order.orderId}: would reserve ${order.quantity} x ${order.item} (attempt ${record.attributes.ApproximateReceiveCount})`);
    } catch (error) {
      console.error(`message ${record.messageId} failed: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (isFifo) fifoStopped = true;
    }
  }

  console.log(`${event.Records.length - batchItemFailures.length} of ${event.Records.length} messages done`);
  return { batchItemFailures };
};
