/**
 * Register tiles for the WebAssembly SIMD kernels: code that accumulates an MR×NC block of A·B in locals, one k
 * at a time, k ascending, one multiply then one add per entry (no fused multiply-add) — the order of the JS
 * kernels in `blocked.ts`, so every kernel built on these tiles gives the JS results bit for bit.
 *
 * Shapes: MR ≤ 4 rows; NC = 8 columns (four f64x2 vectors per row), 4, 2 (one vector) or 1 (scalar f64), at
 * most 8 vector accumulators. The product kernel's main tile is 2×8: 8 accumulators, 4 vectors of B and one
 * splatted A entry (13 of the 15 xmm registers V8 allocates from), 2 splats per 16 multiply-adds; measured
 * 15.4 G multiply-adds/s against 14.2 for 4×4 (4 splats) and 7–8.5 for tiles that need more registers (5×4,
 * 6×4, 3×8: spills). A's entries are fetched with v128.load64_splat (12 → 14 G/s against f64.load + splat).
 */
import { F64, V128, op, type WasmFunction } from './wasmAsm.ts';

/** Column counts of the tiles. */
export type TileCols = 8 | 4 | 2 | 1;

/** Where a tile reads its operands; all are local indices (pa, pb, k are consumed: advanced or counted down). */
export interface TileSource {
  /** Byte address of A(0, 0) of the tile. */
  pa: number;
  /** Byte address of B(0, col0). */
  pb: number;
  /** Number of k steps (counted down to 0). */
  k: number;
  /** Byte offsets of A's rows 1, 2, 3 from row 0 (used when MR = 4). */
  rowOff: readonly number[];
  /** Byte stride of A along k. */
  sak: number;
  /** Byte stride of B along k (its leading dimension in bytes). */
  ldb: number;
}

/** Accumulator and scratch locals for tiles of every shape, shared by all tiles of one function. */
export class TileRegs {
  /** acc[r][v]: vector accumulators (NC ≥ 2; MR·NC/2 ≤ 8 of them used by one tile). */
  readonly acc: number[][];
  /** sacc[r]: scalar accumulators (NC = 1). */
  readonly sacc: number[];
  private readonly bv: number[];
  private readonly a: number;
  private readonly bs: number;
  private readonly as: number;
  /** Scratch: one vector and one double, free for epilogues. */
  readonly tv: number;
  readonly ts: number;

  constructor(private readonly f: WasmFunction) {
    this.acc = [0, 1, 2, 3].map(() => f.localN(V128, 4));
    this.sacc = f.localN(F64, 4);
    this.bv = f.localN(V128, 4);
    this.a = f.local(V128);
    this.bs = f.local(F64);
    this.as = f.local(F64);
    this.tv = f.local(V128);
    this.ts = f.local(F64);
  }

  /** Emit: zero the accumulators of an MR×NC tile, then acc += A(r, k)·B(k, ·) for k = 0 … K−1. */
  products(MR: number, NC: TileCols, s: TileSource): void {
    const { f, acc, sacc } = this;
    const nv = NC >> 1;
    for (let r = 0; r < MR; r++) {
      if (NC === 1) f.emit(op.f64(0), op.set(sacc[r]));
      else for (let v = 0; v < nv; v++) f.emit(op.vzero, op.set(acc[r][v]));
    }
    // exit on k < 1 rather than k = 0: V8 unrolls the former into a tighter loop (measured 13.8 → 15.4 G/s)
    f.emit(op.block, op.loop, op.get(s.k), op.i32(1), op.ltS, op.brIf(1));
    if (NC === 1) f.emit(op.get(s.pb), op.f64load(), op.set(this.bs));
    else for (let v = 0; v < nv; v++) f.emit(op.get(s.pb), op.vload(16 * v), op.set(this.bv[v]));
    for (let r = 0; r < MR; r++) {
      f.emit(op.get(s.pa));
      if (r > 0) f.emit(op.get(s.rowOff[r - 1]), op.add);
      if (NC === 1) {
        f.emit(op.f64load(), op.set(this.as));
        f.emit(op.get(sacc[r]), op.get(this.as), op.get(this.bs), op.f64mul, op.f64add, op.set(sacc[r]));
      } else {
        f.emit(op.vsplat64(), op.set(this.a));
        for (let v = 0; v < nv; v++) f.emit(op.get(acc[r][v]), op.get(this.a), op.get(this.bv[v]), op.fmul, op.fadd, op.set(acc[r][v]));
      }
    }
    f.emit(op.get(s.pa), op.get(s.sak), op.add, op.set(s.pa), op.get(s.pb), op.get(s.ldb), op.add, op.set(s.pb));
    f.emit(op.get(s.k), op.i32(1), op.sub, op.set(s.k), op.br(0), op.end, op.end);
  }
}

/**
 * Emit a loop over the column tiles of one row strip: `body(NC)` runs with the local `j` (byte offset of the
 * tile's first column) set, for j = 0, 32, … while 4 columns remain, then once for 2 and once for 1 if left.
 * `n8` holds the number of columns × 8. (The product kernel has one function per tile shape instead.)
 */
export function columnTiles(f: WasmFunction, j: number, n8: number, body: (NC: TileCols) => void): void {
  f.emit(op.i32(0), op.set(j), op.block, op.loop);
  f.emit(op.get(n8), op.get(j), op.sub, op.i32(32), op.ltS, op.brIf(1));
  body(4);
  f.emit(op.get(j), op.i32(32), op.add, op.set(j), op.br(0), op.end, op.end);
  f.emit(op.get(n8), op.get(j), op.sub, op.i32(16), op.geS, op.if);
  body(2);
  f.emit(op.get(j), op.i32(16), op.add, op.set(j), op.end);
  f.emit(op.get(n8), op.get(j), op.sub, op.i32(8), op.geS, op.if);
  body(1);
  f.emit(op.end);
}
