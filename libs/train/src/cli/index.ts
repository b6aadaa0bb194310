import { notYetBuilt } from '@strata/cli';

export const trainCommand = notYetBuilt(
  'train',
  'Training with asynchronous checkpoints and resume',
  'issue 7',
);
