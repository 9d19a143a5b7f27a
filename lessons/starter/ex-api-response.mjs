// Exercise "Answer API Gateway properly": runs unchanged on AWS Lambda (nodejs22.x).
//
// Behind a REST API's Lambda proxy integration, API Gateway does not send your return value
// to the client as it is: it expects { statusCode, headers, body } with the body as a
// STRING. Anything else is a "Malformed Lambda proxy response" and the client gets 502
// (AWS Lambda Developer Guide, "Handling Lambda errors with an API Gateway API":
// docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
//
// Your task: for GET /orders/{orderId}, answer 200 with the header
// content-type: application/json and a JSON body { "orderId": "<the id>", "status": "PAID" }.

export const handler = async (event) => {
  const orderId = event.pathParameters?.orderId;
  // TODO: this is the data, not a proxy response.
  return { orderId, status: "PAID" };
};
