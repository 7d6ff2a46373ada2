import { timingSafeEqual } from "node:crypto";
import { SimError } from "./errors";
import { parsePrefixed, pfx, v1Alarm, v1Device, v1Site, v1Snapshot } from "./dto";
import { snapshotPng } from "./png";
import { defineHandlers, type BaseCtx, type Ctx, type Handler } from "./handlers";
import type { Alarm, App } from "./store";
import { EVENT_SCOPES, envelopeOf } from "./webhooks";

function app(ctx: BaseCtx): App {
  if (ctx.auth.kind !== "apiKey") throw new SimError(401, "invalid_api_key", "an API key is required");
  return ctx.auth.app;
}

/** Cursors are opaque to callers; inside they are the last id of the page. */
function encodeCursor(last: number): string {
  return Buffer.from(`v1:${last}`).toString("base64url");
}

function decodeCursor(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = Buffer.from(raw, "base64url").toString();
  const m = /^v1:(\d+)$/.exec(text);
  if (!m) throw new SimError(400, "validation_failed", "cursor is not a cursor this API returned", "cursor");
  return Number(m[1]);
}

/**
 * Page through ids in the given order. `after` is the last id already seen; for descending order
 * the next page holds smaller ids.
 */
function page<T>(
  query: { limit?: number; cursor?: string },
  ids: number[],
  render: (id: number) => T | null,
  desc = false,
) {
  const limit = query.limit ?? 25;
  const after = decodeCursor(query.cursor);
  const ordered = desc ? [...ids].reverse() : ids;
  let start = 0;
  if (after !== null) {
    // ids are ascending, so binary search instead of scanning for the cursor.
    let lo = 0,
      hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (desc ? ordered[mid]! >= after : ordered[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const data: T[] = [];
  let i = start;
  let last: number | null = null;
  for (; i < ordered.length && data.length < limit; i++) {
    const item = render(ordered[i]!);
    last = ordered[i]!;
    if (item !== null) data.push(item);
  }
  // Look ahead for at least one more visible item so has_more is honest.
  let more = false;
  for (let j = i; j < ordered.length; j++)
    if (render(ordered[j]!) !== null) {
      more = true;
      break;
    }
  return {
    status: 200,
    body: { data, has_more: more, next_cursor: more && last !== null ? encodeCursor(last) : null },
  };
}

function dealerDeviceIds(ctx: BaseCtx, dealerId: number): number[] {
  const s = ctx.sim.store;
  const ids: number[] = [];
  for (const siteId of s.sites.byParent.of(dealerId)) ids.push(...s.devices.byParent.of(siteId));
  return ids.sort((a, b) => a - b);
}

function sinceMs(query: { since?: string }): number | null {
  return query.since ? Date.parse(query.since) : null;
}

const v1ListDevices: Handler<"v1ListDevices"> = (ctx) => {
  const a = app(ctx);
  const s = ctx.sim.store;
  let siteFilter: number | null = null;
  if (ctx.query.site_id) {
    siteFilter = parsePrefixed(ctx.query.site_id, "site_");
    if (siteFilter === null) throw new SimError(400, "validation_failed", "site_id must look like site_123", "site_id");
  }
  const ids =
    siteFilter !== null
      ? s.sites.get(siteFilter)?.dealer_id === a.dealer_id
        ? s.devices.byParent.of(siteFilter)
        : []
      : dealerDeviceIds(ctx, a.dealer_id);
  return page(ctx.query, ids, (id) => {
    const d = s.devices.get(id);
    if (!d || (ctx.query.status && d.status !== ctx.query.status)) return null;
    return v1Device(d);
  });
};

function deviceOf(ctx: Ctx<"v1GetDevice" | "v1ListDeviceSnapshots">) {
  const a = app(ctx);
  const id = parsePrefixed(ctx.params.id, "dev_");
  const d = id !== null ? ctx.sim.store.devices.get(id) : undefined;
  if (!d || ctx.sim.store.dealerOfSite(d.site_id) !== a.dealer_id)
    throw new SimError(404, "device_not_found", `device ${ctx.params.id} not found`);
  return d;
}

const v1GetDevice: Handler<"v1GetDevice"> = (ctx) => ({ status: 200, body: v1Device(deviceOf(ctx)) });

const v1ListDeviceSnapshots: Handler<"v1ListDeviceSnapshots"> = (ctx) => {
  const d = deviceOf(ctx);
  const s = ctx.sim.store;
  return page(
    ctx.query,
    s.snapshotsByDevice.of(d.device_id),
    (id) => {
      const snap = s.snapshots.get(id);
      return snap ? v1Snapshot(snap, ctx.sim.snapshotUrl(snap)) : null;
    },
    true,
  );
};

const v1ListAlarms: Handler<"v1ListAlarms"> = (ctx) => {
  const a = app(ctx);
  const s = ctx.sim.store;
  const since = sinceMs(ctx.query);
  const site = ctx.query.site_id ? parsePrefixed(ctx.query.site_id, "site_") : null;
  if (ctx.query.site_id && site === null)
    throw new SimError(400, "validation_failed", "site_id must look like site_123", "site_id");
  return page(
    ctx.query,
    s.alarmsByDealer.of(a.dealer_id),
    (id) => {
      const al = s.alarms.get(id);
      if (!al || (since !== null && Date.parse(al.created_at) < since) || (site !== null && al.site_id !== site))
        return null;
      return v1Alarm(al, (snap) => ctx.sim.snapshotUrl(snap), s);
    },
    ctx.query.order === "desc",
  );
};

function alarmOf(ctx: Ctx<"v1GetAlarm" | "v1AcknowledgeAlarm" | "v1AnnotateAlarm" | "v1EscalateAlarm">) {
  const a = app(ctx);
  const id = parsePrefixed(ctx.params.id, "alm_");
  const al = id !== null ? ctx.sim.store.alarms.get(id) : undefined;
  if (!al || al.dealer_id !== a.dealer_id) throw SimError.notFound(`alarm ${ctx.params.id}`);
  return al;
}

const v1GetAlarm: Handler<"v1GetAlarm"> = (ctx) => ({
  status: 200,
  body: v1Alarm(alarmOf(ctx), (snap) => ctx.sim.snapshotUrl(snap), ctx.sim.store),
});

const v1AcknowledgeAlarm: Handler<"v1AcknowledgeAlarm"> = (ctx) => {
  const al = alarmOf(ctx);
  if (al.status !== "open") throw new SimError(409, "conflict", `alarm ${pfx.alarm(al.id)} is already ${al.status}`);
  al.status = "acknowledged";
  al.updated_at = new Date().toISOString();
  const body = ctx.body ?? {};
  ctx.sim.deliverer.emit(al.dealer_id, {
    type: "alarm.acknowledged",
    data: { alarm_id: pfx.alarm(al.id), operator_id: body.operator_id ?? app(ctx).id, reason: body.reason ?? null },
  });
  return { status: 200, body: v1Alarm(al, (snap) => ctx.sim.snapshotUrl(snap), ctx.sim.store) };
};

// Annotations and escalations are kept on the alarm (its history) and answered as stored; they
// fire no webhook: the OpenAPI document's `webhooks` (lib/chekt/openapi.yaml) have no type for them.
/** Appends one entry to the alarm's history (`ann_…` or `esc_…` ids) and answers it with the alarm's id. */
function keepOnAlarm<E extends { created_at: string }>(
  al: Alarm,
  list: E[],
  prefix: "ann" | "esc",
  make: (id: string, createdAt: string) => E,
) {
  const entry = make(`${prefix}_${al.id}x${list.length + 1}`, new Date().toISOString());
  list.push(entry);
  al.updated_at = entry.created_at;
  return { status: 201 as const, body: { ...entry, alarm_id: pfx.alarm(al.id) } };
}

const v1AnnotateAlarm: Handler<"v1AnnotateAlarm"> = (ctx) => {
  const al = alarmOf(ctx);
  const b = ctx.body;
  if (b.note === undefined && b.verdict === undefined && b.outcome === undefined) {
    throw new SimError(
      400,
      "validation_failed",
      "an annotation needs at least one of note, verdict or outcome",
      "note",
    );
  }
  return keepOnAlarm(al, (al.annotations ??= []), "ann", (id, created_at) => ({
    id,
    source: b.source,
    note: b.note ?? null,
    verdict: b.verdict ?? null,
    confidence: b.confidence ?? null,
    outcome: b.outcome ?? null,
    created_at,
  }));
};

const v1EscalateAlarm: Handler<"v1EscalateAlarm"> = (ctx) => {
  const al = alarmOf(ctx);
  if (al.status === "dispatched" || al.status === "resolved")
    throw new SimError(409, "conflict", `alarm ${pfx.alarm(al.id)} is already ${al.status}`);
  const { source, reason } = ctx.body;
  return keepOnAlarm(al, (al.escalations ??= []), "esc", (id, created_at) => ({ id, source, reason, created_at }));
};

const v1ListEvents: Handler<"v1ListEvents"> = (ctx) => {
  const a = app(ctx);
  const s = ctx.sim.store;
  const since = sinceMs(ctx.query);
  const seqs = (s.eventsByDealer.get(a.dealer_id) ?? []).map((id) => Number(id.slice(4)));
  return page(
    ctx.query,
    seqs,
    (seq) => {
      const e = s.events.get(`evt_${seq}`);
      if (!e) return null;
      const scope = EVENT_SCOPES[e.type];
      if (scope === undefined || (scope !== null && !a.scopes.includes(scope))) return null;
      if (ctx.query.type && e.type !== ctx.query.type) return null;
      if (since !== null && Date.parse(e.created_at) < since) return null;
      return envelopeOf(e);
    },
    ctx.query.order === "desc",
  );
};

function snapshotOf(ctx: Ctx<"v1GetSnapshot" | "v1GetSnapshotImage">, dealerId: number | null) {
  const id = parsePrefixed(ctx.params.id, "snap_");
  const snap = id !== null ? ctx.sim.store.snapshots.get(id) : undefined;
  if (!snap || (dealerId !== null && snap.dealer_id !== dealerId)) throw SimError.notFound(`snapshot ${ctx.params.id}`);
  return snap;
}

const v1GetSnapshot: Handler<"v1GetSnapshot"> = (ctx) => {
  const snap = snapshotOf(ctx, app(ctx).dealer_id);
  return { status: 200, body: v1Snapshot(snap, ctx.sim.snapshotUrl(snap)) };
};

/** Checked before the API-key rule: a valid signature in the URL is enough. */
export function snapshotSignatureValid(ctx: Pick<BaseCtx, "sim">, id: string, exp: unknown, sig: unknown): boolean {
  const e = Number(exp);
  if (typeof sig !== "string" || !Number.isFinite(e) || e < Date.now() / 1000) return false;
  const expected = Buffer.from(ctx.sim.snapshotSig(id, e));
  const got = Buffer.from(sig);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

const v1GetSnapshotImage: Handler<"v1GetSnapshotImage"> = (ctx) => {
  const snap = snapshotOf(ctx, ctx.auth.kind === "apiKey" ? ctx.auth.app.dealer_id : null);
  return {
    status: 200,
    headers: { "cache-control": "private, max-age=86400" },
    raw: { contentType: "image/png", data: snapshotPng(snap.id) },
  };
};

const v1ListSites: Handler<"v1ListSites"> = (ctx) => {
  const a = app(ctx);
  const s = ctx.sim.store;
  return page(ctx.query, s.sites.byParent.of(a.dealer_id), (id) => {
    const site = s.sites.get(id);
    return site ? v1Site(site) : null;
  });
};

export const v1Handlers = defineHandlers({
  v1ListDevices,
  v1GetDevice,
  v1ListDeviceSnapshots,
  v1ListAlarms,
  v1GetAlarm,
  v1AcknowledgeAlarm,
  v1AnnotateAlarm,
  v1EscalateAlarm,
  v1ListEvents,
  v1GetSnapshot,
  v1GetSnapshotImage,
  v1ListSites,
});
