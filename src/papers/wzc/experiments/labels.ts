/** How WZC §5's tables and figures name things. */
import type { InitScheme } from '../problem/init.ts';

/** Table 3's column headers for the initializations of §5.4. */
export const INIT_LABELS: Readonly<Record<InitScheme, string>> = {
  he: 'He', 'normal-1e-3': 'N(0, 1e-3)', 'normal-1e-1': 'N(0, 1e-1)', glorot: 'Glorot', lecun: 'LeCun',
};
