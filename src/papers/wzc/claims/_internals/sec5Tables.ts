/**
 * The numbers WZC §5 prints, as data: Table 3a and 3b (mean ± std of TrainErr and TestErr over 10 repetitions,
 * paper lines 722–724; Table 3c is an image in our copy of the paper and has no numbers here) and Table 4 (the
 * learning rates, and GDC's clipping norms, the paper selected per method, dataset and initialization, line 860).
 */
import type { InitScheme } from '../../problem/init.ts';

/** Table 4's datasets. */
export type Table4Setting = 'synthetic-T10' | 'sp500' | 'synthetic-T500';

type Rates = Readonly<Record<InitScheme, { lr: number; clip?: number }>>;
type Baseline = 'gd' | 'gdc' | 'gdnm' | 'sgd' | 'adam';

/** Table 4 columns are He, N(0, 1e-3), N(0, 1e-1), Glorot, LeCun: the order of INIT_SCHEMES. */
function row(lrs: readonly number[], clips?: readonly number[]): Rates {
  const at = (i: number) => ({ lr: lrs[i], ...(clips ? { clip: clips[i] } : {}) });
  return { he: at(0), 'normal-1e-3': at(1), 'normal-1e-1': at(2), glorot: at(3), lecun: at(4) };
}

/** Table 4: learning rate (and clipping norm for GDC) per dataset, method and initialization. */
export const TABLE4: Readonly<Record<Table4Setting, Readonly<Record<Baseline, Rates>>>> = {
  'synthetic-T10': {
    gd: row([1e-4, 1e-3, 1e-4, 1, 1]),
    gdc: row([1, 1e-4, 1e-4, 1, 1], [6, 1, 1, 6, 6]),
    gdnm: row([1e-3, 1e-4, 1e-4, 1e-4, 0.1]),
    sgd: row([0.1, 0.1, 0.1, 0.1, 0.1]),
    adam: row([0.1, 0.01, 0.01, 0.01, 0.01]),
  },
  sp500: {
    gd: row([1e-4, 0.01, 0.01, 0.01, 0.01]),
    gdc: row([1e-4, 0.01, 0.1, 0.1, 0.1], [3, 1, 1, 4, 1]),
    gdnm: row([1e-4, 0.01, 0.01, 0.01, 0.01]),
    sgd: row([0.01, 0.01, 0.01, 0.01, 0.01]),
    adam: row([0.01, 0.01, 0.01, 0.01, 0.01]),
  },
  'synthetic-T500': {
    gd: row([0.01, 0.01, 0.01, 1e-3, 1e-3]),
    gdc: row([1e-4, 0.01, 0.01, 0.01, 0.1], [1, 1, 4, 1.5, 0.5]),
    gdnm: row([0.01, 0.01, 0.01, 0.01, 0.01]),
    sgd: row([0.01, 1e-3, 0.01, 0.01, 0.01]),
    adam: row([0.01, 0.01, 0.01, 0.01, 0.01]),
  },
};

/** A "mean ± std" cell of Table 3 as printed. */
export type Printed = string;
type Table3Rows = Readonly<Record<'alm' | Baseline, { train: readonly Printed[]; test: readonly Printed[] }>>;

