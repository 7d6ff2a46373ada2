// What the audit log and the webhook delivery log page share: a [from, to) time filter and the
// page's window of rows, newest first by id (their page count: pageCount in lib/list-state/pages.ts).

/** `gte from`, `lt to`, each only when given. */
export function timeRange(f: { from?: Date; to?: Date }): { gte?: Date; lt?: Date } {
  return { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) };
}

/** Page `page` (from 1) of `size` rows, newest first. */
export function pageWindow(page: number, size: number) {
  return { orderBy: { id: "desc" as const }, skip: (page - 1) * size, take: size };
}
