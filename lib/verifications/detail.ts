import "server-only";
import { prisma } from "@/lib/db";
import type { DeskDetail, DeskEvent } from "./types";
import { contactLabel, siteLabel } from "@/lib/site-label";

// Everything an operator needs to dispatch, read from Postgres only (the mirror for site, station
// and contacts; our own rows for events, directions and notes): opening an alarm must work while
// CHeKT is down or rate-limiting, and must not spend the call budget.

/** How many received events of one alarm the view lists (newest kept). */
const HISTORY_LIMIT = 100;

type EventRow = { id: string; type: string; created_at: Date; received_at: Date; data: Record<string, unknown> | null };

/** null: no such verification for this dealer link (another dealer's id is the same as none). */
export async function readDetail(dealerLinkId: string, verificationId: string): Promise<DeskDetail | null> {
  const v = await prisma.verification.findUnique({ where: { dealerLinkId_id: { dealerLinkId, id: verificationId } } });
  if (!v) return null;
  const [site, contacts, directions, notes, events] = await Promise.all([
    prisma.mirrorSite.findUnique({ where: { dealerLinkId_chektId: { dealerLinkId, chektId: v.siteId } } }),
    prisma.mirrorContact.findMany({
      where: { dealerLinkId, siteId: v.siteId, goneAt: null },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { chektId: "asc" }],
    }),
    prisma.siteDirections.findUnique({ where: { dealerLinkId_siteId: { dealerLinkId, siteId: v.siteId } } }),
    prisma.verificationNote.findMany({ where: { dealerLinkId, verificationId }, orderBy: { createdAt: "asc" } }),
    prisma.$queryRaw<EventRow[]>`
      SELECT id, type, created_at, received_at, payload->'data' AS data FROM webhook_events
       WHERE dealer_link_id = ${dealerLinkId}
         AND (payload->'data'->>'verification_id' = ${verificationId}
              OR (${v.alarmId}::text IS NOT NULL AND payload->'data'->>'alarm_id' = ${v.alarmId}))
       ORDER BY created_at DESC, received_at DESC LIMIT ${HISTORY_LIMIT}`,
  ]);
  const station =
    site?.stationId != null
      ? await prisma.mirrorStation.findUnique({
          where: { dealerLinkId_chektId: { dealerLinkId, chektId: site.stationId } },
        })
      : null;

  // The contact CHeKT named for this verification is called first; the rest keep CHeKT's order.
  const callList = contacts
    .map((c) => ({
      id: c.chektId,
      name: contactLabel(c.chektId, c.firstName, c.lastName),
      phone: c.phone,
      named: c.chektId === v.contactId,
    }))
    .sort((a, b) => Number(b.named) - Number(a.named));

  return {
    verificationId: v.id,
    site: site
      ? {
          id: site.chektId,
          name: siteLabel(site.chektId, site.name),
          accountNumber: site.accountNumber,
          address: [site.address1, site.address2].filter((s): s is string => !!s && s.trim() !== ""),
          timezone: site.timezone,
          confirmedAt: site.confirmedAt.toISOString(),
          gone: site.goneAt !== null,
        }
      : null,
    station: station ? { id: station.chektId, name: station.name } : null,
    callList,
    namedContactMissing: v.contactId !== null && !callList.some((c) => c.named),
    directions: directions
      ? {
          text: directions.text,
          updatedByName: directions.updatedByName,
          updatedAt: directions.updatedAt.toISOString(),
        }
      : null,
    notes: notes.map((n) => ({
      id: n.id,
      authorName: n.authorName,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
    })),
    history: events.reverse().map(toDeskEvent),
  };
}

/** One received event in words an operator reads at a glance. */
function toDeskEvent(e: EventRow): DeskEvent {
  const d = e.data ?? {};
  const s = (k: string) => (typeof d[k] === "string" || typeof d[k] === "number" ? String(d[k]) : null);
  const parts: Record<string, string | null> = {
    "alarm.created":
      [s("priority"), s("trigger"), s("location") && `at ${s("location")}`].filter(Boolean).join(" ") || "Alarm raised",
    "verification.requested": s("description") ?? "Verification requested",
    "alarm.acknowledged": `Acknowledged${s("reason") ? `: ${s("reason")}` : ""}`,
    "alarm.dispatched":
      `Responders dispatched${s("responder_type") ? ` (${s("responder_type")})` : ""}` +
      (s("eta_seconds") ? `, ETA ${Math.round(Number(s("eta_seconds")) / 60)} min` : ""),
    "alarm.resolved":
      `Resolved${s("resolution") ? ` as ${s("resolution")}` : ""}` + (s("notes") ? `: ${s("notes")}` : ""),
    "snapshot.created": "Snapshot received",
  };
  return {
    id: e.id,
    type: e.type,
    at: e.created_at.toISOString(),
    receivedAt: e.received_at.toISOString(),
    summary: parts[e.type] ?? e.type,
  };
}
