// heavy-init.mjs: does expensive work at module load, so its cold starts are slow.
//
// What it teaches
// - Top-level code runs in the Init phase, once per execution environment. Its time is the
//   "Init Duration" on the REPORT line of a cold start, and is billed (since August 2025).
// - Warm invokes skip it completely: they reuse the table built here, so they are fast.
// - Move work to init when every invoke needs the result (SDK clients, config, lookup
//   tables); keep it lazy when only some invokes do. Init is limited to 10 seconds.
//
// Builds a table of all primes below SIEVE_LIMIT (an environment variable, default
// 2,000,000) with the sieve of Eratosthenes. The handler answers from the table.

const initStarted = Date.now();
const SIEVE_LIMIT = Number(process.env.SIEVE_LIMIT) || 2_000_000;

// composite[n] === 1 means n is not prime.
const composite = new Uint8Array(SIEVE_LIMIT + 1);
composite[0] = 1;
composite[1] = 1;
for (let p = 2; p * p <= SIEVE_LIMIT; p += 1) {
  if (composite[p]) continue;
  for (let multiple = p * p; multiple <= SIEVE_LIMIT; multiple += p) composite[multiple] = 1;
}
const primes = [];
for (let n = 2; n <= SIEVE_LIMIT; n += 1) if (!composite[n]) primes.push(n);

const initMs = Date.now() - initStarted;
console.log(`init: found ${primes.length} primes below ${SIEVE_LIMIT} in ${initMs} ms`);

/** How many primes are <= n: a binary search in the sorted table. */
function countPrimesUpTo(n) {
  let low = 0;
  let high = primes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (primes[middle] <= n) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const handler = async (event) => {
  const n = Number.isInteger(event?.n) ? event.n : 7919;
  if (n < 0 || n > SIEVE_LIMIT) {
    throw new RangeError(`n must be between 0 and ${SIEVE_LIMIT}, got ${n}`);
  }
  // Answered from the table: a lookup and a binary search, no real work left for the invoke.
  const isPrime = composite[n] === 0;
  const primesUpToN = countPrimesUpTo(n);
  console.log(`${n} is ${isPrime ? "" : "not "}prime; ${primesUpToN} primes up to ${n} (table built in ${initMs} ms at init)`);
  return { n, isPrime, primesUpToN, tableSize: primes.length, initMs };
};
