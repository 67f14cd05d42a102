/** WZC §5's experiments for `lagrangelab reproduce` (wired in by src/cli/registry.ts). */
import { anyExperiment, type AnyExperiment } from '../../../engine/experiments/types.ts';
import { table3Experiment } from './table3.ts';
import { fig1Experiment } from './fig1.ts';
import { fig2Experiment } from './fig2.ts';

/** The WZC experiments in listing order. */
export function wzcExperiments(): AnyExperiment[] {
  return [anyExperiment(table3Experiment('a')), anyExperiment(table3Experiment('b')), anyExperiment(table3Experiment('c')), anyExperiment(fig1Experiment), anyExperiment(fig2Experiment)];
}
