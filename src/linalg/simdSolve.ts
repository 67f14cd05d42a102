/**
 * WebAssembly SIMD kernels for Cholesky solves and factorizations, generated into the module of `simd.ts`.
 * Each performs, entry by entry, the same floating-point operations in the same order as its JS twin in
 * `blocked.ts` (`cholSolveBlocked`'s 4-row blocks, `choleskyBlocked`'s 16-column panels), so results are
 * bit-identical; they exist because the JS twins spend most of their time outside the product kernel (the
 * in-block substitutions, the in-panel dot products, one call per 4-row block).
 */
import { F64, I32, V128, WasmFunction, op } from './wasmAsm.ts';
import { TileRegs, columnTiles, type TileCols } from './simdTiles.ts';

/** Panel width of the Cholesky factorization; `blocked.ts` uses the same. */
export const CHOL_NB = 16;

/**
 * trsm(n, nb, T, B, nrhs, dir): the nb full 4-row blocks of one sweep of `cholSolveBlocked` on B (n×nrhs,
 * row-major, byte address B), T (n×n, byte address) being L for the forward sweep (dir = 0: blocks 0 … nb−1,
 * L·Y = B) or U = Lᵀ for the backward one (dir = 1: blocks nb−1 … 0, rows below 4·nb already solved). Per
 * block and column tile: acc = T(block rows, solved rows)·B(solved rows, ·) in a tile, then in registers
 * x_r = (−acc_r + b_r − Σ_q T_rq x_q)·(1/T_rr), q over the block's earlier rows (forward) or later rows (backward).
 * With `lower` (forward only) B is lower triangular, so is Y, and each block stops at its last row's column: the
 * columns right of it would come out +0 from +0 (0 − Σ L·0), exactly what they hold.
 */
export function trsmFunction(): WasmFunction {
  const P = { n: 0, nb: 1, T: 2, B: 3, nrhs: 4, dir: 5, lower: 6 };
  const f = new WasmFunction('trsm', [I32, I32, I32, I32, I32, I32, I32]);
  const [n8, ldb8, lb2, lb3, r2, r3, eight, idx, i0, K, aRow, bk, bi, D, j, pa, pb, k, cb, cols8] = f.localN(I32, 20);
  const regs = new TileRegs(f);
  const rowOff = [n8, r2, r3];
  f.emit(op.get(P.n), op.i32(3), op.shl, op.set(n8), op.get(P.nrhs), op.i32(3), op.shl, op.set(ldb8), op.i32(8), op.set(eight));
  f.emit(op.get(n8), op.get(n8), op.add, op.set(r2), op.get(r2), op.get(n8), op.add, op.set(r3));
  f.emit(op.get(ldb8), op.get(ldb8), op.add, op.set(lb2), op.get(lb2), op.get(ldb8), op.add, op.set(lb3));

  /** Address of B(block row r, tile column j) on the stack. */
  const bRow = (r: number): number[][] => [op.get(cb), ...(r === 0 ? [] : [op.get([ldb8, lb2, lb3][r - 1]), op.add])];
  /** Address of T(i0 + r, i0) on the stack; the diagonal block's entry (r, q) is at offset 8q. */
  const dRow = (r: number): number[][] => [op.get(D), ...(r === 0 ? [] : [op.get(rowOff[r - 1]), op.add])];

  const substitute = (NC: TileCols, backward: boolean): void => {
    const rows = backward ? [3, 2, 1, 0] : [0, 1, 2, 3];
    const nv = NC === 1 ? 1 : NC >> 1;
    for (let v = 0; v < nv; v++) {
      for (const r of rows) {
        const x = NC === 1 ? regs.sacc[r] : regs.acc[r][v];
        const qs = backward ? [1, 2, 3].map((d) => r + d).filter((q) => q < 4) : Array.from({ length: r }, (_, q) => q);
        if (NC === 1) {
          f.emit(op.get(x), op.f64neg, ...bRow(r), op.f64load(), op.f64add);
          for (const q of qs) f.emit(...dRow(r), op.f64load(8 * q), op.get(regs.sacc[q]), op.f64mul, op.f64sub);
          f.emit(op.f64(1), ...dRow(r), op.f64load(8 * r), op.f64div, op.f64mul, op.set(x));
          f.emit(...bRow(r), op.get(x), op.f64store());
        } else {
          f.emit(op.get(x), op.fneg, ...bRow(r), op.vload(16 * v), op.fadd);
          for (const q of qs) f.emit(...dRow(r), op.vsplat64(8 * q), op.get(regs.acc[q][v]), op.fmul, op.fsub);
          f.emit(op.vconst(1), ...dRow(r), op.vsplat64(8 * r), op.fdiv, op.fmul, op.set(x));
          f.emit(...bRow(r), op.get(x), op.vstore(16 * v));
        }
      }
    }
  };

  f.emit(op.i32(0), op.set(idx), op.block, op.loop, op.get(idx), op.get(P.nb), op.geS, op.brIf(1));
  // block number: idx forward, nb − 1 − idx backward; i0 = 4·block
  f.emit(op.get(P.nb), op.i32(1), op.sub, op.get(idx), op.sub, op.get(idx), op.get(P.dir), op.select, op.i32(2), op.shl, op.set(i0));
  f.emit(op.get(P.T), op.get(i0), op.get(n8), op.mul, op.add, op.tee(aRow), op.get(i0), op.i32(3), op.shl, op.add, op.set(D));
  f.emit(op.get(P.B), op.get(i0), op.get(ldb8), op.mul, op.add, op.set(bi));
  f.emit(op.get(P.dir), op.if);
  // backward: rows e = i0 + 4 … n − 1 are solved; coefficients U(i0.., e..)
  f.emit(op.get(P.n), op.get(i0), op.sub, op.i32(4), op.sub, op.set(K), op.get(D), op.i32(32), op.add, op.set(aRow));
  f.emit(op.get(bi), op.get(lb2), op.get(lb2), op.add, op.add, op.set(bk));
  f.emit(op.else);
  // forward: rows 0 … i0 − 1 are solved; coefficients L(i0.., 0..)
  f.emit(op.get(i0), op.set(K), op.get(P.B), op.set(bk), op.end);
  // cols8 = lower ? min(nrhs, i0 + 4)·8 : nrhs·8
  f.emit(op.get(i0), op.i32(4), op.add, op.i32(3), op.shl, op.tee(cols8), op.get(ldb8), op.get(cols8), op.get(ldb8), op.ltS, op.select);
  f.emit(op.get(ldb8), op.get(P.lower), op.select, op.set(cols8));
  columnTiles(f, j, cols8, (NC) => {
    f.emit(op.get(aRow), op.set(pa), op.get(bk), op.get(j), op.add, op.set(pb), op.get(K), op.set(k));
    regs.products(4, NC, { pa, pb, k, rowOff, sak: eight, ldb: ldb8 });
    f.emit(op.get(bi), op.get(j), op.add, op.set(cb));
    f.emit(op.get(P.dir), op.if);
    substitute(NC, true);
    f.emit(op.else);
    substitute(NC, false);
    f.emit(op.end);
  });
  f.emit(op.get(idx), op.i32(1), op.add, op.set(idx), op.br(0), op.end, op.end);
  return f;
}

