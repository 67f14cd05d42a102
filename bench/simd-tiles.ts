/**
 * Benchmark: the product kernel's register tiles, with a multiply then an add per entry (the solver's kernels,
 * bit-identical to the JS twins) and with relaxed SIMD's fused f64x2.relaxed_madd, which Node 20 compiles only
 * behind `--experimental-wasm-relaxed-simd` (set here at run time with v8.setFlagsFromString, before the module
 * is compiled; the flag is process-wide, so worker threads see it too). Not a test:
 * `node --import tsx bench/simd-tiles.ts [-- --K 100]`.
 *
 * Each variant computes C(M×N) = A(M×K)·B(K×N) for M = 480, N = 96 (multiples of every tile) in one
 * WebAssembly function: tile rows MR, tile columns 2·NV (NV f64x2 accumulators per row), k innermost. Prints
 * G multiply-adds/s (best of 5 × 100 products) and the largest difference of C from the first variant.
 *
 * What it showed on this project's machine (AMD EPYC, family 0x1A): mul+add 2×8 ≈ 15 G/s, FMA 2×8 ≈ 14.5,
 * FMA 3×6 and 4×4 ≈ 14.5, the larger tiles (3×8, 4×6, 6×4, 5×4) ≈ 7–8 (V8 spills accumulators). Two 128-bit
 * multiplies and two adds issue per cycle (separate pipes), and so do two 128-bit FMAs: 4 multiply-adds per
 * cycle either way, so fusing removes instructions but not the bound, and FMA's longer latency costs a little.
 */
import v8 from 'node:v8';
import { I32, V128, WasmFunction, assembleModule, op, wasmApi } from '../src/linalg/wasmAsm.ts';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
/** f64x2.relaxed_madd (opcode 0xfd 0x107): a·b + c, fused where the CPU has FMA. */
const relaxedMadd = [0xfd, 0x87, 0x02];

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/** g(M, N, K, A, lda8, B, ldb8, C): C = A·B by MR × 2·NV tiles, C with B's leading dimension. */
function tileFunction(MR: number, NV: number, fused: boolean): WasmFunction {
  const f = new WasmFunction('g', [I32, I32, I32, I32, I32, I32, I32, I32]);
  const [M, N, K, A, lda, B, ldb, C] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [i, j, k, pa, pb, aRow, c] = f.localN(I32, 7);
  const rowOff = f.localN(I32, MR);
  const acc = Array.from({ length: MR }, () => f.localN(V128, NV));
  const bv = f.localN(V128, NV);
  const a = f.local(V128);
  for (let r = 0; r < MR; r++) f.emit(op.get(lda), op.i32(r), op.mul, op.set(rowOff[r]));
  f.emit(op.i32(0), op.set(i), op.block, op.loop, op.get(i), op.get(M), op.geS, op.brIf(1));
  f.emit(op.get(A), op.get(i), op.get(lda), op.mul, op.add, op.set(aRow));
  f.emit(op.i32(0), op.set(j), op.block, op.loop, op.get(j), op.get(N), op.i32(3), op.shl, op.geS, op.brIf(1));
  f.emit(op.get(aRow), op.set(pa), op.get(B), op.get(j), op.add, op.set(pb), op.get(K), op.set(k));
  for (const row of acc) for (const x of row) f.emit(op.vzero, op.set(x));
  f.emit(op.block, op.loop, op.get(k), op.i32(1), op.ltS, op.brIf(1));
  for (let v = 0; v < NV; v++) f.emit(op.get(pb), op.vload(16 * v), op.set(bv[v]));
  for (let r = 0; r < MR; r++) {
    f.emit(op.get(pa));
    if (r > 0) f.emit(op.get(rowOff[r]), op.add);
    f.emit(op.vsplat64(), op.set(a));
    for (let v = 0; v < NV; v++) {
      if (fused) f.emit(op.get(a), op.get(bv[v]), op.get(acc[r][v]), relaxedMadd, op.set(acc[r][v]));
      else f.emit(op.get(acc[r][v]), op.get(a), op.get(bv[v]), op.fmul, op.fadd, op.set(acc[r][v]));
    }
  }
  f.emit(op.get(pa), op.i32(8), op.add, op.set(pa), op.get(pb), op.get(ldb), op.add, op.set(pb));
  f.emit(op.get(k), op.i32(1), op.sub, op.set(k), op.br(0), op.end, op.end);
  for (let r = 0; r < MR; r++) {
    for (let v = 0; v < NV; v++) {
      f.emit(op.get(C), op.get(i), op.i32(r), op.add, op.get(ldb), op.mul, op.add, op.get(j), op.add, op.set(c));
      f.emit(op.get(c), op.get(acc[r][v]), op.vstore(16 * v));
    }
  }
  f.emit(op.get(j), op.i32(16 * NV), op.add, op.set(j), op.br(0), op.end, op.end);
  f.emit(op.get(i), op.i32(MR), op.add, op.set(i), op.br(0), op.end, op.end);
  return f;
}

function main(): void {
  if (!wasmApi) throw new Error('no WebAssembly in this runtime');
  const api = wasmApi;
  const M = 480, N = 96, K = arg('K', 100);
  const bytes = 8 * (M * K + K * N + M * N);
  const memory = new api.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
  const A = new Float64Array(memory.buffer, 0, M * K);
  const B = new Float64Array(memory.buffer, A.byteLength, K * N);
  const C = new Float64Array(memory.buffer, A.byteLength + B.byteLength, M * N);
  for (let i = 0; i < A.length; i++) A[i] = Math.sin(i);
  for (let i = 0; i < B.length; i++) B[i] = Math.cos(i);
  const relaxed = api.validate(assembleModule([tileFunction(1, 1, true)]));
  process.stdout.write(`C(${M}×${N}) = A·B, K = ${K}; relaxed SIMD (FMA) ${relaxed ? 'available' : 'NOT available: fused rows skipped'}\n`);
  let ref: Float64Array | null = null;
  const variants: [number, number, boolean][] = [[2, 4, false], [2, 4, true], [4, 2, false], [4, 2, true], [3, 3, false], [3, 3, true], [6, 2, true], [3, 4, true]];
  for (const [MR, NV, fused] of variants) {
    if (fused && !relaxed) continue;
    const inst = new api.Instance(new api.Module(assembleModule([tileFunction(MR, NV, fused)])), { env: { mem: memory } });
    const g = inst.exports.g as (...xs: number[]) => void;
    const run = (): void => g(M, N, K, A.byteOffset, 8 * K, B.byteOffset, 8 * N, C.byteOffset);
    for (let w = 0; w < 50; w++) run();
    let best = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      for (let r = 0; r < 100; r++) run();
      best = Math.min(best, (performance.now() - t0) / 100);
    }
    let diff = 0;
    if (ref) for (let x = 0; x < C.length; x++) diff = Math.max(diff, Math.abs(C[x] - ref[x]));
    else ref = C.slice();
    const name = `${MR}×${2 * NV} ${fused ? 'relaxed_madd' : 'mul + add'}`;
    process.stdout.write(`  ${name.padEnd(20)} ${((M * N * K) / best / 1e6).toFixed(1).padStart(6)} G multiply-adds/s   max |ΔC| ${diff.toExponential(1)}\n`);
  }
}

main();
