import "server-only";
// CHeKT warns that two customers with one account number on one monitoring station cross their
// signals (a dispatch can go to the wrong customer), so the site forms refuse it before anything
// is sent. Checked against the mirror of this dealer's sites, account numbers compared as
// ./account-number.ts says (trimmed; blank is none), here in SQL.
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACCOUNT_NEEDS_STATION, accountWithoutStation } from "@/lib/schemas/site";
import { siteRef } from "@/lib/site-label";
import { ACCOUNT_NUMBER_BLANKS, accountNumberOf } from "./account-number";

/** accountNumberOf in SQL: `column` trimmed of the same blanks, NULL when nothing is left. */
export function accountNumberSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`nullif(btrim(${column}, ${ACCOUNT_NUMBER_BLANKS}), '')`;
}

export async function assertAccountNumberFree(
  dealerLinkId: string,
  stationId: number | null | undefined,
  accountNumber: string | null | undefined,
  exceptSiteId?: number,
) {
  const account = accountNumberOf(accountNumber);
  if (!stationId || !account) return;
  const [other] = await prisma.$queryRaw<{ chekt_id: number; name: string }[]>`
    SELECT chekt_id, name FROM mirror_sites
     WHERE dealer_link_id = ${dealerLinkId} AND station_id = ${stationId} AND gone_at IS NULL
       AND chekt_id <> ${exceptSiteId ?? 0} AND ${accountNumberSql(Prisma.sql`account_number`)} = ${account}
     ORDER BY chekt_id LIMIT 1`;
  if (!other) return;
  const site = siteRef(other.chekt_id, other.name);
  throw new ActionError(
    "conflict",
    `Account number ${account} is already used on this monitoring station by ${site}. ` +
      "Two sites with one account number on a station cross their signals. Nothing was sent to CHeKT.",
    { account_number: `Already used on this station by ${site}.` },
  );
}

/**
 * For an edit: the station and account number the site would have after `changes`. An edit that
 * touches either is held to the create form's rules: an account number needs its station (the
 * create schema's rule, lib/schemas/site.ts, which an edit's partial changes cannot check alone),
 * and no other site may use it there.
 */
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
  const after = {
    monitoring_station_id:
      changes.monitoring_station_id === undefined ? current?.stationId : changes.monitoring_station_id,
    account_number: changes.account_number === undefined ? current?.accountNumber : changes.account_number,
  };
  if (accountWithoutStation(after)) {
    throw new ActionError("validation", `${ACCOUNT_NEEDS_STATION}. Nothing was sent to CHeKT.`, {
      monitoring_station_id: ACCOUNT_NEEDS_STATION,
    });
  }
  await assertAccountNumberFree(dealerLinkId, after.monitoring_station_id, after.account_number, siteId);
}
