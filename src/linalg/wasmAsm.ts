/**
 * A small WebAssembly assembler for the SIMD kernels (`simd.ts`, `simdSolve.ts`, and paper kernels built on the
 * same arenas): opcodes as byte arrays, a function builder that hands out locals, and a module writer whose
 * modules import one memory (`env.mem`, an arena's) and export their functions by name. No build step, no binary
 * blob in the repository.
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): number[] {
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

const simd = (code: number): number[] => [0xfd, ...uleb(code)];
/** memarg with 8-byte alignment hint (any address is still allowed) and a constant byte offset. */
const mem = (code: number[], off: number): number[] => [...code, 3, ...uleb(off)];
const f64bytes = (x: number): number[] => Array.from(new Uint8Array(Float64Array.of(x).buffer));

/** Instructions. Control: block/loop/if take no values and return none. */
export const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b], return: [0x0f],
  br: (l: number): number[] => [0x0c, ...uleb(l)],
  brIf: (l: number): number[] => [0x0d, ...uleb(l)],
  call: (f: number): number[] => [0x10, ...uleb(f)],
  drop: [0x1a],
  get: (i: number): number[] => [0x20, ...uleb(i)],
  set: (i: number): number[] => [0x21, ...uleb(i)],
  tee: (i: number): number[] => [0x22, ...uleb(i)],
  /** select on i32/f64 operands: (a, b, cond) → cond ? a : b. */
  select: [0x1b],
  /** select on v128 operands. */
  selectV: [0x1c, 0x01, V128],

  i32: (v: number): number[] => [0x41, ...sleb(v)],
  eqz: [0x45], eq: [0x46], ne: [0x47], ltS: [0x48], gtS: [0x4a], leS: [0x4c], geS: [0x4e],
  add: [0x6a], sub: [0x6b], mul: [0x6c], and: [0x71], or: [0x72], shl: [0x74],

  f64: (x: number): number[] => [0x44, ...f64bytes(x)],
  f64load: (off = 0): number[] => mem([0x2b], off),
  f64store: (off = 0): number[] => mem([0x39], off),
  f64eq: [0x61], f64lt: [0x63], f64gt: [0x64], f64le: [0x65], f64ge: [0x66],
  f64neg: [0x9a], f64sqrt: [0x9f], f64add: [0xa0], f64sub: [0xa1], f64mul: [0xa2], f64div: [0xa3],

  vload: (off = 0): number[] => mem(simd(0x00), off),
  /** v128.load64_splat: one double from memory into both lanes (no shuffle unit needed). */
  vsplat64: (off = 0): number[] => mem(simd(0x0a), off),
  vstore: (off = 0): number[] => mem(simd(0x0b), off),
  vconst: (x: number): number[] => [...simd(0x0c), ...f64bytes(x), ...f64bytes(x)],
  vzero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  splat: simd(0x14),
  /** i8x16.shuffle(a, b) with 16 lane indices into the 32 bytes of a ‖ b. */
  shuffle: (lanes: readonly number[]): number[] => [...simd(0x0d), ...lanes],
  extract: (lane: number): number[] => [...simd(0x21), lane],
  fle: simd(0x4b), flt: simd(0x49), fgt: simd(0x4a), fge: simd(0x4c),
  vand: simd(0x4e), vor: simd(0x50),
  /** v128.bitselect(a, b, mask): bits of a where mask is 1, of b elsewhere. */
  bitselect: simd(0x52),
  fneg: simd(0xed), fadd: simd(0xf0), fsub: simd(0xf1), fmul: simd(0xf2), fdiv: simd(0xf3),
  /** f64x2.pmax(a, b) = a < b ? b : a, lane-wise (maxpd). */
  fpmax: simd(0xf7),
};

/** One function of a module under construction: parameters are locals 0 … params.length − 1. */
export class WasmFunction {
  private readonly locals: number[] = [];
  private readonly code: number[] = [];

  constructor(readonly name: string, readonly params: readonly number[]) {}

  /** A new local of type `t`; its index. */
  local(t: number): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }

  /** `n` new locals of type `t`. */
  localN(t: number, n: number): number[] {
    return Array.from({ length: n }, () => this.local(t));
  }

  /** Append instructions. */
  emit(...xs: readonly number[][]): void {
    for (const x of xs) for (const b of x) this.code.push(b);
  }

  /** The function body in binary form (locals declaration, code, end). */
  body(): number[] {
    const decl = [...uleb(this.locals.length), ...this.locals.flatMap((t) => [1, t])];
    return [...decl, ...this.code, ...op.end];
  }
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  const b = Array.from(new TextEncoder().encode(s));
  return [...uleb(b.length), ...b];
}

/**
 * The binary module: imports `env.mem` (one memory, no maximum required; with `sharedPages` > 0 a shared memory of
 * exactly that many pages, the kind threads can hold together), defines the functions in order (so
 * function i may `call` function j by index j) and exports each under its name. Functions return nothing unless
 * `results` lists their result types.
 */
export function assembleModule(
  funcs: readonly WasmFunction[], results: readonly (readonly number[])[] = [], sharedPages = 0,
): Uint8Array {
  const types = vec(funcs.map((f, i) => [0x60, ...vec(f.params.map((p) => [p])), ...vec((results[i] ?? []).map((r) => [r]))]));
  // limits 0x00 min 1: an ordinary memory of any size; 0x03 min max: a shared memory (threads), which must state its maximum
  const limits = sharedPages > 0 ? [0x03, ...uleb(sharedPages), ...uleb(sharedPages)] : [0x00, 0x01];
  const imports = vec([[...name('env'), ...name('mem'), 0x02, ...limits]]);
  const fns = vec(funcs.map((_, i) => uleb(i)));
  const exports = vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const code = vec(funcs.map((f) => {
    const b = f.body();
    return [...uleb(b.length), ...b];
  }));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, fns), ...section(7, exports), ...section(10, code),
  ]);
}

/** The slice of the WebAssembly JS API used here (the project's type libraries do not declare it). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum?: number; shared?: boolean }) => { buffer: ArrayBuffer };
}

/** The runtime's WebAssembly, if any. */
export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Compile `bytes`, or null where WebAssembly (SIMD) is unavailable or rejects the module. */
export function compileModule(bytes: Uint8Array): object | null {
  return wasmApi && wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
}

/**
 * A per-memory cache of instances of one lazily compiled module: `exportsFor(memory)` instantiates the module on
 * that memory the first time and returns its exports (null where the module cannot be compiled).
 */
export function moduleCache(assemble: () => Uint8Array): (memory: object) => Record<string, unknown> | null {
  let module: object | null | undefined;
  const instances = new WeakMap<object, Record<string, unknown>>();
  return (memory) => {
    if (module === undefined) module = compileModule(assemble());
    if (module === null || !wasmApi) return null;
    let ex = instances.get(memory);
    if (!ex) {
      ex = new wasmApi.Instance(module, { env: { mem: memory } }).exports;
      instances.set(memory, ex);
    }
    return ex;
  };
}
