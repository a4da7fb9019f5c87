/**
 * A small seeded random number generator (mulberry32), for things that must come out the same on every run: the
 * emulator's injected faults (so a failing run can be replayed), and the benchmarks' synthetic data, which borrow it.
 * Not for secrets.
 */

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
