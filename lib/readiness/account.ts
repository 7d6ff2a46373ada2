import "server-only";
// CHeKT warns that two customers with one account number on one monitoring station cross their
// signals (a dispatch can go to the wrong customer), so the site forms refuse it before anything
// is sent. Checked against the mirror of this dealer's sites.
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";

export async function assertAccountNumberFree(
  dealerLinkId: string,
  stationId: number | null | undefined,
  accountNumber: string | null | undefined,
  exceptSiteId?: number,
) {
  if (!stationId || !accountNumber) return;
  const other = await prisma.mirrorSite.findFirst({
    where: {
      dealerLinkId,
      stationId,
      accountNumber,
      goneAt: null,
      ...(exceptSiteId ? { chektId: { not: exceptSiteId } } : {}),
    },
    orderBy: { chektId: "asc" },
    select: { chektId: true, name: true },
  });
  if (!other) return;
  throw new ActionError(
    "conflict",
    `Account number ${accountNumber} is already used on this monitoring station by site "${other.name}" ` +
      `(#${other.chektId}). Two sites with one account number on a station cross their signals. ` +
      "Nothing was sent to CHeKT.",
    { account_number: `Already used on this station by "${other.name}" (#${other.chektId}).` },
  );
}

/** For an edit: the station and account number the site would have after `changes`. */
export async function assertEditedAccountNumberFree(
  dealerLinkId: string,
  siteId: number,
  changes: { monitoring_station_id?: number | null; account_number?: string | null },
) {
  if (changes.monitoring_station_id === undefined && changes.account_number === undefined) return;
  const current = await prisma.mirrorSite.findUnique({
    where: { dealerLinkId_chektId: { dealerLinkId, chektId: siteId } },
    select: { stationId: true, accountNumber: true },
  });
  const stationId = changes.monitoring_station_id === undefined ? current?.stationId : changes.monitoring_station_id;
  const accountNumber = changes.account_number === undefined ? current?.accountNumber : changes.account_number;
  await assertAccountNumberFree(dealerLinkId, stationId, accountNumber, siteId);
}
