"use server";
import { dealerActionClient } from "@/lib/actions/client";
import { mappingUpsertSql, sitesWriteSql } from "@/lib/actions/statements";
import { prisma } from "@/lib/db";
import { assertExternalIdFree, deleteChildMappings } from "@/lib/mappings";
import {
  createSite,
  deleteSite,
  findSiteByExternalId,
  getSite,
  setSiteActivation,
  updateSite,
} from "@/lib/chekt/api/sites";
import { createByExternalId } from "@/lib/create-by-external-id";
import { createSiteSchema, siteActivationSchema, siteIdSchema, updateSiteSchema } from "@/lib/schemas/site";
import { siteBeforeBeside } from "@/lib/mirror/before";
import { readSiteDto, type MirroredSiteDto } from "@/lib/mirror/dto";
import { deleteByChektId } from "@/lib/delete-by-chekt-id";
import type { ResponseSiteDto } from "@/lib/schemas/contract";
import { mirrorSite } from "@/lib/mirror/write";
import { assertAccountNumberFree, assertEditedAccountNumberFree } from "@/lib/readiness/account";

// Write-through (docs/mirror.md): each accepted write puts CHeKT's answer into the mirror in the
// same transaction as the mapping and the audit row. A refusal throws before commit, so nothing
// local changes and the form gets CHeKT's message.
// No revalidatePath: the pages are dynamic (nothing cached to purge) and every caller
// (components/sites/site-form.tsx, site-actions.tsx) navigates and router.refresh()es on success,
// so a revalidation only re-rendered the page inside the action's answer for nothing (bench/).

export const createSiteAction = dealerActionClient
  .metadata({ name: "sites.create", role: "operator", objectKind: "site" })
  .inputSchema(createSiteSchema)
  .action(async ({ parsedInput, ctx }) => {
    const site = await createByExternalId(ctx, {
      kind: "site",
      body: parsedInput,
      check: () =>
        assertAccountNumberFree(ctx.scope.dealerLinkId, parsedInput.monitoring_station_id, parsedInput.account_number),
      create: () => createSite(ctx.scope, parsedInput, { traceId: ctx.traceId }),
      // A resend after a lost answer meets its own first attempt: the same data is that site.
      find: () => findSiteByExternalId(ctx.scope, parsedInput.external_site_id, { traceId: ctx.traceId }),
      chektId: (created) => created.site_id,
      mirror: (tx, dealerLinkId, created) => mirrorSite(tx, dealerLinkId, created, { how: "write" }),
    });
    return { site_id: site.site_id, name: site.name };
  });

export const updateSiteAction = dealerActionClient
  .metadata({ name: "sites.update", role: "operator", objectKind: "site" })
  .inputSchema(updateSiteSchema)
  .action(async ({ parsedInput: { site_id, ...changes }, ctx }) => {
    if (changes.external_site_id)
      await assertExternalIdFree(prisma, ctx.scope.dealerLinkId, "site", changes.external_site_id, site_id);
    await assertEditedAccountNumberFree(ctx.scope.dealerLinkId, site_id, changes);
    // The "before" is read while the PUT takes its budget token; the PUT waits for it (lib/mirror/before.ts).
    const before = siteBeforeBeside(ctx.scope.dealerLinkId, site_id, () =>
      getSite(ctx.scope, site_id, { traceId: ctx.traceId }),
    );
    const site = await updateSite(ctx.scope, site_id, changes, { traceId: ctx.traceId, sendAfter: before });
    // Mapping, mirror row and audit row as one statement: one round trip (lib/actions/commit.ts).
    const prior = await before;
    await ctx.commit({ chektId: site_id, externalId: site.external_site_id, before: prior, after: site }, [
      mappingUpsertSql({
        dealerLinkId: ctx.scope.dealerLinkId,
        kind: "site",
        chektId: site_id,
        externalId: site.external_site_id,
      }),
      sitesWriteSql(ctx.scope.dealerLinkId, [site]),
    ]);
    return { site_id, name: site.name };
  });

export const setSiteActivationAction = dealerActionClient
  .metadata({ name: "sites.activation", role: "operator", objectKind: "site" })
  .inputSchema(siteActivationSchema)
  .action(async ({ parsedInput: { site_id, is_activated }, ctx }) => {
    const site = await setSiteActivation(ctx.scope, site_id, is_activated, { traceId: ctx.traceId });
    await ctx.commit(
      {
        action: is_activated ? "sites.activate" : "sites.deactivate",
        chektId: site_id,
        externalId: site.external_site_id,
        before: { is_activated: is_activated ? 0 : 1 },
        after: { is_activated: site.is_activated },
      },
      (tx) => mirrorSite(tx, ctx.scope.dealerLinkId, site, { how: "write" }),
    );
    return { site_id, is_activated: site.is_activated };
  });

export const deleteSiteAction = dealerActionClient
  .metadata({ name: "sites.delete", role: "operator", objectKind: "site" })
  .inputSchema(siteIdSchema)
  .action(async ({ parsedInput: { site_id }, ctx }) => {
    // Read first: the audit row keeps what was deleted (CHeKT keeps nothing after a delete).
    const deleted = await deleteByChektId<ResponseSiteDto | MirroredSiteDto>(ctx, {
      mapping: "site",
      mirror: "site",
      chektId: site_id,
      read: () => getSite(ctx.scope, site_id, { traceId: ctx.traceId }),
      remove: () => deleteSite(ctx.scope, site_id, { traceId: ctx.traceId }),
      fromMirror: readSiteDto,
      externalId: (site) => site.external_site_id,
      // CHeKT deletes the site's contacts and devices with it; their mappings go too.
      async alsoForget(tx) {
        await deleteChildMappings(tx, ctx.scope.dealerLinkId, "contact", site_id);
        await deleteChildMappings(tx, ctx.scope.dealerLinkId, "device", site_id);
      },
    });
    return { site_id, name: deleted?.name ?? null };
  });
