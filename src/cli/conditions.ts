/**
 * `lagrangelab conditions zly --instance FILE [--seed S] [--json]`: the smallest β_i and λ meeting ZLY's parameter
 * conditions (42)–(47) of Theorem 3 and the weaker (77)–(81) of Lemma 4 for the instance's data, widths,
 * initialization and activation, with every constant they are built from; and which conditions the instance's own
 * β, λ meet. The computation is `conditionsReport` in src/papers/zly/problem/conditions.ts; this file only reads
 * the instance and prints.
 */
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { errCode, parseInteger } from './files.ts';
import {
  conditionsReport, parseZlyInstance, zlyDefaultInit, zlyInitSeed,
  type ConditionCheck, type ConditionsReport, type SmallestParameters, type ZlyInstance,
} from './registry.ts';
import { formatJson } from '../core/json.ts';

/** Papers with parameter conditions this command knows. */
export const CONDITION_PAPERS = ['zly'] as const;

interface ConditionsFlags {
  instance?: string;
  seed?: string;
  json?: boolean;
}

/** Register `lagrangelab conditions` on the program. */
export function registerConditions(program: Command, setExit: (code: number) => void): void {
  program
    .command('conditions')
    .description("the smallest parameters meeting a paper's convergence conditions for an instance (ZLY (42)–(47), (77)–(81))")
    .argument('<paper>', `paper: ${CONDITION_PAPERS.join(' | ')}`)
    .option('--instance <file>', 'ZLY instance JSON file (X, Y, widths, activation, optional init/params)')
    .option('--seed <S>', "seed of the default initialization when the instance has no init (as `train`)", '1')
    .option('--json', 'print the report as JSON')
    .action((paper: string, flags: ConditionsFlags) => {
      setExit(conditions(paper, flags));
    });
}

/** Run `conditions`; returns the exit code. Throws UsageError for bad input. */
export function conditions(paper: string, flags: ConditionsFlags): number {
  if (!(CONDITION_PAPERS as readonly string[]).includes(paper)) {
    throw new UsageError('paper', `no parameter conditions for "${paper}" (known: ${CONDITION_PAPERS.join(', ')})`);
  }
  if (flags.instance === undefined) throw new UsageError('--instance', 'required: the ZLY instance file to check');
  const seed = parseInteger(flags.seed ?? '1', '--seed', 0, 0xffffffff);
  const inst = loadZlyInstance(flags.instance);
  const W0 = inst.init ?? zlyDefaultInit(inst.dims, zlyInitSeed(seed));
  const prob = { dims: inst.dims, X: inst.X, Y: inst.Y, activation: inst.activation, lambda: inst.lambda, beta: inst.beta };
  if (W0.every((w) => w.every((x) => x === 0))) {
    throw new UsageError(inst.init ? 'init.W' : '--seed', 'all zero: γ = max_i ‖W_i⁰‖_F = 0 (37), and C3 (41), λ̄, λ̂ divide by powers of γ: the conditions are undefined');
  }
  const rep = conditionsReport(prob, W0);
  const initFrom = inst.init ? 'the instance' : `the default scheme, seed ${seed}`;
  process.stdout.write(flags.json ? formatJson({ instance: flags.instance, init: initFrom, activation: inst.activation, ...rep }) + '\n' : render(flags.instance, inst, initFrom, rep));
  return 0;
}

function loadZlyInstance(file: string): ZlyInstance {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('--instance', `cannot read "${file}" (${errCode(e)})`);
  }
  return parseZlyInstance(text); // a bad field is a ZlyInstanceError, a FieldError: main prints it in one line
}

const g = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(4) : String(Number(x.toPrecision(6)))) : String(x));

function checkLine(c: ConditionCheck): string {
  return `    ${c.id.padEnd(12)} ${c.holds ? 'holds' : 'FAILS'}  ${g(c.lhs)} vs ${g(c.rhs)}   ${c.text}`;
}

function smallestBlock(title: string, s: SmallestParameters, checks: ConditionCheck[], extra: string[]): string[] {
  const N = s.beta.length;
  const lines = [title];
  for (let i = N; i >= 1; i--) lines.push(`    β_${i} = ${g(s.beta[i - 1])}`);
  const terms = Object.entries(s.lambdaTerms).map(([k, v]) => `${k} = ${g(v)}`).join(', ');
  lines.push(`    λ   = ${g(s.lambda)}   (max of ${terms})`);
  lines.push('  all conditions at these parameters:');
  lines.push(...checks.map(checkLine), ...extra);
  return lines;
}

function render(file: string, inst: ZlyInstance, initFrom: string, r: ConditionsReport): string {
  const { input: inp } = r;
  const c = r.strong.smallest.constants;
  const out: string[] = [
    `ZLY conditions for ${file}: n = ${inp.n}, d = (${inp.d.join(', ')}), ${inst.activation}, initialization from ${initFrom} (V⁰ by (7), Λ⁰ = 0)`,
    `  ‖X‖_F = ${g(inp.normX)}, ‖Y‖_F = ${g(inp.normY)}, γ = max_i ‖W_i⁰‖_F = ${g(inp.gamma)} (37), ‖V_i⁰‖_F = ${inp.normV0.map(g).join(', ')}`,
    '',
    `Assumption 1 (${inst.activation}): L0 = ${g(c.L0)}, L1 = ${g(c.L1)}, L2 = ${g(c.L2)}`,
    `  L3 = ${g(c.L3)} (36), d_min = ${c.dMin} (38), f_min = ${g(c.fMin)} (39), α3 = ${g(c.alpha3)} (40)`,
    `  C3 = ${g(c.C3)} (41) at β_N = 3.5, attained by ${c.C3From === 'Y' ? 'the ‖Y‖_F/((β_N − 3)γ^{N−1}) term' : 'the 2L0√(n d_{j+1})/γ^j term'}`,
    '',
    ...smallestBlock('Theorem 3, conditions (42)–(47): smallest β (a chain from β_N = 3.5) and λ', r.strong.smallest, r.strong.checks, [
      `  Lemma 1's descent constant a (96) = min{ζ_i, η_i − ξ_i} = ${g(r.strong.descent.a)} there; ξ (91)–(94) = ${r.strong.descent.xi.map(g).join(', ')}`,
    ]),
    '',
    ...smallestBlock('Lemma 4, weaker conditions (77)–(81): smallest β and λ', r.weak.smallest, r.weak.checks, []),
    '',
    `The instance's own parameters: β = (${r.given.beta.map(g).join(', ')}), λ = ${g(r.given.lambda)}${inst.given.beta || inst.given.lambda ? '' : ' (the demo defaults)'}; C3 = ${g(r.given.constants.C3)} there`,
    '  (42)–(47):',
    ...r.given.strong.map(checkLine),
    '  (77)–(81):',
    ...r.given.weak.map(checkLine),
  ];
  return out.join('\n') + '\n';
}