/**
 * chol(n, A, Lt) → −1, or the column j whose pivot d failed (d ≤ 0, NaN or +∞; d is left in A(j, j)): the
 * factorization of `choleskyBlocked` with its transposed-factor scratch Lt. Per panel of CHOL_NB columns: the
 * panel product (a call to gemm, function `gemmIndex`), the panel transposed into its rows of Lt (function
 * `transposeIndex`), then right-looking within the panel on those rows — for k in the panel: the pivot, row k
 * scaled, then Lt(j, i) −= Lt(k, i)·Lt(k, j) for the panel rows j > k and i ≥ j — and the panel transposed back
 * into A. Each entry sees the subtractions in k order, exactly as in the left-looking JS loop (Lt(k, i) holds the
 * bits of L(i, k); products commute exactly). Why rows of Lt: they are contiguous and n − j long, where the
 * panel's rows of A are at most CHOL_NB long (measured: the in-panel part was half of the factorization's time).
 * Entries above the diagonal inside the panel of A, and below it in the panel's rows of Lt, get garbage; the
 * caller zeroes A's, nothing reads Lt's.
 */
export function cholFunction(gemmIndex: number, transposeIndex: number): WasmFunction {
  const P = { n: 0, A: 1, Lt: 2 };
  const f = new WasmFunction('chol', [I32, I32, I32]);
  const [n8, j0, jend, k, kk, j, p, q, end, a0, l0] = f.localN(I32, 11);
  const [d, inv, a] = f.localN(F64, 3);
  const av = f.local(V128);
  /** For p over [p, end) in pairs then one: *p = *p ⊙ …; `pair`/`one` emit the new value of *p from p (and q). */
  const sweep = (pair: number[][], one: number[][], withQ: boolean): void => {
    f.emit(op.block, op.loop, op.get(end), op.get(p), op.sub, op.i32(16), op.ltS, op.brIf(1));
    f.emit(op.get(p), ...pair, op.vstore(), op.get(p), op.i32(16), op.add, op.set(p));
    if (withQ) f.emit(op.get(q), op.i32(16), op.add, op.set(q));
    f.emit(op.br(0), op.end, op.end);
    f.emit(op.get(p), op.get(end), op.ltS, op.if, op.get(p), ...one, op.f64store(), op.end);
  };
  f.emit(op.get(P.n), op.i32(3), op.shl, op.set(n8), op.i32(0), op.set(j0));
  f.emit(op.block, op.loop, op.get(j0), op.get(P.n), op.geS, op.brIf(1));
  // jend = j0 + min(CHOL_NB, n − j0); a0, l0: addresses of A(j0, j0), Lt(j0, j0)
  f.emit(op.get(j0), op.i32(CHOL_NB), op.add, op.get(P.n), op.get(j0), op.i32(CHOL_NB), op.add, op.get(P.n), op.leS, op.select, op.set(jend));
  f.emit(op.get(j0), op.get(n8), op.mul, op.get(j0), op.i32(3), op.shl, op.add, op.tee(a0), op.get(P.Lt), op.add, op.set(l0));
  f.emit(op.get(a0), op.get(P.A), op.add, op.set(a0));
  f.emit(op.get(j0), op.if);
  f.emit(op.get(P.n), op.get(j0), op.sub, op.get(jend), op.get(j0), op.sub, op.get(j0));
  f.emit(op.get(P.A), op.get(j0), op.get(n8), op.mul, op.add, op.get(n8), op.i32(8));
  f.emit(op.get(P.Lt), op.get(j0), op.i32(3), op.shl, op.add, op.get(n8));
  f.emit(op.get(a0), op.get(n8), op.f64(-1), op.f64(1), op.call(gemmIndex), op.end);
  // the panel A(j0.., j0..jend) into Lt(j0..jend, j0..)
  f.emit(op.get(P.n), op.get(j0), op.sub, op.get(jend), op.get(j0), op.sub, op.get(a0), op.get(n8), op.get(l0), op.get(n8), op.call(transposeIndex));

  f.emit(op.get(j0), op.set(k), op.block, op.loop, op.get(k), op.get(jend), op.geS, op.brIf(1));
  f.emit(op.get(P.Lt), op.get(k), op.get(n8), op.mul, op.add, op.tee(end), op.get(k), op.i32(3), op.shl, op.add, op.set(kk));
  f.emit(op.get(end), op.get(n8), op.add, op.set(end));
  f.emit(op.get(kk), op.f64load(), op.set(d));
  f.emit(op.get(d), op.f64(0), op.f64gt, op.eqz, op.get(d), op.f64(Infinity), op.f64eq, op.or, op.if);
  f.emit(op.get(P.A), op.get(k), op.get(n8), op.mul, op.add, op.get(k), op.i32(3), op.shl, op.add, op.get(d), op.f64store(), op.get(k), op.return, op.end);
  f.emit(op.get(kk), op.get(d), op.f64sqrt, op.tee(d), op.f64store());
  f.emit(op.f64(1), op.get(d), op.f64div, op.tee(inv), op.splat, op.set(av));
  // row k of Lt right of the diagonal: × 1/L(k, k)
  f.emit(op.get(kk), op.i32(8), op.add, op.set(p));
  sweep([op.get(p), op.vload(), op.get(av), op.fmul], [op.get(p), op.f64load(), op.get(inv), op.f64mul], false);
  // rows j = k+1 … jend−1: Lt(j, i) −= Lt(k, i)·Lt(k, j), i = j … n−1
  f.emit(op.get(k), op.i32(1), op.add, op.set(j), op.block, op.loop, op.get(j), op.get(jend), op.geS, op.brIf(1));
  f.emit(op.get(kk), op.get(j), op.get(k), op.sub, op.i32(3), op.shl, op.add, op.tee(q), op.f64load(), op.tee(a), op.splat, op.set(av));
  f.emit(op.get(P.Lt), op.get(j), op.get(n8), op.mul, op.add, op.tee(end), op.get(j), op.i32(3), op.shl, op.add, op.set(p));
  f.emit(op.get(end), op.get(n8), op.add, op.set(end));
  sweep([op.get(p), op.vload(), op.get(q), op.vload(), op.get(av), op.fmul, op.fsub], [op.get(p), op.f64load(), op.get(q), op.f64load(), op.get(a), op.f64mul, op.f64sub], true);
  f.emit(op.get(j), op.i32(1), op.add, op.set(j), op.br(0), op.end, op.end);
  f.emit(op.get(k), op.i32(1), op.add, op.set(k), op.br(0), op.end, op.end);
  // the panel back into A(j0.., j0..jend)
  f.emit(op.get(jend), op.get(j0), op.sub, op.get(P.n), op.get(j0), op.sub, op.get(l0), op.get(n8), op.get(a0), op.get(n8), op.call(transposeIndex));
  f.emit(op.get(j0), op.i32(CHOL_NB), op.add, op.set(j0), op.br(0), op.end, op.end);
  f.emit(op.i32(-1));
  return f;
}
