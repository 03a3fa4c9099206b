import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

/** Names one kind of loader; the type parameters keep `get()` typed at each call site. */
export class LoaderKey<K, V> {
  constructor(readonly name: string) {}
  // Phantom fields tie K and V to the key object.
  declare readonly _key?: K;
  declare readonly _value?: V;
}

export type BatchLoad<K, V> = (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>;

/**
 * Domains register their batch functions once at start-up; each GraphQL request gets its own
 * set of DataLoaders (fresh cache, batched per tick) through `createRequestLoaders()` in the
 * GraphQL context. No request-scoped providers are needed.
 */
@Injectable()
export class LoaderRegistry {
  private readonly factories = new Map<string, BatchLoad<unknown, unknown>>();

  register<K, V>(key: LoaderKey<K, V>, batch: BatchLoad<K, V>): void {
    if (this.factories.has(key.name)) throw new Error(`Loader ${key.name} is registered twice`);
    this.factories.set(key.name, batch as BatchLoad<unknown, unknown>);
  }

  createRequestLoaders(): RequestLoaders {
    return new RequestLoaders(this.factories);
  }
}

export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly factories: ReadonlyMap<string, BatchLoad<unknown, unknown>>) {}

  get<K, V>(key: LoaderKey<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key.name);
    if (!loader) {
      const batch = this.factories.get(key.name);
      if (!batch) throw new Error(`No loader registered for ${key.name}`);
      loader = new DataLoader(batch, { maxBatchSize: 1000 });
      this.loaders.set(key.name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results to match the keys: a missing row becomes `null`. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups batch results by key, for one-to-many loaders. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
