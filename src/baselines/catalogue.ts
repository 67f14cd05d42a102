/**
 * The eight baselines: the five of WZC §5.4 (GD, GDC, GDNM, mini-batch SGD, Adam — the paper's names), the two
 * more of TKS §4 (RMSProp; SGD and Adam again) and AdaGrad, and heavy-ball momentum. Default learning rates are
 * Keras' (the paper ran Keras, lines 703–704); full-batch methods take every training unit per update, the
 * stochastic ones mini-batches of {@link defaultBatch}.
 */
import type { BaselineId } from './optimizers.ts';

/** Hyperparameters besides the learning rate, by flag name. */
export type HyperName = 'clip' | 'momentum' | 'beta1' | 'beta2' | 'rho' | 'epsilon';

/** One baseline. */
export interface BaselineSpec {
  readonly id: BaselineId;
  /** The name in tables: the paper's where it has one. */
  readonly name: string;
  readonly description: string;
  /** Mini-batches by default (SGD-type), else full batch (GD-type). */
  readonly stochastic: boolean;
  /** Keras' default learning rate. */
  readonly lr: number;
  readonly hypers: readonly HyperName[];
}

export const BASELINES: readonly BaselineSpec[] = [
  { id: 'gd', name: 'GD', description: 'full-batch gradient descent', stochastic: false, lr: 0.01, hypers: [] },
  { id: 'gdc', name: 'GDC', description: 'gradient descent with clipping by the global gradient norm', stochastic: false, lr: 0.01, hypers: ['clip'] },
  { id: 'gdnm', name: 'GDNM', description: 'gradient descent with Nesterov momentum (Keras form)', stochastic: false, lr: 0.01, hypers: ['momentum'] },
  { id: 'sgd', name: 'SGD', description: 'mini-batch stochastic gradient descent', stochastic: true, lr: 0.01, hypers: [] },
  { id: 'adam', name: 'Adam', description: 'Adam, mini-batch (Keras form)', stochastic: true, lr: 0.001, hypers: ['beta1', 'beta2', 'epsilon'] },
  { id: 'rmsprop', name: 'RMSProp', description: 'RMSProp, mini-batch (Keras form)', stochastic: true, lr: 0.001, hypers: ['rho', 'epsilon'] },
  { id: 'adagrad', name: 'AdaGrad', description: 'AdaGrad, mini-batch (Keras form)', stochastic: true, lr: 0.001, hypers: ['epsilon'] },
  { id: 'momentum', name: 'HB', description: 'gradient descent with heavy-ball (Polyak) momentum', stochastic: false, lr: 0.01, hypers: ['momentum'] },
];

/** Mini-batch sizes of WZC §5.4 by setting (lines 701–703): 2, 50 and 100 time steps. */
export const WZC_BATCH: Readonly<Record<string, number>> = { 'synthetic-T10': 2, sp500: 50, 'synthetic-T500': 100 };

/** Keras' default batch size, for data the paper gives no size for. */
export const KERAS_BATCH = 32;

/** The default mini-batch size of a stochastic method on a task of `setting` with `units` units. */
export function defaultBatch(setting: string | undefined, units: number): number {
  return Math.min(units, (setting !== undefined ? WZC_BATCH[setting] : undefined) ?? KERAS_BATCH);
}

/** Default number of epochs (scaled down: the paper does not state its epoch counts). */
export const DEFAULT_EPOCHS = 100;
