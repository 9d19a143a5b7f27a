// Solution of "Charge once, even when Lambda retries": runs unchanged on AWS Lambda
// (nodejs22.x). The /tmp file stands in for a durable store: on AWS a retry can run in
// another execution environment, so keep the keys in DynamoDB (a conditional write) or use
// Powertools' idempotency utility.

import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let receiptAttempts = 0;

function charge(order) {
  console.log(`CHARGED ${order.orderId}: ${order.amountCents} cents`);
}

function sendReceipt(order) {
  receiptAttempts += 1;
  if (receiptAttempts === 1) {
    throw new Error("mail service unavailable, try again");
  }
  console.log(`receipt sent to ${order.customer}`);
}

export const handler = async (order) => {
  // The order id is the idempotency key: one marker per order that was charged.
  // tmpdir() is /tmp on Lambda: this environment's own scratch folder.
  const marker = join(tmpdir(), `charged-${order.orderId}`);
  if (existsSync(marker)) {
    console.log(`order ${order.orderId} was already charged: skipping the charge`);
  } else {
    charge(order);
    writeFileSync(marker, new Date().toISOString());
  }
  sendReceipt(order);
  return { orderId: order.orderId, charged: true };
};
