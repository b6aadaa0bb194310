import { notYetBuilt } from '@strata/cli';

export const codeCommand = notYetBuilt('code', 'Code transformations and corpora (ContraCode)', 'issue 6');
