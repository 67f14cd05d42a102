/** WZC claims: alm (being written; see /work/briefs/wzc-claims.md). */
import type { Erratum, RegisteredClaim } from '../types.ts';

/** Claims of this module. */
export const claims: RegisteredClaim[] = [];

/** Errata found by this module's claims. */
export const errata: Erratum[] = [];
