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

  /** Takes every item out, in no order. */
  drain(): T[] {
    return this.items.splice(0);
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
 * A binary min-heap of (key1, key2, key3, int32 value) entries ordered lexicographically by the keys,
 * in typed arrays; duplicates allowed (lazy deletion).
 */
export class TripleHeap {
  private k1 = new Float64Array(64);
  private k2 = new Float64Array(64);
  private k3 = new Float64Array(64);
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

  topKey3(): number {
    return this.k3[0]!;
  }

  topValue(): number {
    return this.values[0]!;
  }

  /** Whether entry i is below (a, b, c). */
  private below(i: number, a: number, b: number, c: number): boolean {
    const { k1, k2, k3 } = this;
    return k1[i]! < a || (k1[i] === a && (k2[i]! < b || (k2[i] === b && k3[i]! < c)));
  }

  push(a: number, b: number, c: number, value: number): void {
    if (this.size === this.k1.length) {
      const grow = (x: Float64Array) => {
        const y = new Float64Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.k1 = grow(this.k1);
      this.k2 = grow(this.k2);
      this.k3 = grow(this.k3);
      const v = new Int32Array(this.values.length * 2);
      v.set(this.values);
      this.values = v;
    }
    const { k1, k2, k3, values } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(a < k1[p]! || (a === k1[p] && (b < k2[p]! || (b === k2[p] && c < k3[p]!))))) break;
      k1[i] = k1[p]!;
      k2[i] = k2[p]!;
      k3[i] = k3[p]!;
      values[i] = values[p]!;
      i = p;
    }
    k1[i] = a;
    k2[i] = b;
    k3[i] = c;
    values[i] = value;
  }

  /** Removes the top; read it first. */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const { k1, k2, k3, values } = this;
    const a = k1[n]!;
    const b = k2[n]!;
    const c = k3[n]!;
    const value = values[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.below(r, k1[l]!, k2[l]!, k3[l]!) ? r : l;
      if (!this.below(m, a, b, c)) break;
      k1[i] = k1[m]!;
      k2[i] = k2[m]!;
      k3[i] = k3[m]!;
      values[i] = values[m]!;
      i = m;
    }
    k1[i] = a;
    k2[i] = b;
    k3[i] = c;
    values[i] = value;
  }
}
