// How the queue page combines list answers and live updates (pure, browser-safe). Every item
// carries a version (server ms of its newest change); a list answer carries `asOf` (server ms taken
// just before its query ran). Rules:
// - a live copy replaces the held one if it is at least as new, a list copy only if strictly newer;
// - a list answer drops a held item it lacks only if that item is older than the list (minus a
//   slack for transactions still committing when the list was read): a late list can never remove
//   an alarm the live stream added after the list was read;
// - a removal (answered, expired, cancelled: all final) leaves a tombstone, so a late list or a
//   replayed upsert can never bring the item back.
import { priorityRank } from "./priority";
import type { QueueItem, QueueList } from "./types";

export type QueueState = {
  items: QueueItem[];
  gone: Record<string, number>;
  /** `asOf` of the last list fetch merged in: the page shows it, so a test can wait for the merge. */
  listAsOf?: number;
};

export const EMPTY_QUEUE: QueueState = { items: [], gone: {} };

/** Time a write may be stamped before it is visible to a concurrent list query (commit lag). */
export const COMMIT_SLACK_MS = 5_000;
const MAX_TOMBSTONES = 1_000;

function newer(incoming: QueueItem, held: QueueItem | undefined): boolean {
  return !held || incoming.version >= held.version;
}

export function applyUpsert(state: QueueState, item: QueueItem): QueueState {
  if (state.gone[item.id] !== undefined) return state;
  const held = state.items.find((i) => i.id === item.id);
  if (!newer(item, held)) return state;
  return { ...state, items: held ? state.items.map((i) => (i.id === item.id ? item : i)) : [...state.items, item] };
}

export function applyRemove(state: QueueState, id: string, version: number): QueueState {
  const gone = { ...state.gone, [id]: Math.max(version, state.gone[id] ?? 0) };
  const ids = Object.keys(gone);
  if (ids.length > MAX_TOMBSTONES) for (const old of ids.slice(0, ids.length - MAX_TOMBSTONES)) delete gone[old];
  return { ...state, items: state.items.filter((i) => i.id !== id), gone };
}

export function applyList(state: QueueState, list: Pick<QueueList, "items" | "asOf">): QueueState {
  const incoming = new Map(list.items.map((i) => [i.id, i]));
  const kept: QueueItem[] = [];
  for (const held of state.items) {
    const fresh = incoming.get(held.id);
    if (fresh) {
      // Strictly newer: a list copy of the same version must not undo a local change (a claim just made).
      kept.push(fresh.version > held.version ? fresh : held);
      incoming.delete(held.id);
    } else if (held.version >= list.asOf - COMMIT_SLACK_MS) {
      kept.push(held); // changed after (or while) the list was read: the list cannot know it
    }
  }
  for (const item of incoming.values()) if (state.gone[item.id] === undefined) kept.push(item);
  return { ...state, items: kept };
}

/** Local change (a claim we just made) shown at once; the server's upsert replaces it. */
export function applyLocal(state: QueueState, id: string, change: Partial<QueueItem>): QueueState {
  return { ...state, items: state.items.map((i) => (i.id === id ? { ...i, ...change } : i)) };
}

export type QueueSort = "priority" | "deadline";

/** Priority first (critical → low → none), then the nearest deadline; or the deadline alone. */
export function sortQueue(items: QueueItem[], sort: QueueSort): QueueItem[] {
  return [...items].sort(
    (a, b) =>
      (sort === "priority" ? priorityRank(a.priority) - priorityRank(b.priority) : 0) ||
      Date.parse(a.expiresAt) - Date.parse(b.expiresAt) ||
      Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
      a.id.localeCompare(b.id),
  );
}

export function parseSort(value: string | null | undefined): QueueSort {
  return value === "deadline" ? "deadline" : "priority";
}
