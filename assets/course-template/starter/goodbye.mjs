// Exercise "Say goodbye": runs unchanged on AWS Lambda (nodejs22.x).
// Answer { farewell: "Goodbye, <name>!" } and log the name.
export const handler = async (event) => {
  // TODO
  return {};
};
