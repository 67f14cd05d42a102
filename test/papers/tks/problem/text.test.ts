import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildVocabulary, encodeText, fillBatch, prepareText, textBatch, trainLength, unigramEntropy,
} from '../../../../src/papers/tks/problem/text.ts';

const TEXT = fs.readFileSync(new URL('../../../../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');

describe('TKS text task: metamorphosis.txt', () => {
  const task = prepareText(TEXT, 25, 32, 0.9);
  it('118,564 characters, 61 symbols in sorted order, unigram entropy 2.956 nats', () => {
    expect(TEXT.length).toBe(118_564);
    expect(task.vocab.length).toBe(61);
    expect([...task.vocab].sort()).toEqual(task.vocab);
    expect(unigramEntropy(encodeText(TEXT, task.vocab), 61)).toBeCloseTo(2.956, 3);
  });
  it('the first ⌊0.9 n⌋ = 106,707 characters train, the last 11,857 are held out', () => {
    expect(task.train.length).toBe(106_707);
    expect(task.heldOut.length).toBe(11_857);
    expect(task.train.length + task.heldOut.length).toBe(TEXT.length);
    expect(Array.from(task.heldOut.slice(0, 20), (k) => task.vocab[k]).join('')).toBe(TEXT.slice(106_707, 106_727));
  });
  it('32 streams of L = 3,334 characters, J = 133 batches per epoch', () => {
    expect(task.L).toBe(Math.floor((106_707 - 1) / 32));
    expect(task.L).toBe(3334);
    expect(task.J).toBe(133);
  });
  it('batch j, row t·B + i: input = character iL + jN + t of the training text, target = the next one', () => {
    const b = textBatch(task, 100);
    for (const j of [0, 1, 132]) {
      fillBatch(task, j, b.x.idx, b.y.y);
      for (const [t, i] of [[0, 0], [24, 31], [7, 13]]) {
        const pos = i * task.L + j * 25 + t;
        expect(task.vocab[b.x.idx[t * 32 + i]]).toBe(TEXT[pos]);
        expect(task.vocab[b.y.y[t * 32 + i]]).toBe(TEXT[pos + 1]);
      }
    }
  });
});

describe('TKS text pipeline on a small text', () => {
  it('windows tile each stream without gaps or overlap; the last input of window j precedes the first of j+1', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789'; // 36 characters
    const task = prepareText(text, 3, 2, 0.9); // train ⌊32.4⌋ = 32, L = ⌊31/2⌋ = 15, J = 5
    expect([task.train.length, task.L, task.J]).toEqual([32, 15, 5]);
    const b = textBatch(task, 4);
    const seen: string[][] = [[], []];
    for (let j = 0; j < task.J; j++) {
      fillBatch(task, j, b.x.idx, b.y.y);
      for (let i = 0; i < 2; i++) {
        for (let t = 0; t < 3; t++) {
          seen[i].push(task.vocab[b.x.idx[t * 2 + i]]);
          expect(task.vocab[b.y.y[t * 2 + i]]).toBe(text[text.indexOf(task.vocab[b.x.idx[t * 2 + i]]) + 1]);
        }
      }
    }
    expect(seen[0].join('')).toBe(text.slice(0, 15));
    expect(seen[1].join('')).toBe(text.slice(15, 30));
  });
  it('vocabulary, encoding, and the split length', () => {
    expect(buildVocabulary('banana')).toEqual(['a', 'b', 'n']);
    expect(Array.from(encodeText('banana', ['a', 'b', 'n']))).toEqual([1, 0, 2, 0, 2, 0]);
    expect(() => encodeText('x', ['a'])).toThrow(/not in the vocabulary/);
    expect(trainLength(10, 0.9)).toBe(9);
    expect(trainLength(118_564, 0.9)).toBe(106_707);
  });
  it('refuses texts too short for one window per stream or without a held-out prediction', () => {
    expect(() => prepareText('abcdefghij', 5, 2, 0.9)).toThrow(/need at least 11/);
    expect(() => prepareText('abcdefghijklmnopqrst', 2, 2, 0.95)).toThrow(/held-out part has 1/);
  });
  it('unigram entropy: uniform over 4 symbols is ln 4', () => {
    expect(unigramEntropy(Int32Array.from([0, 1, 2, 3, 3, 2, 1, 0]), 4)).toBeCloseTo(Math.log(4), 14);
  });
});
