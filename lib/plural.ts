// No imports and no "server-only": pages, client components and server messages all count things.

/** `one` for exactly 1, else `many` (`one` + "s" unless given): "1 device", "3 devices". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
