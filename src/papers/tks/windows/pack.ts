/** TKS parameters (problem/types.ts) as the flat θ = [u, w, b, v, c] of models/tanhRnn.ts, and back. */
import { tanhRnnLayout, type TanhRnnDims } from '../../../models/tanhRnn.ts';
import type { Params } from '../problem/types.ts';

/** θ holding a copy of `p`. */
export function packTksParams(dims: TanhRnnDims, p: Params): Float64Array {
  const { size, offsets } = tanhRnnLayout(dims);
  const theta = new Float64Array(size);
  [p.u, p.w, p.b, p.v, p.c].forEach((block, i) => theta.set(block, offsets[i]));
  return theta;
}

/** Parameters copied out of θ. */
export function unpackTksParams(dims: TanhRnnDims, theta: Float64Array): Params {
  const { offsets: o, sizes: s } = tanhRnnLayout(dims);
  const block = (i: number) => theta.slice(o[i], o[i] + s[i]);
  return { u: block(0), w: block(1), b: block(2), v: block(3), c: block(4) };
}
