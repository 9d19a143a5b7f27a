// greeter.mjs: greets the name in the event. Runs unchanged on AWS Lambda (nodejs22.x).
export const handler = async (event) => {
  console.log(`greeting ${event.name}`);
  return { greeting: `Hello, ${event.name}!` };
};
