// Exercise "Your first handler": runs unchanged on AWS Lambda (nodejs22.x, ES module).
//
// Lambda calls the exported `handler` with the event (the JSON the caller sent) and a
// context object. Whatever the handler returns (or its promise resolves to) is the response.
//
// Your task: answer { "message": "Hello, <name>!" } for an event like { "name": "Ada" },
// "Hello, world!" when the event has no name, and log the name you greet.

export const handler = async (event, context) => {
  // TODO: read event.name, log it with console.log, and return the greeting.
  return {};
};
