// Solution of "Say goodbye": runs unchanged on AWS Lambda (nodejs22.x).
export const handler = async (event) => {
  console.log(`saying goodbye to ${event.name}`);
  return { farewell: `Goodbye, ${event.name}!` };
};
