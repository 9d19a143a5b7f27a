// bakery-order.mjs: a function whose helper comes from a layer.
//
// What it teaches
// - `bakery-format` is not next to this file: it is in a layer, extracted by Lambda into
//   /opt/nodejs/node_modules/bakery-format. Node.js searches that folder for packages
//   (ES module imports too, on every Node.js runtime since 18), so the import below is
//   the same one you would write for a package in your own node_modules.
// - Without the layer the import fails during INIT with "Cannot find package" and the
//   invoke reports Runtime.ImportModuleError: a layer is a deployment-time dependency.
// - Attach two versions of the layer and the later one in the list wins: each copy of
//   bakery-format/index.mjs is extracted into the same /opt, the later one last.
//
// Try it with sample-events/lambda/bakery-order.json: one item costs 162.5 cents (half price),
// so version 1.0.0 of the helper prints $27.62 and the fixed 1.1.0 prints $27.63.
import { formatCents, version } from "bakery-format";

export const handler = async (event) => {
  const items = event.items ?? [];
  const totalCents = items.reduce(
    (sum, item) => sum + item.priceCents * item.quantity,
    0,
  );
  console.log(`bakery-format ${version} formats ${totalCents} cents`);
  return {
    orderId: event.orderId,
    total: formatCents(totalCents),
    formatVersion: version,
  };
};
