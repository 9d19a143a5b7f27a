// Solution of "Your first handler": runs unchanged on AWS Lambda (nodejs22.x, ES module).

export const handler = async (event, context) => {
  // `??` falls back only when the name is missing (undefined or null).
  const name = event.name ?? "world";
  // console.log goes to CloudWatch Logs, one line per call, tagged with the request id.
  console.log(`greeting ${name}`);
  return { message: `Hello, ${name}!` };
};
