// Solution of "Answer API Gateway properly": runs unchanged on AWS Lambda (nodejs22.x).

export const handler = async (event) => {
  const orderId = event.pathParameters?.orderId;
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    // The body is text: JSON.stringify turns the object into it.
    body: JSON.stringify({ orderId, status: "PAID" }),
  };
};
