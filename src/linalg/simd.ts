/**
 * WebAssembly SIMD (f64x2) kernels — C = alpha·A·B + beta·C, the block forward/backward substitutions of a
 * Cholesky solve and a Cholesky factorization — and arenas of Float64Arrays living in their memory. The kernels
 * in `blocked.ts` hand their work to these when all operands lie in the same arena (see {@link simdKernelFor},
 * {@link simdKernelsFor}); otherwise they run in plain JS.
 *
 * Why: plain JS tops out near 2.9 G multiply-adds/s on the project's machines (no SIMD, no FMA); the product
 * kernel runs the solver's T×r·r×r products at ~14 G/s. Every kernel accumulates each entry in the same order as
 * the JS kernels (k ascending, no fused multiply-add), so both paths give bit-identical results.
 *
 * The module is assembled from opcodes (`wasmAsm.ts`, tiles in `simdTiles.ts`, solves in `simdSolve.ts`): no
 * build step, no binary blob in the repo. Product contract: gemm(M, N, K, A, sai, sak, B, ldb, C, ldc, alpha,
 * beta) with byte addresses and byte strides; element (i, k) of A is at A + i·sai + k·sak (so one kernel serves A
 * and Aᵀ), B and C are row-major with leading dimensions ldb, ldc; any M, N, K ≥ 0.
 */
import { F64, I32, V128, WasmFunction, assembleModule, compileModule, op, wasmApi as wasm } from './wasmAsm.ts';
import { TileRegs, type TileCols } from './simdTiles.ts';
import { cholFunction, trsmFunction } from './simdSolve.ts';

/** Allocate a Float64Array of the given length. */
export type Alloc = (len: number) => Float64Array;

/** The default allocator: ordinary heap arrays. */
export const heapAlloc: Alloc = (len) => new Float64Array(len);

/** The exported kernel. */
export type GemmKernel = (
  M: number, N: number, K: number, A: number, sai: number, sak: number,
  B: number, ldb: number, C: number, ldc: number, alpha: number, beta: number,
) => void;

/** Block substitution kernel (see `simdSolve.ts`): trsm(n, nb, T, B, nrhs, dir, lower). */
export type TrsmKernel = (n: number, nb: number, T: number, B: number, nrhs: number, dir: number, lower: number) => void;

/** Transpose kernel: transpose(M, N, A, lda8, out, ldo8), out(N×M) = A(M×N)ᵀ, byte strides. */
export type TransposeKernel = (M: number, N: number, A: number, lda8: number, out: number, ldo8: number) => void;

/** Gram kernel: syrk(M, K, At, lda8, A, ldb8, C, ldc8, alpha, beta), the blocks of `syrkNNo` on and above the diagonal. */
export type SyrkKernel = (
  M: number, K: number, At: number, lda8: number, A: number, ldb8: number, C: number, ldc8: number, alpha: number, beta: number,
) => void;

/** Cholesky kernel (see `simdSolve.ts`): chol(n, A, Lt) → −1, or the column whose pivot failed. */
export type CholKernel = (n: number, A: number, Lt: number) => number;

/** The kernels of one arena. */
export interface SimdKernels {
  gemm: GemmKernel;
  transpose: TransposeKernel;
  syrk: SyrkKernel;
  trsm: TrsmKernel;
  chol: CholKernel;
}

const owners = new WeakMap<ArrayBufferLike, SimdKernels>();
/** Each arena's scratch: as long as its longest array, so it holds any block of any of them (see blocked.ts). */
const scratches = new WeakMap<ArrayBufferLike, Float64Array>();

/** The scratch array of the arena holding `a`, or null for an ordinary heap array. */
export function arenaScratchOf(a: Float64Array): Float64Array | null {
  return scratches.get(a.buffer) ?? null;
}
/** The WebAssembly.Memory behind each arena, so other kernels (`simdExp.ts`) can run on the same arrays. */
const memories = new WeakMap<ArrayBufferLike, object>();

/** The WebAssembly.Memory of the arena holding `a`, or null for an ordinary heap array. */
export function arenaMemoryOf(a: Float64Array): object | null {
  return memories.get(a.buffer) ?? null;
}

/** The kernel of the arena holding all three arrays, or null (different or ordinary buffers). */
export function simdKernelFor(C: Float64Array, A: Float64Array, B: Float64Array): GemmKernel | null {
  const buf = C.buffer;
  if (A.buffer !== buf || B.buffer !== buf) return null;
  return owners.get(buf)?.gemm ?? null;
}

