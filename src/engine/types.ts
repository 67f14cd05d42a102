/**
 * The claim contract shared by every paper ledger (WZC now; ZLY and TKS plug in without engine changes).
 *
 * A claim is one falsifiable statement of a paper: an id, its source, its kind, its hypotheses as predicates
 * checked first, an instance family (a fast-check arbitrary), and a check returning a structured verdict (or a
 * Promise of one: such claims run through `runClaimAsync`).
 *
 * Exceptions (attribution.ts): an exception thrown by the check is blamed on the code under test — the run is
 * `violated` — unless it is an `OracleError` (oracle modules and `oracle(() => …)` throw those), which, like an
 * exception from a hypothesis test or from instance generation, is an engine error that fails the verify run.
 *
 * Inconclusive runs: a claim declares the share of runs it may leave inconclusive ({@link InconclusiveBudget},
 * default 0); a run of the claim that leaves more fails (the rule is `inconclusiveLimit` in stats.ts).
 */
import type * as fc from 'fast-check';
import { describeError, EngineError, OracleError } from './attribution.ts';

/** The papers this project's own ledgers cover; a user's ledger may name any paper matching {@link PAPER_ID_PATTERN}. */
export const PAPER_IDS = ['WZC', 'ZLY', 'TKS'] as const;

/** A paper id: a letter, then up to 31 letters, digits, `.`, `_` or `-` (e.g. `WZC`, `GD`, `nesterov-83`). */
export const PAPER_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,31}$/;

/** Which paper a claim comes from (see {@link PAPER_ID_PATTERN}). */
export type PaperId = string;

/** Every kind of statement, for validators. */
export const CLAIM_KINDS = [
  'identity', 'closed-form', 'inequality', 'bound', 'finite-termination', 'asymptotic', 'qualitative', 'empirical',
] as const;

/** What sort of statement it is. */
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Where the statement is in the paper. */
export interface ClaimSource {
  paper: PaperId;
  /** e.g. `Lemma 3.2`, `Algorithm 3.2 step 1`, `Remark 3.4`. */
  item: string;
  /** Equation numbers, e.g. `['(3.2)', '(3.4)']`. */
  equations?: string[];
  /** Line number in the paper's margin (extraction in shared/papers). */
  line?: number;
}

/** What the project expects the verdict to be. A refuted claim points at its erratum. */
export type Expectation = { status: 'holds' } | { status: 'refuted'; erratum: string };

/**
 * A finding about a claim that its verdict cannot carry: `vacuous` — the conclusion holds trivially (a `holds` that
 * says nothing, e.g. a minimum over a set that contains 0); `unsatisfiable` — no instance can meet the hypotheses
 * together (the claim then checks that, and is `violated` wherever the hypotheses were tried). Reports print the
 * kind in place of a bare verdict, so neither reads as "holds".
 */
export interface ClaimFinding {
  kind: 'vacuous' | 'unsatisfiable';
  /** One line: why. */
  why: string;
}

/** Verdict on one instance. `margin` is bound − observed (≥ 0 when it holds); `ratio` is observed/bound. */
export type Verdict =
  | { status: 'holds'; margin?: number; ratio?: number; note?: string }
  | { status: 'violated'; margin?: number; ratio?: number; detail: string }
  | { status: 'hypotheses-unmet'; unmet: string[] }
  | { status: 'inconclusive'; detail: string; margin?: number; ratio?: number };

/** Instance budget scale: `ci` for `npm test` / default verify, `deep` for `--deep`. */
export type Scale = 'ci' | 'deep';

/** A hypothesis: returns true when it holds, or a string saying why it does not. */
export interface Hypothesis<I> {
  name: string;
  test(instance: I): true | string;
}

/** A family of instances: how to draw one, and how to store and reload it as JSON (fixtures, replays). */
export interface InstanceFamily<I> {
  /** Stable name, e.g. `wzc.point` or `wzc.alm-run`. */
  name: string;
  /** Draw instances. Shrinking must keep an instance valid. */
  arbitrary(scale: Scale): fc.Arbitrary<I>;
  /** JSON form (Float64Arrays as plain arrays). */
  toJSON(instance: I): unknown;
  /** Inverse of toJSON; throws on malformed input. */
  fromJSON(json: unknown): I;
  /** One-line summary for reports (dimensions, seeds). */
  describe?(instance: I): string;
}

