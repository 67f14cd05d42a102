/**
 * A WebAssembly SIMD (f64x2) kernel for C = alpha·A·B + beta·C, and arenas of Float64Arrays living in its
 * memory. `gemmNNo` / `gemmTNo` in `blocked.ts` hand a product to the kernel when all three operands lie in
 * the same arena (see {@link simdKernelFor}); otherwise they run in plain JS.
 *
 * Why: plain JS tops out near 2.9 G multiply-adds/s on the project's machines (no SIMD, no FMA); this kernel
 * runs the solver's T×r·r×r products at ~11 G/s. It accumulates each entry of C in the same order as the JS
 * kernels (k ascending, no fused multiply-add), so both paths give bit-identical results.
 *
 * The module is assembled here from opcodes (about 900 bytes): no build step, no binary blob in the repo.
 * Kernel contract: gemm(M, N, K, A, sai, sak, B, ldb, C, ldc, alpha, beta) with byte addresses and byte strides;
 * element (i, k) of A is at A + i·sai + k·sak (so one kernel serves A and Aᵀ), B and C are row-major with
 * leading dimensions ldb, ldc; M and N must be multiples of 4 (callers handle the edges).
 */

/** Allocate a Float64Array of the given length. */
export type Alloc = (len: number) => Float64Array;

/** The default allocator: ordinary heap arrays. */
export const heapAlloc: Alloc = (len) => new Float64Array(len);

/** The exported kernel. */
export type GemmKernel = (
  M: number, N: number, K: number, A: number, sai: number, sak: number,
  B: number, ldb: number, C: number, ldc: number, alpha: number, beta: number,
) => void;

const owners = new WeakMap<ArrayBufferLike, GemmKernel>();
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
  return owners.get(buf) ?? null;
}

/** The slice of the WebAssembly JS API used here (the project's type libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let module: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (then everything stays in JS). */
function compiled(): object | null {
  if (module === undefined) {
    const bytes = assemble();
    module = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  }
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
  owners.set(memory.buffer, inst.exports.gemm as GemmKernel);
  memories.set(memory.buffer, memory);
  let next = 0;
  return make((len) => {
    const a = new Float64Array(memory.buffer, next * 8, len);
    next += Math.ceil(len / GRANULE) * GRANULE;
    return a;
  });
}

// ---- assembler -------------------------------------------------------------------------------------------

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  const b = Array.from(new TextEncoder().encode(s));
  return [...uleb(b.length), ...b];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b],
  br: (l: number) => [0x0c, ...uleb(l)], brIf: (l: number) => [0x0d, ...uleb(l)],
  get: (i: number) => [0x20, ...uleb(i)], set: (i: number) => [0x21, ...uleb(i)], tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], shl: [0x74], geS: [0x4e], eqz: [0x45], f64eq: [0x61],
  f64zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  f64load: (off: number) => [0x2b, 3, ...uleb(off)],
  vload: (off: number) => [0xfd, 0x00, 3, ...uleb(off)],
  vstore: (off: number) => [0xfd, 0x0b, 3, ...uleb(off)],
  vzero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  splat: [0xfd, ...uleb(0x14)], vadd: [0xfd, ...uleb(0xf0)], vmul: [0xfd, ...uleb(0xf2)],
  selectV: [0x1c, 0x01, V128],
};

// parameters
const P = { M: 0, N: 1, K: 2, A: 3, sai: 4, sak: 5, B: 6, ldb: 7, C: 8, ldc: 9, alpha: 10, beta: 11 };
// locals: 10 i32, 13 v128, 1 i32
const L = { i: 12, j: 13, k: 14, pa: 15, pb: 16, aRow: 17, cRow: 18, s2: 19, s3: 20, c: 21, acc: 22, b0: 30, b1: 31, a: 32, va: 33, vb: 34, bz: 35 };

/**
 * The kernel body: for each 4-row strip i and 4-column block j (j in bytes), 8 v128 accumulators hold the
 * 4×4 block; per k two v128 loads of B's row and four splatted A entries.
 */