/** All kernels of the arena holding every array of `arrays`, or null (different or ordinary buffers). */
export function simdKernelsFor(...arrays: Float64Array[]): SimdKernels | null {
  const buf = arrays[0].buffer;
  for (const a of arrays) if (a.buffer !== buf) return null;
  return owners.get(buf) ?? null;
}

let module: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (then everything stays in JS). */
function compiled(): object | null {
  if (module === undefined) module = compileModule(assemble());
  return module;
}

/** Whether the SIMD kernel is available in this runtime. */
export function simdAvailable(): boolean {
  return compiled() !== null;
}

/** Doubles per allocation granule: 64 bytes, one cache line, keeps every array 16-byte aligned for v128. */
const GRANULE = 8;

/**
 * Run `make` with an allocator whose arrays share one WebAssembly memory (so products among them use the
 * SIMD kernel), plus a scratch array as long as the longest of them (`arenaScratchOf`). `make` must only allocate — it runs twice, first to measure (receiving empty arrays), then
 * for real — and must allocate the same sequence of lengths both times. Falls back to heap arrays when
 * SIMD is unavailable or `enable` is false.
 */
export function inArena<T>(make: (alloc: Alloc) => T, enable = true): T {
  const mod = enable ? compiled() : null;
  if (!mod || !wasm) return make(heapAlloc);
  const { total, longest } = measure(make);
  const pages = Math.max(1, Math.ceil(((total + granules(longest)) * 8) / 65536));
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  return place(make, memory, mod, total, longest, 0);
}

/** Doubles `len` takes in an arena (rounded up to whole granules). */
function granules(len: number): number {
  return Math.ceil(len / GRANULE) * GRANULE;
}

/** Replay `make` with empty arrays: the doubles it needs in all and its longest array. */
function measure<T>(make: (alloc: Alloc) => T): { total: number; longest: number } {
  let total = 0, longest = 0;
  const empty = new Float64Array(0);
  make((len) => {
    total += granules(len);
    longest = Math.max(longest, len);
    return empty;
  });
  return { total, longest };
}

/**
 * Instantiate the kernels on `memory` for this thread, lay `make`'s arrays out from address 0, and give this
 * thread scratch number `slot` (after the arrays; each slot as long as the longest array).
 */
function place<T>(make: (alloc: Alloc) => T, memory: { buffer: ArrayBufferLike }, mod: object, total: number, longest: number, slot: number): T {
  if (!wasm) throw new Error('WebAssembly is unavailable');
  const inst = new wasm.Instance(mod, { env: { mem: memory } });
  const ex = inst.exports;
  owners.set(memory.buffer, {
    gemm: ex.gemm as GemmKernel, transpose: ex.transpose as TransposeKernel, syrk: ex.syrk as SyrkKernel,
    trsm: ex.trsm as TrsmKernel, chol: ex.chol as CholKernel,
  });
  memories.set(memory.buffer, memory);
  let next = 0;
  const made = make((len) => {
    const a = new Float64Array(memory.buffer, next * 8, len);
    next += granules(len);
    return a;
  });
  scratches.set(memory.buffer, new Float64Array(memory.buffer, (total + slot * granules(longest)) * 8, longest));
  return made;
}

/**
 * An arena several threads hold at once: its memory (a shared WebAssembly.Memory, or a SharedArrayBuffer where
 * SIMD is unavailable) and its size. Post it to a worker thread and call {@link attachSharedArena} there.
 */
export interface SharedArenaSpec {
  memory: object;
  pages: number;
  /** Scratch slots: one per thread that will hold the arena. */
  slots: number;
  simd: boolean;
}

const sharedModules = new Map<number, object | null>();

/** The kernels assembled for a shared memory of `pages` pages (a shared import must state its size). */
function sharedModule(pages: number): object | null {
  let m = sharedModules.get(pages);
  if (m === undefined) {
    m = compiled() === null ? null : compileModule(assemble(pages));
    sharedModules.set(pages, m);
  }
  return m;
}

/**
 * Like {@link inArena}, but in memory that other threads can hold too: each thread that attaches the arena
 * (`attachSharedArena`) runs the kernels in its own instance on the same arrays, with its own scratch slot (the
 * kernels' transposes go there), so threads computing disjoint outputs never write the same address. This
 * thread takes slot 0. Returns what `make` built and the spec to post to the other threads.
 */
