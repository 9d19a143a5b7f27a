// Exercise "Charge once, even when Lambda retries": runs unchanged on AWS Lambda (nodejs22.x).
//
// This function is invoked asynchronously (InvocationType Event). When it fails, Lambda
// runs the same event again, up to two more times. Here the charge succeeds but sending the
// receipt fails the first time, so the retry charges the customer a second time.
//
// Your task: make the charge idempotent. Use the order id as the idempotency key: before
// charging, look it up; after charging, record it. A retry then skips the charge and only
// sends the receipt. (Here a file in /tmp stands in for a durable store. On AWS a retry can
// run in another execution environment, where this /tmp is not, so a real function keeps
// the keys in DynamoDB with a conditional write, or uses Powertools' idempotency utility.)

import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let receiptAttempts = 0;

/** Pretends to call the payment provider. */
function charge(order) {
  console.log(`CHARGED ${order.orderId}: ${order.amountCents} cents`);
}

/** Pretends to send the receipt; the mail service is down the first time. */
function sendReceipt(order) {
  receiptAttempts += 1;
  if (receiptAttempts === 1) {
    throw new Error("mail service unavailable, try again");
  }
  console.log(`receipt sent to ${order.customer}`);
}

export const handler = async (order) => {
  // TODO: a retry of the same order charges again.
  charge(order);
  sendReceipt(order);
  return { orderId: order.orderId, charged: true };
};

// (existsSync, writeFileSync, tmpdir and join are imported for your solution: tmpdir() is
// /tmp on Lambda, this environment's own scratch folder.)
void existsSync;
void writeFileSync;
void tmpdir;
void join;
