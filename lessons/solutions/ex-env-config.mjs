// Solution of "Configuration from environment variables": runs unchanged on AWS Lambda
// (nodejs22.x).

// Read once, at INIT: environment variables do not change while an environment lives
// (a configuration change starts new environments).
const TABLE_NAME = process.env.TABLE_NAME;
const STAGE = process.env.STAGE ?? "dev";

if (!TABLE_NAME) {
  // Failing at INIT says at once what is missing, instead of failing later in a query.
  throw new Error("TABLE_NAME is not set: add it to the function's environment variables");
}

export const handler = async () => {
  console.log(`using table ${TABLE_NAME}`);
  return { table: TABLE_NAME, stage: STAGE };
};
