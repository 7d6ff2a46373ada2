// fetchDetail (components/verifications/detail/fetch-detail.ts): the desk's read of
// GET /api/live/verifications/[id]/detail, checked against lib/verifications/detail-schemas.ts, and the
// error the detail view shows when it is refused or unreadable.
import { describe, expect, it } from "vitest";
import { fetchDetail } from "@/components/verifications/detail/fetch-detail";
import { deskDetailSchema } from "@/lib/verifications/detail-schemas";
import type { DeskDetail } from "@/lib/verifications/types";
import { answerFetch, itFailsAsARouteReader, type ReaderWords } from "../support/fetch-answer";

/** The dealer the page was drawn for: every call names it. */
const DEALER = { id: "link_a", name: "Acme Security" };

const NOW = new Date("2026-12-01T15:00:00Z");
/** What the page says when the route refuses without a message, or answers what it cannot read. */
const WORDS: ReaderWords = {
  failed: "Could not load the site and call list",
  unread: "Could not load the site and call list: the server's answer was not a call list. Reload the page.",
};

/** The detail as readDetail builds it (lib/verifications/detail.ts): dates as ISO text, the named contact first. */
const detail: DeskDetail = {
  verificationId: "v1",
  site: {
    id: 11,
    name: "Camden Office Suites",
    accountNumber: "A-100",
    address: ["1 High St", "Camden"],
    timezone: "Europe/London",
    confirmedAt: NOW.toISOString(),
    gone: false,
  },
  station: { id: 3, name: "North station" },
  callList: [
    { id: 5, name: "Dana Smith", phone: "+44 20 0000 0000", named: true },
    { id: 6, name: "Contact 6", phone: null, named: false },
  ],
  namedContactMissing: false,
  directions: { text: "Gate code 1234", updatedByName: "Ada", updatedAt: NOW.toISOString() },
  notes: [{ id: "n1", authorName: "Ada", text: "Called Dana", createdAt: NOW.toISOString() }],
  history: [
    {
      id: "e1",
      type: "alarm.created",
      at: NOW.toISOString(),
      receivedAt: NOW.toISOString(),
      summary: "high motion at Lobby",
    },
  ],
};

/** A verification whose site the mirror does not hold yet. */
const bare: DeskDetail = {
  ...detail,
  site: null,
  station: null,
  callList: [],
  namedContactMissing: true,
  directions: null,
  notes: [],
  history: [],
};

/** The details the route writes, to be read back as they were. */
const written = [
  { what: "a full detail", value: detail },
  { what: "a detail without site, station or directions", value: bare },
];

describe("fetchDetail", () => {
  it.each(written)("reads $what from the detail route", async ({ value }) => {
    const urls = answerFetch(JSON.stringify(value));
    expect(await fetchDetail("v/1", DEALER)).toEqual(value);
    expect(urls).toEqual(["/api/live/verifications/v%2F1/detail?dealer=link_a"]);
  });

  itFailsAsARouteReader(() => fetchDetail("v1", DEALER), WORDS, [
    { what: "of another shape", body: JSON.stringify({ verificationId: 1 }) },
    {
      what: "a call list entry without its phone",
      body: JSON.stringify({ ...detail, callList: [{ id: 5, name: "Dana", named: true }] }),
    },
    { what: "missing its history", body: JSON.stringify({ ...detail, history: undefined }) },
  ]);
});

describe("deskDetailSchema", () => {
  it.each(written)("reads $what as the route writes it, through JSON", ({ value }) => {
    expect(deskDetailSchema.parse(JSON.parse(JSON.stringify(value)))).toEqual(value);
  });
});