function kernelBody(): number[] {
  const b: number[] = [];
  const e = (...xs: number[][]): void => {
    for (const x of xs) b.push(...x);
  };
  e(op.get(P.sai), op.get(P.sai), op.add, op.set(L.s2), op.get(L.s2), op.get(P.sai), op.add, op.set(L.s3));
  e(op.get(P.alpha), op.splat, op.set(L.va), op.get(P.beta), op.splat, op.set(L.vb));
  e(op.get(P.beta), op.f64zero, op.f64eq, op.set(L.bz));
  e(op.i32(0), op.set(L.i), op.block, op.loop);
  e(op.get(L.i), op.get(P.M), op.geS, op.brIf(1));
  e(op.get(P.A), op.get(L.i), op.get(P.sai), op.mul, op.add, op.set(L.aRow));
  e(op.get(P.C), op.get(L.i), op.get(P.ldc), op.mul, op.add, op.set(L.cRow));
  e(op.i32(0), op.set(L.j), op.block, op.loop);
  e(op.get(L.j), op.get(P.N), op.i32(3), op.shl, op.geS, op.brIf(1));
  for (let q = 0; q < 8; q++) e(op.vzero, op.set(L.acc + q));
  e(op.get(L.aRow), op.set(L.pa), op.get(P.B), op.get(L.j), op.add, op.set(L.pb), op.get(P.K), op.set(L.k));
  e(op.block, op.loop);
  e(op.get(L.k), op.eqz, op.brIf(1));
  e(op.get(L.pb), op.vload(0), op.set(L.b0), op.get(L.pb), op.vload(16), op.set(L.b1));
  const rowAddr = [[op.get(L.pa)], [op.get(L.pa), op.get(P.sai), op.add], [op.get(L.pa), op.get(L.s2), op.add], [op.get(L.pa), op.get(L.s3), op.add]];
  for (let r = 0; r < 4; r++) {
    e(...rowAddr[r], op.f64load(0), op.splat, op.set(L.a));
    e(op.get(L.acc + 2 * r), op.get(L.a), op.get(L.b0), op.vmul, op.vadd, op.set(L.acc + 2 * r));
    e(op.get(L.acc + 2 * r + 1), op.get(L.a), op.get(L.b1), op.vmul, op.vadd, op.set(L.acc + 2 * r + 1));
  }
  e(op.get(L.pa), op.get(P.sak), op.add, op.set(L.pa), op.get(L.pb), op.get(P.ldb), op.add, op.set(L.pb));
  e(op.get(L.k), op.i32(1), op.sub, op.set(L.k), op.br(0), op.end, op.end);
  // C block ← alpha·acc (beta = 0: C is never read into the result) or alpha·acc + beta·C
  for (let r = 0; r < 4; r++) {
    e(op.get(L.cRow), op.get(L.j), op.add);
    if (r > 0) e(op.get(P.ldc), op.i32(r), op.mul, op.add);
    e(op.set(L.c));
    for (let h = 0; h < 2; h++) {
      e(op.get(L.c), op.get(L.acc + 2 * r + h), op.get(L.va), op.vmul, op.tee(L.a));
      e(op.get(L.a), op.get(L.c), op.vload(16 * h), op.get(L.vb), op.vmul, op.vadd);
      e(op.get(L.bz), op.selectV, op.vstore(16 * h));
    }
  }
  e(op.get(L.j), op.i32(32), op.add, op.set(L.j), op.br(0), op.end, op.end);
  e(op.get(L.i), op.i32(4), op.add, op.set(L.i), op.br(0), op.end, op.end);
  e(op.end);
  return b;
}

/** The complete module: imports env.mem, exports gemm. */
function assemble(): Uint8Array {
  const params = [...Array<number[]>(10).fill([I32]), [F64], [F64]];
  const type = vec([[0x60, ...vec(params), ...vec([])]]);
  const imports = vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]]);
  const funcs = vec([[0]]);
  const exports = vec([[...name('gemm'), 0x00, 0]]);
  const body = [...vec([[...uleb(10), I32], [...uleb(13), V128], [...uleb(1), I32]]), ...kernelBody()];
  const code = vec([[...uleb(body.length), ...body]]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, type), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, code),
  ]);
}
