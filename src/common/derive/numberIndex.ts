/**
 * A number → non-negative integer map on typed arrays (open addressing, linear probing), for the
 * per-snapshot indexes of 20,000 sockets: socket inode → owner pid, port pair → socket index.
 *
 * Why not a Map: measured on the 2-core gVisor machines this project is benchmarked on, filling
 * a Map with 20,000 number keys took 7–10 ms, most of it re-allocating its growing backing store
 * (fresh large-object pages each time); this table, sized once up front, takes 0.1–0.3 ms. It is
 * only for the hot paths that build such an index on every snapshot.
 */
export class NumberIndex {
  private readonly keys: Float64Array;
  /** -1 marks an empty slot (values are pids or array indexes, never negative). */
  private readonly values: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  private count = 0;

  /** `capacity`: the most keys it will hold (it does not grow). */
  constructor(capacity: number) {
    // At most half full: linear probing stays short.
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    this.keys = new Float64Array(1 << bits);
    this.values = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    // Fibonacci hashing of the low 32 bits (inodes and port pairs differ there); a key beyond
    // them still lands somewhere and is found by its full value.
    let h = Math.imul(key | 0, 0x9e3779b1) >>> this.shift;
    const { keys, values, mask } = this;
    while (values[h]! !== -1 && keys[h]! !== key) h = (h + 1) & mask;
    return h;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    return this.values[this.slot(key)]!;
  }

  has(key: number): boolean {
    return this.values[this.slot(key)]! !== -1;
  }

  /** Sets `key` to `value` (≥ 0); returns the value it had, or -1. */
  set(key: number, value: number): number {
    const h = this.slot(key);
    const had = this.values[h]!;
    if (had === -1) {
      if (this.count * 2 >= this.values.length) throw new RangeError(`NumberIndex is full (${this.count} keys)`);
      this.count++;
      this.keys[h] = key;
    }
    this.values[h] = value;
    return had;
  }
}
