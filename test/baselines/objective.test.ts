/** baselines/objective.ts on TKS tasks: the full objective runs in workspace chunks, exactly. */
import { describe, expect, it } from 'vitest';
import { tanhRnnObjective, TANH_RNN_CHUNK } from '../../src/baselines/objective.ts';
import { tanhRnnBatchLoss, tanhRnnWorkspace } from '../../src/models/tanhRnn.ts';
import { tksTaskReader } from '../../src/papers/tks/baselineTask.ts';

describe('a TKS task in full batch', () => {
  it('runs in workspace chunks and gives the same objective as one chunk', () => {
    const inst = { file: 's.json', text: JSON.stringify({ task: 'synthetic-classification', sequenceLength: 3, classes: 2, inputs: 2, samples: 600, hidden: 3, params: { batch: 540 } }) };
    const { task } = tksTaskReader.read(inst.file, inst.text);
    const theta = tksTaskReader.initialize(task, 'tks', 1);
    const big = tanhRnnObjective(task, theta, 540);
    expect(big.units).toBe(540);
    expect(TANH_RNN_CHUNK).toBeLessThan(540);
    const grad = new Float64Array(theta.length);
    const one = tanhRnnBatchLoss(task.train, theta, tanhRnnWorkspace(task.dims, 3, 540, true), 0, 540, grad);
    expect(big.fullLoss(true)).toBeCloseTo(one, 13);
    for (let k = 0; k < grad.length; k++) expect(big.grad[k]).toBeCloseTo(grad[k], 13);
  });
});
