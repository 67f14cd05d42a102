// Shared arenas: one shared WebAssembly memory that several threads hold, each with its own scratch slot. The
// kernels give the same bits there as in a private arena, also for the products that go through the scratch
// (Aᵀ·B, the Gram matrix).
import { describe, expect, it } from 'vitest';
import { attachSharedArena, createSharedArena, gemmTNo, inArena, simdAvailable, syrkTNo, type Alloc } from '../../src/linalg/index.ts';
import { arenaScratchOf, simdKernelFor } from '../../src/linalg/simd.ts';

const mk = (alloc: Alloc) => ({ A: alloc(60 * 40), B: alloc(60 * 33), C: alloc(40 * 33), G: alloc(40 * 40) });
function fill<T extends Record<string, Float64Array>>(x: T): T {
  let s = 1;
  for (const a of Object.values(x)) for (let i = 0; i < a.length; i++) a[i] = ((s = (s * 48271) % 2147483647) / 2147483647) - 0.5;
  return x;
}

describe('createSharedArena / attachSharedArena', () => {
  it.runIf(simdAvailable())('runs the SIMD kernels in shared memory, bit-identical to a private arena (products through the scratch included)', () => {
    const { made, spec } = createSharedArena(mk, 2);
    expect(spec.simd).toBe(true);
    expect(made.A.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(simdKernelFor(made.C, made.A, made.B)).not.toBeNull();
    expect(arenaScratchOf(made.A)?.length).toBe(60 * 40);
    const priv = fill(inArena(mk));
    fill(made);
    for (const x of [priv, made]) {
      gemmTNo(x.C, 0, 33, x.A, 0, 40, x.B, 0, 33, 60, 40, 33);
      syrkTNo(x.G, 0, 40, x.A, 0, 40, 60, 40, 0.5, 0);
    }
    expect(Array.from(made.C)).toEqual(Array.from(priv.C));
    expect(Array.from(made.G)).toEqual(Array.from(priv.G));
  });

  it('falls back to plain SharedArrayBuffer views (JS kernels) when SIMD is off; attaching gives the same arrays', () => {
    const { made, spec } = createSharedArena(mk, 3, false);
    expect(spec.simd).toBe(false);
    expect(simdKernelFor(made.C, made.A, made.B)).toBeNull();
    fill(made);
    const again = attachSharedArena(mk, spec, 2);
    expect(again.A.buffer).toBe(made.A.buffer);
    expect(Array.from(again.B)).toEqual(Array.from(made.B));
  });

  it('refuses a scratch slot the arena does not have', () => {
    const { spec } = createSharedArena(mk, 2, false);
    expect(() => attachSharedArena(mk, spec, 2)).toThrow(/slot 2 not in \[0, 2\)/);
    expect(() => attachSharedArena(mk, spec, -1)).toThrow(RangeError);
  });
  // a worker thread attaching it on its own slot: test/papers/tks/solver/parallel/data.test.ts (the data-parallel runs)
});
