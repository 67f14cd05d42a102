/** TKS's experiments for `lagrangelab reproduce` (wired in by src/cli/registry.ts). */
import { anyExperiment, type AnyExperiment } from '../../../engine/experiments/types.ts';
import { tksTable2Experiment } from './table2.ts';
import { tksFig9Experiment } from './fig9.ts';
import { tksFig7Experiment } from './fig7.ts';
import { tksFig11Experiment } from './fig11.ts';

/** The TKS experiments in listing order. */
export function tksExperiments(): AnyExperiment[] {
  return [anyExperiment(tksTable2Experiment), anyExperiment(tksFig7Experiment), anyExperiment(tksFig9Experiment), anyExperiment(tksFig11Experiment)];
}
