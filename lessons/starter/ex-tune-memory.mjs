// Exercise "The cheapest memory that is fast enough" (power tuning): runs unchanged on AWS
// Lambda (nodejs22.x).
//
// This function's work is all computing: measured on one full vCPU (1,769 MB), it takes
// 1.2 s. Lambda gives a function CPU in proportion to its memory, so at 128 MB it gets
// 128/1769 of a vCPU and takes about 16.6 s. The product team wants answers within 1.5 s,
// at one million requests a month, for under $36 a month.
//
// Your task: change nothing in the code. Choose the memory size in the function settings
// (the checklist re-runs when you change it).

/** Counts the primes below `limit` (CPU work, like resizing an image or parsing a report). */
function countPrimes(limit) {
  let count = 0;
  for (let n = 2; n < limit; n += 1) {
    let prime = true;
    for (let d = 2; d * d <= n; d += 1) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count += 1;
  }
  return count;
}

export const handler = async (event) => {
  const limit = event.limit ?? 20_000;
  return { limit, primes: countPrimes(limit) };
};
