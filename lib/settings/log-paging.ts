// What the audit log and the webhook delivery log page share: a [from, to) time filter, the
// page's window of rows and the page count, newest first by id.

/** `gte from`, `lt to`, each only when given. */
export function timeRange(f: { from?: Date; to?: Date }): { gte?: Date; lt?: Date } {
  return { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
}

/** Page `page` (from 1) of `size` rows, newest first. */
export function pageWindow(page: number, size: number) {
  return { orderBy: { id: "desc" as const }, skip: (page - 1) * size, take: size };
}

/** How many pages `total` rows fill (at least one, so an empty log still has its page). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
