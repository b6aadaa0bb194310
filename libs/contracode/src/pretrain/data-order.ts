/**
 * The order functions are drawn in: a seeded permutation per epoch, so the whole state of the
 * data is its position (epoch, offset), which a checkpoint stores.
 */
import { SeededRng, deriveSeed } from '@strata/train';

export interface DataPosition {
  epoch: number;
  offset: number;
}

const ORDER_STREAM = 0xc0de;

export class EpochOrder {
  private order: number[] = [];
  private orderEpoch = -1;
  private pos: DataPosition;

  constructor(
    private readonly count: number,
    private readonly seed: number,
    start: DataPosition = { epoch: 0, offset: 0 },
  ) {
    this.pos = { ...start };
  }

  get position(): DataPosition {
    return { ...this.pos };
  }

  /** The indices of the next `size` items, continuing into the next epoch as needed. */
  next(size: number): number[] {
    const picked: number[] = [];
    while (picked.length < size) {
      if (this.orderEpoch !== this.pos.epoch) {
        this.order = SeededRng.fromSeed(
          deriveSeed(this.seed, this.pos.epoch, ORDER_STREAM),
        ).permutation(this.count);
        this.orderEpoch = this.pos.epoch;
      }
      picked.push(this.order[this.pos.offset]!);
      this.pos.offset += 1;
      if (this.pos.offset >= this.count) this.pos = { epoch: this.pos.epoch + 1, offset: 0 };
    }
    return picked;
  }
}
