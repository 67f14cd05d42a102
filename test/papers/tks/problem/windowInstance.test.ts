import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_SEED, loadTextTask, loadWindowTask, parseTksInstance } from '../../../../src/papers/tks/problem/instance.ts';
import { syntheticClassification } from '../../../../src/papers/tks/problem/windows.ts';

const sp = { task: 'sp500-volatility', sequenceLength: 12, hidden: 8, split: 0.9 };
const syn = { task: 'synthetic-classification', sequenceLength: 6, classes: 3, inputs: 2, samples: 50, hidden: 4 };
const parse = (o: object) => parseTksInstance(JSON.stringify(o));

describe('TKS window instances', () => {
  it('parse with their own keys; the synthetic split defaults to 0.9', () => {
    expect(parse({ ...sp, seed: 3, params: { batch: 8 } })).toEqual({ ...sp, params: { batch: 8 }, seed: 3 });
    expect(parse(syn)).toEqual({ ...syn, split: 0.9, params: {} });
  });

  it.each([
    ['a text key on the S&P task', { ...sp, textFile: 'x.txt' }, 'textFile', /unknown key/],
    ['no split for the S&P task', { ...sp, split: undefined }, 'split', /missing/],
    ['no classes', { ...syn, classes: undefined }, 'classes', /missing \(number of classes/],
    ['one class', { ...syn, classes: 1 }, 'classes', /need at least 2 classes, got 1/],
    ['no inputs', { ...syn, inputs: undefined }, 'inputs', /missing/],
    ['no samples', { ...syn, samples: undefined }, 'samples', /missing/],
    ['zero samples', { ...syn, samples: 0 }, 'samples', /./],
    ['no task', { ...syn, task: undefined }, 'task', /missing \(one of "text", "sp500-volatility", "synthetic-classification"\)/],
  ])('rejects %s on the field', (_, o, field, msg) => {
    let err: unknown;
    try {
      parse(o);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ field });
    expect((err as Error).message).toMatch(msg);
  });

  it('loadWindowTask draws the synthetic data from the instance seed (default 1) and names the field that does not fit', () => {
    const spec = { N: 6, classes: 3, inputs: 2, samples: 50, split: 0.9 };
    const t = loadWindowTask(parse(syn) as never, undefined);
    expect(t.train).toEqual(syntheticClassification(spec, DEFAULT_DATA_SEED, 32).train);
    expect(loadWindowTask(parse({ ...syn, seed: 7 }) as never, 5).train).toEqual(syntheticClassification(spec, 7, 5).train);
    const fail = (o: object, B?: number) => {
      try {
        loadWindowTask(parse(o) as never, B);
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(fail({ ...sp, sequenceLength: 500 })).toMatchObject({ field: 'sequenceLength' });
    expect(fail(sp, 1000)).toMatchObject({ field: 'params.batch' });
    expect(fail({ ...syn, samples: 2, split: 0.2 })).toMatchObject({ field: 'split' });
    expect(() => loadTextTask(parse(sp), 'x.json', 4)).toThrow(/^task: "sp500-volatility" has no text file/);
  });
});