export function createSharedArena<T>(make: (alloc: Alloc) => T, slots: number, enable = true): { made: T; spec: SharedArenaSpec } {
  const { total, longest } = measure(make);
  const bytes = (total + slots * granules(longest)) * 8;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const mod = enable && wasm ? sharedModule(pages) : null;
  if (!mod || !wasm) {
    const sab = new SharedArrayBuffer(pages * 65536);
    return { made: viewsOf(make, sab), spec: { memory: sab, pages, slots, simd: false } };
  }
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  return { made: place(make, memory, mod, total, longest, 0), spec: { memory, pages, slots, simd: true } };
}

/** In another thread: the same arrays as `createSharedArena(make, …)` made, on scratch slot `slot`. */
export function attachSharedArena<T>(make: (alloc: Alloc) => T, spec: SharedArenaSpec, slot: number): T {
  if (!(slot >= 0 && slot < spec.slots)) throw new RangeError(`scratch slot ${slot} not in [0, ${spec.slots})`);
  if (!spec.simd) return viewsOf(make, spec.memory as SharedArrayBuffer);
  const mod = sharedModule(spec.pages);
  if (!mod) throw new Error('attachSharedArena: WebAssembly SIMD is unavailable in this thread');
  const { total, longest } = measure(make);
  return place(make, spec.memory as { buffer: ArrayBufferLike }, mod, total, longest, slot);
}

/** `make`'s arrays as plain views of a SharedArrayBuffer (JS kernels). */
function viewsOf<T>(make: (alloc: Alloc) => T, sab: SharedArrayBuffer): T {
  let next = 0;
  return make((len) => {
    const a = new Float64Array(sab, next * 8, len);
    next += granules(len);
    return a;
  });
}

// ---- the product kernel ----------------------------------------------------------------------------------

const GEMM_PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64];
const P = { M: 0, N: 1, K: 2, A: 3, sai: 4, sak: 5, B: 6, ldb: 7, C: 8, ldc: 9, alpha: 10, beta: 11 };

/** The tile shapes of the product, main tile first; function index = position (after `gemm` itself, index 0). */
const REGIONS: readonly (readonly [number, TileCols])[] = [[2, 8], [2, 4], [2, 2], [2, 1], [1, 8], [1, 4], [1, 2], [1, 1]];

/**
 * One tile shape over a whole region (M a multiple of MR, N of NC): row strips, column tiles, per tile the
 * products of `TileRegs`, then C ← alpha·acc + beta·C (beta = 0: C is never read into the result). One function
 * per shape: in one function with all shapes V8 allocated registers worse for the main tile (13.8 vs 15.4 G/s).
 */
function regionFunction(MR: number, NC: TileCols): WasmFunction {
  const f = new WasmFunction(`gemm${MR}x${NC}`, GEMM_PARAMS);
  const [i, j, k, pa, pb, aRow, cRow, c, bz, s2, s3, n8] = f.localN(I32, 12);
  const va = f.local(V128), vb = f.local(V128);
  const regs = new TileRegs(f);
  f.emit(op.get(P.sai), op.get(P.sai), op.add, op.set(s2), op.get(s2), op.get(P.sai), op.add, op.set(s3));
  f.emit(op.get(P.alpha), op.splat, op.set(va), op.get(P.beta), op.splat, op.set(vb));
  f.emit(op.get(P.beta), op.f64(0), op.f64eq, op.set(bz), op.get(P.N), op.i32(3), op.shl, op.set(n8));
  f.emit(op.i32(0), op.set(i), op.block, op.loop, op.get(i), op.get(P.M), op.geS, op.brIf(1));
  f.emit(op.get(P.A), op.get(i), op.get(P.sai), op.mul, op.add, op.set(aRow));
  f.emit(op.get(P.C), op.get(i), op.get(P.ldc), op.mul, op.add, op.set(cRow));
  f.emit(op.i32(0), op.set(j), op.block, op.loop, op.get(j), op.get(n8), op.geS, op.brIf(1));
  f.emit(op.get(aRow), op.set(pa), op.get(P.B), op.get(j), op.add, op.set(pb), op.get(P.K), op.set(k));
  regs.products(MR, NC, { pa, pb, k, rowOff: [P.sai, s2, s3], sak: P.sak, ldb: P.ldb });
  for (let r = 0; r < MR; r++) {
    f.emit(op.get(cRow), op.get(j), op.add);
    if (r > 0) f.emit(op.get(P.ldc), op.i32(r), op.mul, op.add);
    f.emit(op.set(c));
    if (NC === 1) {
      f.emit(op.get(c), op.get(regs.sacc[r]), op.get(P.alpha), op.f64mul, op.tee(regs.ts));
      f.emit(op.get(regs.ts), op.get(c), op.f64load(), op.get(P.beta), op.f64mul, op.f64add);
      f.emit(op.get(bz), op.select, op.f64store());
    } else {
      for (let v = 0; v < NC >> 1; v++) {
        f.emit(op.get(c), op.get(regs.acc[r][v]), op.get(va), op.fmul, op.tee(regs.tv));
        f.emit(op.get(regs.tv), op.get(c), op.vload(16 * v), op.get(vb), op.fmul, op.fadd);
        f.emit(op.get(bz), op.selectV, op.vstore(16 * v));
      }
    }
  }
  f.emit(op.get(j), op.i32(8 * NC), op.add, op.set(j), op.br(0), op.end, op.end);
  f.emit(op.get(i), op.i32(MR), op.add, op.set(i), op.br(0), op.end, op.end);
  return f;
}

