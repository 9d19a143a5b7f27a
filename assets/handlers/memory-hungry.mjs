// memory-hungry.mjs: allocates memory until the function runs out, to show Runtime.OutOfMemory.
//
// What it teaches
// - The memory size you configure (128 MB to 10,240 MB) is a hard limit for the whole
//   environment. Go past it and Lambda stops the runtime: the invoke fails with
//   Runtime.OutOfMemory and the REPORT line ends with "Status: error  Error Type:
//   Runtime.OutOfMemory". The next invoke is a cold start.
// - "Max Memory Used" in the REPORT line is what the function really used: compare it with
//   the memory size to pick a setting (memory also buys CPU: 1,769 MB = one vCPU).
//
// Holds event.megabytes MB of strings (no limit if absent). With 128 MB of memory, try
// megabytes 32 (succeeds) and 512 (runs out).

const CHUNK_MB = 16;
const held = []; // module scope: nothing here can be garbage collected

export const handler = async (event) => {
  const limitMb = Number.isFinite(event?.megabytes) ? event.megabytes : Infinity;
  console.log(`allocating ${limitMb === Infinity ? "until memory runs out" : `${limitMb} MB`} in ${CHUNK_MB} MB strings`);

  let allocatedMb = 0;
  while (allocatedMb < limitMb) {
    const mb = Math.min(CHUNK_MB, limitMb - allocatedMb);
    // A flat string of real bytes: each character is stored, none is shared, so the
    // memory is really used (a "x".repeat(n) string can be stored more cleverly).
    held.push(Buffer.alloc(mb * 1024 * 1024, `chunk ${held.length} `).toString("latin1"));
    allocatedMb += mb;
    console.log(`holding ${allocatedMb} MB so far`);
  }

  return { allocatedMb, heldInThisEnvironmentMb: held.reduce((sum, s) => sum + s.length, 0) / 1024 / 1024 };
};
