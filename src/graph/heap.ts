/** A binary min-heap of objects under a comparison function. */
export class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (this.less(item, parent) >= 0) break;
      items[i] = parent;
      i = p;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(items[r]!, items[l]!) < 0 ? r : l;
      if (this.less(items[c]!, last) >= 0) break;
      items[i] = items[c]!;
      i = c;
    }
    items[i] = last;
    return top;
  }
}

/**
 * A binary min-heap of (key1, key2, int32 value) entries, ordered lexicographically by the keys, in
 * typed arrays; duplicates allowed (lazy deletion).
 */
export class PairHeap {
  private k1 = new Float64Array(64);
  private k2 = new Float64Array(64);
  private values = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey1(): number {
    return this.k1[0]!;
  }

  topKey2(): number {
    return this.k2[0]!;
  }

  topValue(): number {
    return this.values[0]!;
  }

  push(key1: number, key2: number, value: number): void {
    if (this.size === this.k1.length) {
      const n = this.size * 2;
      const k1 = new Float64Array(n);
      k1.set(this.k1);
      this.k1 = k1;
      const k2 = new Float64Array(n);
      k2.set(this.k2);
      this.k2 = k2;
      const v = new Int32Array(n);
      v.set(this.values);
      this.values = v;
    }
    const { k1, k2, values } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k1[p]! < key1 || (k1[p] === key1 && k2[p]! <= key2)) break;
      k1[i] = k1[p]!;
      k2[i] = k2[p]!;
      values[i] = values[p]!;
      i = p;
    }
    k1[i] = key1;
    k2[i] = key2;
    values[i] = value;
  }

  /** Removes the top; read it first. */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const { k1, k2, values } = this;
    const a = k1[n]!;
    const b = k2[n]!;
    const value = values[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (k1[r]! < k1[l]! || (k1[r] === k1[l] && k2[r]! < k2[l]!)) ? r : l;
      if (k1[c]! > a || (k1[c] === a && k2[c]! >= b)) break;
      k1[i] = k1[c]!;
      k2[i] = k2[c]!;
      values[i] = values[c]!;
      i = c;
    }
    k1[i] = a;
    k2[i] = b;
    values[i] = value;
  }
}
