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
import { F64, I32, WasmFunction, assembleModule, compileModule, op, wasmApi as wasm } from './wasmAsm.ts';
import { TileRegs, columnTiles, type TileCols } from './simdTiles.ts';
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

/** Block substitution kernel (see `simdSolve.ts`): trsm(n, nb, T, B, nrhs, dir). */
export type TrsmKernel = (n: number, nb: number, T: number, B: number, nrhs: number, dir: number) => void;

/** Cholesky kernel (see `simdSolve.ts`): chol(n, A, Lt) → −1, or the column whose pivot failed. */
export type CholKernel = (n: number, A: number, Lt: number) => number;

/** The kernels of one arena. */
export interface SimdKernels {
  gemm: GemmKernel;
  trsm: TrsmKernel;
  chol: CholKernel;
}

const owners = new WeakMap<ArrayBufferLike, SimdKernels>();
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
 * SIMD kernel). `make` must only allocate — it runs twice, first to measure (receiving empty arrays), then
 * for real — and must allocate the same sequence of lengths both times. Falls back to heap arrays when
 * SIMD is unavailable or `enable` is false.
 */
export function inArena<T>(make: (alloc: Alloc) => T, enable = true): T {
  const mod = enable ? compiled() : null;
  if (!mod || !wasm) return make(heapAlloc);
  let total = 0;
  const empty = new Float64Array(0);
  make((len) => {
    total += Math.ceil(len / GRANULE) * GRANULE;
    return empty;
  });
  const pages = Math.max(1, Math.ceil((total * 8) / 65536));
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  const inst = new wasm.Instance(mod, { env: { mem: memory } });
  const ex = inst.exports;
  owners.set(memory.buffer, { gemm: ex.gemm as GemmKernel, trsm: ex.trsm as TrsmKernel, chol: ex.chol as CholKernel });
  memories.set(memory.buffer, memory);
  let next = 0;
  return make((len) => {
    const a = new Float64Array(memory.buffer, next * 8, len);
    next += Math.ceil(len / GRANULE) * GRANULE;
    return a;
  });
}

// ---- the product kernel ----------------------------------------------------------------------------------

/**
 * gemm: row strips of 4 (then single rows), each swept by column tiles of 4, 2, 1 (`columnTiles`); per tile the
 * products of `TileRegs`, then C ← alpha·acc + beta·C (beta = 0: C is never read into the result).
 */
export function gemmFunction(): WasmFunction {
  const P = { M: 0, N: 1, K: 2, A: 3, sai: 4, sak: 5, B: 6, ldb: 7, C: 8, ldc: 9, alpha: 10, beta: 11 };
  const f = new WasmFunction('gemm', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64]);
  const [i, j, k, pa, pb, aRow, cRow, c, n8, bz, s2, s3] = f.localN(I32, 12);
  const va = f.local(0x7b), vb = f.local(0x7b);
  const regs = new TileRegs(f);
  f.emit(op.get(P.sai), op.get(P.sai), op.add, op.set(s2), op.get(s2), op.get(P.sai), op.add, op.set(s3));
  f.emit(op.get(P.alpha), op.splat, op.set(va), op.get(P.beta), op.splat, op.set(vb));
  f.emit(op.get(P.beta), op.f64(0), op.f64eq, op.set(bz), op.get(P.N), op.i32(3), op.shl, op.set(n8));

  const tile = (MR: number, NC: TileCols): void => {
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
  };
  const strips = (MR: number): void => {
    f.emit(op.block, op.loop, op.get(P.M), op.get(i), op.sub, op.i32(MR), op.ltS, op.brIf(1));
    f.emit(op.get(P.A), op.get(i), op.get(P.sai), op.mul, op.add, op.set(aRow));
    f.emit(op.get(P.C), op.get(i), op.get(P.ldc), op.mul, op.add, op.set(cRow));
    columnTiles(f, j, n8, (NC) => tile(MR, NC));
    f.emit(op.get(i), op.i32(MR), op.add, op.set(i), op.br(0), op.end, op.end);
  };
  f.emit(op.i32(0), op.set(i));
  strips(4);
  strips(1);
  return f;
}

/** The complete module: imports env.mem; exports gemm (function 0, called by chol), trsm, chol. */
function assemble(): Uint8Array {
  return assembleModule([gemmFunction(), trsmFunction(), cholFunction(0)], [[], [], [I32]]);
}
