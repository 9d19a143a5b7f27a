// sns-fanout.mjs: one subscriber of an SNS topic in a fan-out design.
//
// What it teaches
// - Fan-out: a producer publishes ONE message to a topic, and SNS delivers a copy to
//   every subscriber (Lambda functions, SQS queues, e-mail, HTTPS). Each subscriber does
//   its own job and fails or retries on its own. This function is one of them.
// - The SNS record wraps the message: the payload is event.Records[i].Sns.Message, a
//   STRING (here JSON). Note the capital letters: "EventSource", "Sns", "Message".
// - Message attributes ({ Type, Value }) travel next to the body; subscription filter
//   policies match on them so a subscriber only receives what it cares about.
// - SNS invokes Lambda asynchronously: if this throws, Lambda retries it twice.
//
// Instead of sending e-mail or calling other services, it logs the work it would do.

/** What this subscriber does for each kind of event (one entry per planned job). */
const JOBS = {
  OrderPlaced: (order) => [
    `would e-mail a confirmation to ${order.email} for order ${order.orderId}`,
    `would add ${order.total} ${order.currency} to today's sales dashboard`,
  ],
  OrderCancelled: (order) => [`would e-mail a cancellation notice for order ${order.orderId}`],
};

export const handler = async (event) => {
  const planned = [];

  for (const record of event.Records) {
    const sns = record.Sns;
    const eventType = sns.MessageAttributes?.eventType?.Value ?? "unknown";
    console.log(`message ${sns.MessageId} from ${sns.TopicArn}: "${sns.Subject}" (eventType=${eventType})`);

    const message = JSON.parse(sns.Message); // a string on the wire: parse it yourself
    const jobs = JOBS[eventType];
    if (!jobs) {
      console.log(`no job for ${eventType}; a filter policy on the subscription would avoid this invoke`);
      continue;
    }
    for (const job of jobs(message)) {
      console.log(job);
      planned.push(job);
    }
  }

  return { planned };
};
