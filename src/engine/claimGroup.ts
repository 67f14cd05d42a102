/**
 * Builders for a ledger's claims: {@link claimGroup} declares several claims over one instance family under the
 * same hypotheses without repeating them, and {@link HOLDS} is the expectation of every claim that is not a
 * refuted literal statement.
 */
import { defineClaim, type Claim, type Expectation, type RegisteredClaim } from './types.ts';

/** The expectation of every claim that is not a refuted literal statement. */
export const HOLDS: Expectation = { status: 'holds' };

type GroupField = 'family' | 'hypotheses' | 'expected';

/** A member of a claim group: the claim without the fields the group supplies (each may still override them). */
export type ClaimSpec<I> = Omit<Claim<I>, GroupField> & Partial<Pick<Claim<I>, GroupField>>;

/** What a group of claims shares: its family and hypotheses, optionally its tags and runs. */
export type ClaimGroup<I> = Pick<Claim<I>, 'family' | 'hypotheses'> & Partial<Pick<Claim<I>, 'tags' | 'runs'>>;

/**
 * A builder for claims that draw from one family under the same hypotheses. A member's own fields win over the
 * group's; its expectation is {@link HOLDS} unless it says otherwise.
 */
export function claimGroup<I>(group: ClaimGroup<I>): (spec: ClaimSpec<I>) => RegisteredClaim {
  return (spec) => defineClaim<I>({ expected: HOLDS, ...group, ...spec });
}
