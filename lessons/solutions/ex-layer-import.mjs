// Solution of "Use shared code from a layer": runs unchanged on AWS Lambda (nodejs22.x),
// with the layer bakery-helpers attached.

// A bare package name: Node.js finds it in /opt/nodejs/node_modules, where Lambda
// extracted the layer.
import { formatCents, version } from "bakery-format";

export const handler = async (event) => {
  const totalCents = event.items.reduce(
    (sum, item) => sum + item.priceCents * item.quantity,
    0,
  );
  return { orderId: event.orderId, total: formatCents(totalCents), formatVersion: version };
};
