// The paste review's questions to the server about its rows' keys (use-key-lookup.ts), e.g. which
// pasted external IDs the dealer's other sites hold: what was answered for each key, the request out,
// and a failure that waits for the user's retry. Pure (no React, no clock), so the rules are tested
// alone: a key is "no clash" only once the server said so, never because it could not be asked.

export type LookupState<V> = {
  /** What the server said of each key asked so far: its finding, or null for none. */
  answers: ReadonlyMap<string, V | null>;
  /** The keys of the request out; one at a time, the next waits for its answer. */
  asking: readonly string[] | null;
  /** Why the last request failed; nothing more is asked until the user retries. */
  failure: string | null;
  /** The next request goes at once (the first of the review, a retry); others once typing pauses. */
  urgent: boolean;
};

export function initialLookup<V>(): LookupState<V> {
  return { answers: new Map(), asking: null, failure: null, urgent: true };
}

/** The keys the server has not answered yet, each once. */
export function unanswered<V>(s: LookupState<V>, keys: readonly string[]): string[] {
  return [...new Set(keys)].filter((k) => !s.answers.has(k));
}

/** What to ask next and how soon; null while a request is out, after a failure, or with every key answered. */
export function nextAsk<V>(
  s: LookupState<V>,
  keys: readonly string[],
): { keys: string[]; wait: "now" | "pause" } | null {
  if (s.asking || s.failure !== null) return null;
  const missing = unanswered(s, keys);
  return missing.length ? { keys: missing, wait: s.urgent ? "now" : "pause" } : null;
}

export function asked<V>(s: LookupState<V>, keys: readonly string[]): LookupState<V> {
  return { ...s, asking: keys, failure: null, urgent: false };
}

/** The server's answer to `keys`: each key it found something for, and every other key as none. */
export function answered<V>(s: LookupState<V>, keys: readonly string[], found: ReadonlyMap<string, V>): LookupState<V> {
  const answers = new Map(s.answers);
  for (const k of keys) answers.set(k, found.get(k) ?? null);
  return { ...s, answers, asking: null };
}

export function failed<V>(s: LookupState<V>, message: string): LookupState<V> {
  return { ...s, asking: null, failure: message };
}

/** The user asks again: the keys still unanswered go at once. */
export function retried<V>(s: LookupState<V>): LookupState<V> {
  return { ...s, failure: null, urgent: true };
}

export type LookupStatus =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "failed"; message: string }
  | { state: "done"; keys: number; found: number };

/**
 * What the review says of `keys`: nothing to ask (idle), every one answered (done, with how many the
 * server found something for), or some unanswered, being asked or waiting for a retry.
 */
export function lookupStatus<V>(s: LookupState<V>, keys: readonly string[]): LookupStatus {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return { state: "idle" };
  if (unanswered(s, unique).length === 0)
    return { state: "done", keys: unique.length, found: unique.filter((k) => s.answers.get(k) != null).length };
  if (s.failure !== null && !s.asking) return { state: "failed", message: s.failure };
  return { state: "checking" };
}

/** Every key the server found something for, with it (what the kind's check is given). */
export function findings<V>(answers: LookupState<V>["answers"]): ReadonlyMap<string, V> {
  const out = new Map<string, V>();
  for (const [k, v] of answers) if (v !== null) out.set(k, v);
  return out;
}