/** Table 3a (synthetic T = 10; ALM 50 outer × 10 inner, baselines 500 epochs), columns in INIT_SCHEMES order. */
export const TABLE3A: Table3Rows = {
  alm: { train: ['0.345 ± 0.24', '0.113 ± 0.03', '0.143 ± 0.04', '0.206 ± 0.10', '0.279 ± 0.22'], test: ['4.770 ± 1.25', '4.437 ± 0.28', '4.660 ± 0.35', '4.628 ± 1.17', '4.650 ± 0.62'] },
  gd: { train: ['4.459 ± 0.77', '2.747 ± 1.5e-6', '2.768 ± 0.01', '1.814 ± 0.27', '1.604 ± 0.17'], test: ['6.432 ± 2.15', '5.311 ± 9.3e-6', '5.057 ± 0.07', '4.696 ± 0.90', '5.056 ± 1.10'] },
  gdc: { train: ['1.479 ± 0.32', '2.769 ± 1.4e-6', '2.768 ± 0.01', '1.684 ± 0.23', '1.502 ± 0.26'], test: ['5.376 ± 0.88', '5.079 ± 1.0e-6', '5.057 ± 0.07', '4.922 ± 1.20', '5.266 ± 0.96'] },
  gdnm: { train: ['2.689 ± 0.40', '2.769 ± 1.4e-6', '2.768 ± 0.01', '3.340 ± 0.54', '0.801 ± 0.60'], test: ['6.169 ± 2.06', '5.079 ± 1.0e-6', '5.057 ± 0.07', '7.469 ± 2.30', '4.844 ± 0.64'] },
  sgd: { train: ['2.224 ± 0.02', '2.247 ± 0.02', '2.232 ± 0.02', '2.238 ± 0.02', '2.225 ± 0.02'], test: ['6.455 ± 0.23', '6.230 ± 0.23', '6.373 ± 0.18', '6.543 ± 0.23', '6.446 ± 0.18'] },
  adam: { train: ['2.283 ± 0.07', '2.244 ± 0.02', '2.237 ± 0.02', '2.231 ± 0.01', '2.239 ± 0.03'], test: ['6.335 ± 0.61', '6.432 ± 0.27', '6.411 ± 0.25', '6.508 ± 0.14', '6.406 ± 0.20'] },
};

/** Table 3b (Volatility of S&P index; ALM 200 × 500, baselines 5000 epochs). */
export const TABLE3B: Table3Rows = {
  alm: { train: ['4.639 ± 0.78', '3.461 ± 0.06', '3.472 ± 0.05', '3.472 ± 0.06', '3.475 ± 0.06'], test: ['14.77 ± 0.93', '12.418 ± 0.16', '12.407 ± 0.27', '12.394 ± 0.22', '12.517 ± 0.16'] },
  gd: { train: ['58.137 ± 2.42', '30.010 ± 0.003', '30.013 ± 0.008', '30.000 ± 0.008', '29.985 ± 0.007'], test: ['58.314 ± 2.76', '28.644 ± 0.006', '28.641 ± 0.009', '28.630 ± 0.006', '28.626 ± 0.009'] },
  gdc: { train: ['250.471 ± 399.70', '30.004 ± 0.003', '30.144 ± 0.001', '30.143 ± 8.8e-4', '30.144 ± 0.001'], test: ['119.007 ± 66.71', '28.640 ± 0.007', '28.723 ± 0.007', '28.730 ± 0.006', '28.725 ± 0.01'] },
  gdnm: { train: ['58.137 ± 2.42', '30.010 ± 0.003', '30.013 ± 0.008', '30.000 ± 0.008', '29.985 ± 0.007'], test: ['58.314 ± 2.76', '28.644 ± 0.006', '28.641 ± 0.009', '28.730 ± 0.006', '28.626 ± 0.009'] },
  sgd: { train: ['30.142 ± 3.5e-6', '30.142 ± 4.7e-6', '30.142 ± 5.2e-6', '30.142 ± 4.4e-6', '30.142 ± 4.8e-6'], test: ['28.725 ± 3.2e-5', '28.725 ± 4.4e-5', '28.725 ± 4.7e-5', '28.725 ± 3.9e-5', '28.725 ± 4.1e-5'] },
  adam: { train: ['30.142 ± 7.1e-5', '30.142 ± 6.5e-5', '30.142 ± 7.3e-5', '30.142 ± 5.1e-5', '30.142 ± 5.7e-5'], test: ['28.726 ± 6.1e-4', '28.725 ± 5.0e-4', '28.726 ± 5.9e-4', '28.726 ± 5.0e-4', '28.725 ± 4.8e-4'] },
};
