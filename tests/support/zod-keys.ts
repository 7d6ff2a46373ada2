/** The object keys a zod schema expects, looking through refine / pipe / transform wrappers. */
export function keysOf(schema: unknown, depth = 0): string[] {
  if (!schema || typeof schema !== "object" || depth > 5) return [];
  const s = schema as { shape?: Record<string, unknown>; _zod?: { def?: Record<string, unknown> } };
  if (s.shape && typeof s.shape === "object") return Object.keys(s.shape);
  const def = s._zod?.def ?? {};
  for (const inner of [def.in, def.schema, def.innerType, def.left]) {
    const k = keysOf(inner, depth + 1);
    if (k.length) return k;
  }
  return [];
}
