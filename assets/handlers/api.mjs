// api.mjs: a small JSON API behind an API Gateway HTTP API (payload format 2.0).
//
// What it teaches
// - API Gateway turns an HTTP request into an event: the method and path are in
//   event.requestContext.http, the matched route in event.routeKey, path and query
//   parameters already parsed for you.
// - The request body is always a STRING (or absent). JSON has to be parsed, and some
//   bodies (form posts, binary uploads) arrive base64-encoded with isBase64Encoded: true.
// - The function answers with { statusCode, headers, body }, and body must be a string too.
//
// Try it with sample-events/apigateway-http/get.json, post-json.json and post-base64.json.

// A stand-in for a database table. Module scope, so it is built once per execution
// environment, not once per request (and, like any global, it is NOT shared between
// environments: a real API keeps its data in DynamoDB or similar).
const ORDERS = {
  1042: { orderId: 1042, status: "PAID", total: 23.8, currency: "EUR",
          items: [{ sku: "COF-250", name: "coffee beans", quantity: 2 }] },
};

/** Builds an HTTP response the way API Gateway expects it. */
const json = (statusCode, data) => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(data),
});

/** Returns the request body as text, decoding base64 when API Gateway encoded it. */
function bodyText(event) {
  if (event.body === undefined || event.body === null) return "";
  return event.isBase64Encoded
    ? Buffer.from(event.body, "base64").toString("utf8")
    : event.body;
}

/** Parses a JSON or form body into an object; throws an Error with a message fit for a 400. */
function parseBody(event) {
  const text = bodyText(event);
  // Header names in payload format 2.0 are lower case.
  const contentType = (event.headers?.["content-type"] ?? "").split(";")[0].trim();
  if (contentType === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the body is not valid JSON: ${text.slice(0, 40)}`);
  }
}

export const handler = async (event, context) => {
  const { method, path } = event.requestContext.http;
  console.log(`${method} ${path} matched route "${event.routeKey}" (API request ${event.requestContext.requestId}, Lambda request ${context.awsRequestId})`);

  switch (event.routeKey) {
    case "GET /orders/{orderId}": {
      const order = ORDERS[event.pathParameters.orderId];
      if (!order) return json(404, { message: `order ${event.pathParameters.orderId} not found` });
      // Query string values are strings, already URL-decoded by API Gateway.
      const includeItems = event.queryStringParameters?.include === "items";
      return json(200, includeItems ? order : { ...order, items: undefined, itemCount: order.items.length });
    }

    case "POST /orders": {
      let input;
      try {
        input = parseBody(event);
      } catch (error) {
        return json(400, { message: error.message });
      }
      // Form fields are always strings, JSON numbers are numbers: normalise before checking.
      const quantity = Number(input.quantity);
      if (!input.item || !Number.isInteger(quantity) || quantity < 1) {
        return json(400, { message: "send an item and a whole quantity of at least 1" });
      }
      // The Lambda request id is unique per invoke: good enough for a demo order id.
      const order = { orderId: `ord-${context.awsRequestId.slice(0, 8)}`, item: input.item, quantity, status: "PENDING" };
      console.log("would put the order in DynamoDB table Orders:", JSON.stringify(order));
      return json(201, order);
    }

    default:
      // Only reached if a route is configured but not handled here.
      return json(404, { message: `no handler for ${event.routeKey}` });
  }
};
