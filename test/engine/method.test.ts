/** The training-method contract: lookup by id, and the layering that keeps it paper-agnostic. */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findMethod, type AnyTrainingMethod } from '../../src/engine/method.ts';
import { FieldError } from '../../src/core/fields.ts';
import { DEFAULT_METHOD, loadMethods } from '../../src/cli/registry.ts';
import { toyGd } from '../helpers/toyMethod.ts';

const imports = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1]);

describe('training methods', () => {
  it('findMethod: by id, else a FieldError on --method listing the known ids', () => {
    const methods: AnyTrainingMethod[] = [...loadMethods(), toyGd];
    expect(findMethod(methods, 'toy-gd')).toBe(toyGd);
    expect(() => findMethod(methods, 'lbfgs')).toThrow(FieldError);
    expect(() => findMethod(methods, 'lbfgs')).toThrow('--method: unknown method "lbfgs" (known: wzc-alm, zly-admm, tks-admmirnn, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum, toy-gd)');
  });

  it('the registry: unique ids, the default among them, every method complete', () => {
    const methods = loadMethods();
    expect(new Set(methods.map((m) => m.id)).size).toBe(methods.length);
    expect(methods.map((m) => m.id)).toContain(DEFAULT_METHOD);
    for (const m of methods) {
      expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(m.description.length).toBeGreaterThan(10);
      expect(Number.isInteger(m.runFileVersion)).toBe(true);
      for (const [name, f] of Object.entries(m.flags)) expect([name, f.help.length > 0, f.arg.length > 0]).toEqual([name, true, true]);
    }
  });

  it('layering: the contract imports only core/; the generic train command no paper', () => {
    expect(imports('src/engine/method.ts').every((p) => p.startsWith('../core/'))).toBe(true);
    for (const f of fs.readdirSync('src/engine').filter((x) => x.endsWith('.ts'))) {
      expect(imports(path.join('src/engine', f)).filter((p) => p.includes('papers/')), f).toEqual([]);
    }
    expect(imports('src/cli/train.ts').filter((p) => p.includes('papers/'))).toEqual([]);
  });
});