/** Context handed to a check. */
export interface CheckContext {
  /** Tolerance policy in force (see `src/engine/tolerance.ts`). */
  readonly rtol: number;
  /**
   * Planted bugs switched on for this evaluation (ids of the ledger's `mutants` catalogue; empty outside the
   * mutant matrix). A check passes them to every solver call it makes, and must not cache solver results
   * across evaluations with different faults.
   */
  readonly faults: ReadonlySet<string>;
}

/**
 * The share of runs a claim may leave `inconclusive` (among the runs whose hypotheses held), and why. The engine
 * fails a claim run whose inconclusive count exceeds the 99.9% quantile of Binomial(n, rate) (stats.ts).
 */
export interface InconclusiveBudget {
  /** Tolerated inconclusive rate in [0, 1) at scale `ci` (and at `deep` unless {@link deep} is given). */
  rate: number;
  /** Tolerated rate at scale `deep`, where instances are larger. */
  deep?: number;
  /** One line: why this claim cannot always decide, and what the rate was set from. */
  reason: string;
}

/** No inconclusive run tolerated: the default budget. */
export const NO_INCONCLUSIVE: InconclusiveBudget = { rate: 0, reason: 'default: every run must decide' };

/** The tolerated inconclusive rate of a budget at a scale. */
export function inconclusiveRate(b: InconclusiveBudget, scale: Scale): number {
  return scale === 'deep' ? b.deep ?? b.rate : b.rate;
}

/** A claim over instances of type I. */
export interface Claim<I> {
  /** Stable id, e.g. `wzc.lemma3.2.L1`. */
  id: string;
  source: ClaimSource;
  /** The statement in words, as the paper writes it (or the corrected form for a correction). */
  statement: string;
  /**
   * How the statement is checked, in words: the instances drawn, the oracle (or the independent recomputation)
   * the value is compared with, the comparison and its tolerance scale. `statement` says what the paper claims;
   * `method` says why a `holds` or `violated` here means that.
   */
  method: string;
  kind: ClaimKind;
  expected: Expectation;
  family: InstanceFamily<I>;
  hypotheses: Hypothesis<I>[];
  /**
   * Decide the claim on one instance whose hypotheses hold. A throw is a `violated` run (the code under test
   * failed) unless it is an `OracleError` (an engine error); wrap inline oracle computations in `oracle(…)`.
   */
  check(instance: I, ctx: CheckContext): Verdict | Promise<Verdict>;
  /** Runs per scale; defaults come from the engine. */
  runs?: Partial<Record<Scale, number>>;
  /** Inconclusive runs this claim tolerates (default {@link NO_INCONCLUSIVE}: none). */
  inconclusiveBudget?: InconclusiveBudget;
  /** For a corrected statement: the id of the literal claim it corrects. */
  corrects?: string;
  /** Tags for filtering, e.g. `per-iteration`, `oracle`. */
  tags?: string[];
  /** A vacuous conclusion or unsatisfiable hypotheses (see {@link ClaimFinding}); absent for an ordinary claim. */
  finding?: ClaimFinding;
}

/**
 * A type-erased claim as the engine stores it. Built only by {@link defineClaim}, which keeps instance types
 * consistent inside one claim.
 */
export interface RegisteredClaim {
  readonly id: string;
  readonly source: ClaimSource;
  readonly statement: string;
  readonly method: string;
  readonly kind: ClaimKind;
  readonly expected: Expectation;
  readonly familyName: string;
  readonly hypothesisNames: readonly string[];
  readonly runs: Partial<Record<Scale, number>>;
  readonly inconclusiveBudget: InconclusiveBudget;
  readonly corrects?: string;
  readonly tags: readonly string[];
  /** See {@link Claim.finding}; absent for an ordinary claim. */
  readonly finding?: ClaimFinding;
  arbitrary(scale: Scale): fc.Arbitrary<unknown>;
  /**
   * Hypotheses first, then the check (a Promise when the check returns one). An exception from the check is a
   * `violated` verdict; an oracle's exception or a hypothesis test's is thrown (or rejected) as `EngineError`.
   */
  evaluate(instance: unknown, ctx: CheckContext): Verdict | Promise<Verdict>;
  toJSON(instance: unknown): unknown;
  fromJSON(json: unknown): unknown;
  describe(instance: unknown): string;
}

