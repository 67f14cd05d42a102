/** ZLY's experiments for `lagrangelab reproduce` (wired in by src/cli/registry.ts). */
import { anyExperiment, type AnyExperiment } from '../../../engine/experiments/types.ts';
import { zlyDemoExperiment } from './demoExperiments.ts';

/** The ZLY experiments in listing order. */
export function zlyExperiments(): AnyExperiment[] {
  return [anyExperiment(zlyDemoExperiment('square')), anyExperiment(zlyDemoExperiment('product'))];
}
