// No "server-only" and no imports: lib/env-secrets.ts uses it, and next.config.ts loads that file.

/**
 * The keys of an object declared in this code base (a `const` table, a Record over a union), typed
 * as its keys: Object.keys says string[] because an object may carry more keys than its type names,
 * which the tables this is used for never do.
 */
export function keysOf<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}

/**
 * A table with one entry per key, each made by `value`: typed by the keys it was given, where
 * Object.fromEntries says Record<string, V>. The one cast is this function's promise: every key of
 * `keys`, and no other, is in the result.
 */
export function fromKeys<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>;
}
