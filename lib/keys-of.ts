// No "server-only" and no imports: lib/env-secrets.ts uses it, and next.config.ts loads that file.

/**
 * The keys of an object declared in this code base (a `const` table, a Record over a union), typed
 * as its keys: Object.keys says string[] because an object may carry more keys than its type names,
 * which the tables this is used for never do.
 */
export function keysOf<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}