/**
 * gemm: the driver. Rows 0 … M−(M mod 2) in strips of 2, the last row (M odd) alone; columns in tiles of 8,
 * then one tile each of 4, 2, 1 for the rest — each part a call of its region function.
 */
export function gemmFunction(): WasmFunction {
  const f = new WasmFunction('gemm', GEMM_PARAMS);
  const [m2, c0, rows, a0, cBase] = f.localN(I32, 5);
  const call = (shape: number, M: number[][], N: number[][], A: number[][], col: number, C: number[][]): void => {
    f.emit(...M, ...N, op.get(P.K), ...A, op.get(P.sai), op.get(P.sak));
    f.emit(op.get(P.B), op.get(col), op.i32(3), op.shl, op.add, op.get(P.ldb));
    f.emit(...C, op.get(col), op.i32(3), op.shl, op.add, op.get(P.ldc), op.get(P.alpha), op.get(P.beta), op.call(1 + shape));
  };
  /** Regions of one band of rows (count `rows`, A and C at a0, cBase): 8-wide, then 4, 2, 1. */
  const band = (first: number): void => {
    f.emit(op.get(P.N), op.i32(-8), op.and, op.set(c0));
    f.emit(op.get(c0), op.if);
    call(first, [op.get(rows)], [op.get(c0)], [op.get(a0)], zero, [op.get(cBase)]);
    f.emit(op.end);
    for (const [w, shape] of [[4, first + 1], [2, first + 2], [1, first + 3]]) {
      f.emit(op.get(P.N), op.get(c0), op.sub, op.i32(w), op.geS, op.if);
      call(shape, [op.get(rows)], [op.i32(w)], [op.get(a0)], c0, [op.get(cBase)]);
      f.emit(op.get(c0), op.i32(w), op.add, op.set(c0), op.end);
    }
  };
  const zero = f.local(I32);
  f.emit(op.get(P.M), op.i32(-2), op.and, op.tee(m2), op.if);
  f.emit(op.get(m2), op.set(rows), op.get(P.A), op.set(a0), op.get(P.C), op.set(cBase));
  band(0);
  f.emit(op.end, op.get(P.M), op.get(m2), op.sub, op.if);
  f.emit(op.i32(1), op.set(rows), op.get(P.A), op.get(m2), op.get(P.sai), op.mul, op.add, op.set(a0));
  f.emit(op.get(P.C), op.get(m2), op.get(P.ldc), op.mul, op.add, op.set(cBase));
  band(4);
  f.emit(op.end);
  return f;
}

/**
 * transpose(M, N, A, lda8, out, ldo8): out(N×M) = A(M×N)ᵀ by 2×2 blocks (two row loads, two shuffles, two
 * stores), the odd row and column by scalar copies. Pure data movement: the same bits as any copy loop.
 */
