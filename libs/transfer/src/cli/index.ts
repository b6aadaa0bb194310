import { notYetBuilt } from '@strata/cli';

export const transferCommand = notYetBuilt('transfer', 'Copy and sync between object stores (Skyplane)', 'issue 5');
