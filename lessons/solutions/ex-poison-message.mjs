// Solution of "Survive a poison message": runs unchanged on AWS Lambda (nodejs22.x), with
// ReportBatchItemFailures turned on in the SQS event source mapping.

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      console.log(`processed order ${order.orderId}`);
    } catch (error) {
      // Only this message goes back to the queue (and, after maxReceiveCount receives, to
      // the dead-letter queue); the rest of the batch is deleted as done.
      console.error(`message ${record.messageId} is not valid JSON: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
