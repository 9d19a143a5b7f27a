// Exercise "Configuration from environment variables": runs unchanged on AWS Lambda
// (nodejs22.x).
//
// The same code is deployed to a test and a production function; only their configuration
// differs. Lambda passes a function's environment variables to the process, so the code
// reads them with process.env instead of carrying values that differ per stage.
//
// Your task: read the table name from TABLE_NAME and the stage from STAGE (this exercise's
// function sets TABLE_NAME=orders-prod and STAGE=prod), and log "using table <name>".

const TABLE_NAME = "orders-dev"; // TODO: hard-coded, wrong in every other stage

export const handler = async () => {
  console.log(`using table ${TABLE_NAME}`);
  return { table: TABLE_NAME, stage: "dev" };
};