function transposeFunction(): WasmFunction {
  const Q = { M: 0, N: 1, A: 2, lda: 3, out: 4, ldo: 5 };
  const f = new WasmFunction('transpose', [I32, I32, I32, I32, I32, I32]);
  const [i, j, pa, po, a, b] = [...f.localN(I32, 4), ...f.localN(V128, 2)];
  const lo = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
  const hi = lo.map((x) => x + 8);
  /** out(j, i) = A(i, j) for the element at pa (row i) and po (column i of out, row j). */
  const copy = (rowOff: number[][], outOff: number): number[][] => [op.get(po), op.i32(outOff), op.add, op.get(pa), ...rowOff, op.f64load(), op.f64store()];
  const rows = (two: boolean): void => {
    f.emit(op.get(Q.A), op.get(i), op.get(Q.lda), op.mul, op.add, op.set(pa), op.get(Q.out), op.get(i), op.i32(3), op.shl, op.add, op.set(po));
    f.emit(op.i32(0), op.set(j), op.block, op.loop, op.get(Q.N), op.get(j), op.sub, op.i32(two ? 2 : 1), op.ltS, op.brIf(1));
    if (two) {
      f.emit(op.get(pa), op.vload(), op.set(a), op.get(pa), op.get(Q.lda), op.add, op.vload(), op.set(b));
      f.emit(op.get(po), op.get(a), op.get(b), op.shuffle(lo), op.vstore());
      f.emit(op.get(po), op.get(Q.ldo), op.add, op.get(a), op.get(b), op.shuffle(hi), op.vstore());
      f.emit(op.get(pa), op.i32(16), op.add, op.set(pa), op.get(po), op.get(Q.ldo), op.get(Q.ldo), op.add, op.add, op.set(po));
      f.emit(op.get(j), op.i32(2), op.add, op.set(j), op.br(0), op.end, op.end);
      f.emit(op.get(j), op.get(Q.N), op.ltS, op.if, ...copy([], 0), ...copy([op.get(Q.lda), op.add], 8), op.end);
    } else {
      f.emit(...copy([], 0), op.get(pa), op.i32(8), op.add, op.set(pa), op.get(po), op.get(Q.ldo), op.add, op.set(po));
      f.emit(op.get(j), op.i32(1), op.add, op.set(j), op.br(0), op.end, op.end);
    }
  };
  f.emit(op.i32(0), op.set(i), op.block, op.loop, op.get(Q.M), op.get(i), op.sub, op.i32(2), op.ltS, op.brIf(1));
  rows(true);
  f.emit(op.get(i), op.i32(2), op.add, op.set(i), op.br(0), op.end, op.end);
  f.emit(op.get(i), op.get(Q.M), op.ltS, op.if);
  rows(false);
  f.emit(op.end);
  return f;
}

/**
 * syrk(M, K, At, lda8, A, ldb8, C, ldc8, alpha, beta): the strips of `syrkNNo` — rows i0 … i0+3 of C from
 * column i0 on, = alpha·At(i0.., ·)·A(·, i0..) + beta·C — each a call of gemm (function 0), all in one call from
 * JS (the Gram matrices of the BCD took 25 calls each, ~1 µs apiece). The caller mirrors the lower triangle.
 */
function syrkFunction(): WasmFunction {
  const Q = { M: 0, K: 1, At: 2, lda: 3, A: 4, ldb: 5, C: 6, ldc: 7, alpha: 8, beta: 9 };
  const f = new WasmFunction('syrk', [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64]);
  const i0 = f.local(I32);
  f.emit(op.i32(0), op.set(i0), op.block, op.loop, op.get(i0), op.get(Q.M), op.geS, op.brIf(1));
  // gemm(min(4, M − i0), M − i0, K, At + i0·lda8, lda8, 8, A + 8·i0, ldb8, C + i0·ldc8 + 8·i0, ldc8, alpha, beta)
  f.emit(op.get(Q.M), op.get(i0), op.sub, op.i32(4), op.get(Q.M), op.get(i0), op.sub, op.i32(4), op.ltS, op.select);
  f.emit(op.get(Q.M), op.get(i0), op.sub, op.get(Q.K), op.get(Q.At), op.get(i0), op.get(Q.lda), op.mul, op.add, op.get(Q.lda), op.i32(8));
  f.emit(op.get(Q.A), op.get(i0), op.i32(3), op.shl, op.add, op.get(Q.ldb));
  f.emit(op.get(Q.C), op.get(i0), op.get(Q.ldc), op.mul, op.add, op.get(i0), op.i32(3), op.shl, op.add, op.get(Q.ldc));
  f.emit(op.get(Q.alpha), op.get(Q.beta), op.call(0));
  f.emit(op.get(i0), op.i32(4), op.add, op.set(i0), op.br(0), op.end, op.end);
  return f;
}

/** The complete module: imports env.mem; exports gemm (function 0, called by chol and syrk), its regions, trsm, chol, transpose (called by chol), syrk. */
function assemble(sharedPages = 0): Uint8Array {
  const regions = REGIONS.map(([MR, NC]) => regionFunction(MR, NC));
  const transposeIndex = 1 + regions.length + 2;
  const funcs = [gemmFunction(), ...regions, trsmFunction(), cholFunction(0, transposeIndex), transposeFunction(), syrkFunction()];
  return assembleModule(funcs, funcs.map((fn) => (fn.name === 'chol' ? [I32] : [])), sharedPages);
}
