// Exercise "Use shared code from a layer": runs unchanged on AWS Lambda (nodejs22.x).
//
// The bakery's price formatting lives in a layer, bakery-helpers (version 2 is attached to
// this exercise's function). Lambda extracts a layer into /opt, and Node.js looks for
// packages in /opt/nodejs/node_modules, so the package is imported by its name, like any
// package in your own node_modules.
//
// Your task: fix the import below (the layer's files are not in the function's folder), and
// answer { orderId, total, formatVersion } with the layer's formatCents and version.

// TODO: this path points into the deployment package, where the helper is not.
import { formatCents, version } from "./node_modules/bakery-format/index.mjs";

export const handler = async (event) => {
  const totalCents = event.items.reduce(
    (sum, item) => sum + item.priceCents * item.quantity,
    0,
  );
  return { orderId: event.orderId, total: formatCents(totalCents), formatVersion: version };
};