/** Erase the instance type of a claim for the registry. */
export function defineClaim<I>(c: Claim<I>): RegisteredClaim {
  return {
    id: c.id,
    source: c.source,
    statement: c.statement,
    method: c.method,
    kind: c.kind,
    expected: c.expected,
    familyName: c.family.name,
    hypothesisNames: c.hypotheses.map((h) => h.name),
    runs: c.runs ?? {},
    inconclusiveBudget: c.inconclusiveBudget ?? NO_INCONCLUSIVE,
    corrects: c.corrects,
    tags: c.tags ?? [],
    ...(c.finding ? { finding: c.finding } : {}),
    arbitrary: (scale) => c.family.arbitrary(scale) as fc.Arbitrary<unknown>,
    evaluate(instance, ctx) {
      const inst = instance as I;
      const unmet: string[] = [];
      for (const h of c.hypotheses) {
        let r: true | string;
        try {
          r = h.test(inst);
        } catch (e) {
          throw new EngineError(`hypothesis '${h.name}' threw ${describeError(e)}`, { cause: e });
        }
        if (r !== true) unmet.push(`${h.name}: ${r}`);
      }
      if (unmet.length > 0) return { status: 'hypotheses-unmet', unmet };
      let v: Verdict | Promise<Verdict>;
      try {
        v = c.check(inst, ctx);
      } catch (e) {
        return blame(e);
      }
      return v instanceof Promise ? v.then(undefined, blame) : v;
    },
    toJSON: (instance) => c.family.toJSON(instance as I),
    fromJSON: (json) => c.family.fromJSON(json),
    describe: (instance) => (c.family.describe ? c.family.describe(instance as I) : c.family.name),
  };
}

/**
 * The verdict for an exception thrown by a check: `violated` (the code under test failed), or, for an
 * {@link OracleError} or an {@link EngineError}, an engine error (thrown on).
 */
export function blame(e: unknown): Verdict {
  if (e instanceof EngineError) throw e;
  if (e instanceof OracleError) throw new EngineError(e.message, { cause: e });
  return { status: 'violated', detail: `the code under test threw ${describeError(e)}` };
}

/** A documented error in a paper: the literal claim, its counterexample, and the corrected statement. */
export interface Erratum {
  /** e.g. `wzc-E1`. */
  id: string;
  /** Id of the literal (expected-refuted) claim. */
  claim: string;
  /** What the paper says, quoted with its equation number. */
  says: string;
  /** Counterexample fixture, relative to the repository root (`fixtures/counterexamples/...json`). */
  fixture: string;
  /** The corrected statement in words. */
  corrected: string;
  /** Id(s) of the claim(s) encoding the corrected statement. */
  correctedClaims: string[];
  /** How the solver uses the corrected form (or why it is not affected). */
  solverImpact: string;
}

/** Every kind of coverage entry, for validators. */
export const COVERAGE_KINDS = ['lemma', 'theorem', 'closed-form', 'equation', 'algorithm-step', 'remark', 'experiment', 'definition'] as const;

/** One numbered item of a paper and the claims that cover it. */
export interface CoverageEntry {
  /** e.g. `Lemma 3.2`, `(3.18)`, `Algorithm 3.2 step 5`. */
  item: string;
  kind: (typeof COVERAGE_KINDS)[number];
  claims: string[];
  /** Why nothing covers it (only when `claims` is empty). */
  uncovered?: string;
  /**
   * A finding about the item itself that no verdict carries, e.g. `vacuous: …` (a conclusion that holds trivially,
   * a hypothesis every instance meets) or `unsatisfiable at sane sizes: …` (a hypothesis no instance can meet).
   */
  note?: string;
}

/**
 * The planted bugs ("faults", "mutants") of a paper's solver, id → description, used by the falsifiability
 * matrix. A catalogue only: the matrix puts a fault id into `CheckContext.faults`, and the claims hand it to the
 * solver through its options.
 */
export type FaultCatalogue = Readonly<Record<string, string>>;

/** Everything a paper contributes to the engine. */
export interface PaperLedger {
  paper: PaperId;
  title: string;
  /** Relative path of the paper text, for citations. */
  file: string;
  claims: RegisteredClaim[];
  errata: Erratum[];
  coverage: CoverageEntry[];
  mutants?: FaultCatalogue;
}
