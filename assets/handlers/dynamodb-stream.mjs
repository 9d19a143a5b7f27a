// dynamodb-stream.mjs: turns a DynamoDB stream batch into a readable change log.
//
// What it teaches
// - A DynamoDB stream records every item change: INSERT (NewImage only), MODIFY (both
//   images) and REMOVE (OldImage only), when the stream view type is NEW_AND_OLD_IMAGES.
// - Images use DynamoDB's typed JSON: { "S": "text" }, { "N": "23.8" } (numbers are strings!),
//   { "BOOL": true }, { "M": {...} }, { "L": [...] }, { "SS": [...] }.
// - Items deleted by Time To Live arrive as REMOVE with
//   userIdentity { type: "Service", principalId: "dynamodb.amazonaws.com" }.
//
// On Lambda you could import { unmarshall } from "@aws-sdk/util-dynamodb" (the AWS SDK v3
// ships with the nodejs runtimes); the small version below needs nothing but Node.

/** Converts one DynamoDB attribute value ({ "S": "x" }, { "N": "1" }, ...) to plain JavaScript. */
function fromDynamo(attribute) {
  const [type, value] = Object.entries(attribute)[0];
  switch (type) {
    case "S": case "B": return value;
    case "N": return Number(value);
    case "BOOL": return value;
    case "NULL": return null;
    case "SS": case "BS": return value;
    case "NS": return value.map(Number);
    case "L": return value.map(fromDynamo);
    case "M": return unmarshall(value);
    default: throw new Error(`unknown DynamoDB type ${type}`);
  }
}

/** Converts a whole item (attribute name -> typed value) to a plain object. */
const unmarshall = (image = {}) =>
  Object.fromEntries(Object.entries(image).map(([name, attribute]) => [name, fromDynamo(attribute)]));

/** Lists the attributes whose value differs between two plain objects. */
function diff(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((name) => ({ attribute: name, from: before[name], to: after[name] }));
}

export const handler = async (event) => {
  const changes = [];

  for (const record of event.Records) {
    const keys = unmarshall(record.dynamodb.Keys);
    const label = Object.values(keys).join(" / ");
    const at = new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString();

    switch (record.eventName) {
      case "INSERT": {
        const item = unmarshall(record.dynamodb.NewImage);
        console.log(`${at} + ${label} created:`, JSON.stringify(item));
        changes.push({ change: "created", keys, item });
        break;
      }
      case "MODIFY": {
        const fields = diff(unmarshall(record.dynamodb.OldImage), unmarshall(record.dynamodb.NewImage));
        const show = (value) => (value === undefined ? "(absent)" : JSON.stringify(value));
        for (const { attribute, from, to } of fields) {
          console.log(`${at} ~ ${label} ${attribute}: ${show(from)} -> ${show(to)}`);
        }
        changes.push({ change: "updated", keys, fields });
        break;
      }
      case "REMOVE": {
        const byTtl = record.userIdentity?.type === "Service"
          && record.userIdentity?.principalId === "dynamodb.amazonaws.com";
        console.log(`${at} - ${label} deleted${byTtl ? " by Time To Live (expired)" : ""}`);
        changes.push({ change: byTtl ? "expired" : "deleted", keys, item: unmarshall(record.dynamodb.OldImage) });
        break;
      }
    }
  }

  return { changes };
};
