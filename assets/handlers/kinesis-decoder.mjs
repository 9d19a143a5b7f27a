// kinesis-decoder.mjs: decodes a batch of Kinesis Data Streams records.
//
// What it teaches
// - Kinesis record data is BASE64 in the event: Buffer.from(data, "base64") gives the bytes
//   the producer put, here UTF-8 JSON.
// - Records with the same partition key land on the same shard, in order; the sequence
//   number identifies a record within its shard.
// - If the function fails, Lambda retries the whole batch and the shard waits (no other
//   records are processed behind it). With "ReportBatchItemFailures", return the sequence
//   number of the first bad record and Lambda checkpoints just before it.

export const handler = async (event) => {
  const decoded = [];

  for (const record of event.Records) {
    const { data, partitionKey, sequenceNumber, approximateArrivalTimestamp } = record.kinesis;
    const text = Buffer.from(data, "base64").toString("utf8");
    // approximateArrivalTimestamp is in SECONDS since the epoch (with a fraction).
    const arrived = new Date(approximateArrivalTimestamp * 1000).toISOString();

    let payload;
    try {
      payload = JSON.parse(text);
    } catch {
      console.error(`record ${sequenceNumber} is not JSON: ${JSON.stringify(text.slice(0, 60))}`);
      // Report it; Lambda retries from this record, keeping the shard's order.
      return { batchItemFailures: [{ itemIdentifier: sequenceNumber }], decoded };
    }
    console.log(`[${partitionKey}] ${payload.type ?? "record"} arrived ${arrived}:`, text);
    decoded.push(payload);
  }

  return { batchItemFailures: [], decoded };
};
