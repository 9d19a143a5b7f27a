// primes.mjs: CPU-bound work in the handler, for power tuning.
//
// What it teaches
// - Lambda gives CPU in proportion to memory: at 1,769 MB a function has one full vCPU, at
//   128 MB about 7% of one. CPU-bound code therefore runs faster with more memory, and since
//   the price per ms grows at the same rate, costs about the same per invoke up to 1,769 MB.
// - JavaScript runs on one thread: past 1,769 MB the extra vCPUs sit idle, so more memory
//   only costs more. Run the Cost page's power-tuning sweep on this handler to see both.
//
// Counts the primes below event.limit (default 300,000) with the sieve of Eratosthenes,
// computed on every invoke (compare heavy-init.mjs, which does it once at init).

export const handler = async (event) => {
  const limit = Number.isInteger(event?.limit) ? event.limit : 300_000;
  if (limit < 2 || limit > 50_000_000) {
    throw new RangeError(`limit must be between 2 and 50,000,000, got ${limit}`);
  }
  const started = Date.now();
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let n = 2; n <= limit; n += 1) {
    if (composite[n]) continue;
    count += 1;
    for (let multiple = n * n; multiple <= limit; multiple += n) composite[multiple] = 1;
  }
  const computeMs = Date.now() - started;
  console.log(`${count} primes below ${limit}, counted in ${computeMs} ms`);
  return { limit, count, computeMs };
};
