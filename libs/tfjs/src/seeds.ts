import { mulberry32 } from '@strata/cli';

/**
 * A stream of seeds drawn from one model seed: each seeded initializer and dropout layer takes
 * the next one, so the same model seed gives the same weights, and two layers never share a seed.
 */
export class SeedStream {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  next(): number {
    return Math.floor(this.random() * 2 ** 31);
  }
}
