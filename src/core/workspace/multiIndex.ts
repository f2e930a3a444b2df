/** Key → items, with removal by identity: the workspace's look-up tables. */
export class MultiIndex<T> {
  private readonly map = new Map<string, T[]>();

  add(key: string, item: T): void {
    const list = this.map.get(key);
    if (list) list.push(item);
    else this.map.set(key, [item]);
  }

  remove(key: string, item: T): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.map.delete(key);
  }

  get(key: string): readonly T[] {
    return this.map.get(key) ?? [];
  }

  get size(): number {
    return this.map.size;
  }
}
