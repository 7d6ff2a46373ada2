"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { assertExternalIdFree, deleteChildMappings, deleteMapping, upsertMapping, withExternalIdClaim } from "@/lib/mappings";
import { requireDealerScope } from "@/lib/dealer-scope";
import { createSite, deleteSite, getSite, setSiteActivation, updateSite } from "@/lib/chekt/api/sites";
import { createSiteSchema, siteActivationSchema, siteIdSchema, updateSiteSchema } from "@/lib/schemas/site";
import { siteBefore } from "@/lib/mirror/before";
import { forget, mirrorSite } from "@/lib/mirror/write";
import { assertAccountNumberFree, assertEditedAccountNumberFree } from "@/lib/readiness/account";

// Write-through (docs/mirror.md): each accepted write puts CHeKT's answer into the mirror in the
// same transaction as the mapping and the audit row. A refusal throws before commit, so nothing
// local changes and the form gets CHeKT's message.

export const createSiteAction = actionClient
  .metadata({ name: "sites.create", role: "operator", objectKind: "site" })
  .inputSchema(createSiteSchema)
  .action(async ({ parsedInput, ctx }) => {
    const scope = await requireDealerScope();
    const site = await withExternalIdClaim(scope.dealerLinkId, "site", parsedInput.external_site_id, async () => {
      await assertExternalIdFree(prisma, scope.dealerLinkId, "site", parsedInput.external_site_id);
      await assertAccountNumberFree(scope.dealerLinkId, parsedInput.monitoring_station_id, parsedInput.account_number);
      const created = await createSite(scope, parsedInput, { traceId: ctx.traceId });
      await ctx.commit(
        { action: "sites.create", objectKind: "site", chektId: created.site_id, externalId: created.external_site_id, dealerLinkId: scope.dealerLinkId, after: created },
        async (tx) => {
          await upsertMapping(tx, { dealerLinkId: scope.dealerLinkId, kind: "site", chektId: created.site_id, externalId: created.external_site_id });
          await mirrorSite(tx, scope.dealerLinkId, created, { how: "write" });
        },
      );
      return created;
    });
    revalidatePath("/sites");
    return { site_id: site.site_id, name: site.name };
  });

export const updateSiteAction = actionClient
  .metadata({ name: "sites.update", role: "operator", objectKind: "site" })
  .inputSchema(updateSiteSchema)
  .action(async ({ parsedInput: { site_id, ...changes }, ctx }) => {
    const scope = await requireDealerScope();
    if (changes.external_site_id) await assertExternalIdFree(prisma, scope.dealerLinkId, "site", changes.external_site_id, site_id);
    await assertEditedAccountNumberFree(scope.dealerLinkId, site_id, changes);
    const before = await siteBefore(scope.dealerLinkId, site_id, () => getSite(scope, site_id, { traceId: ctx.traceId }));
    const site = await updateSite(scope, site_id, changes, { traceId: ctx.traceId });
    await ctx.commit(
      { action: "sites.update", objectKind: "site", chektId: site_id, externalId: site.external_site_id, dealerLinkId: scope.dealerLinkId, before, after: site },
      async (tx) => {
        await upsertMapping(tx, { dealerLinkId: scope.dealerLinkId, kind: "site", chektId: site_id, externalId: site.external_site_id });
        await mirrorSite(tx, scope.dealerLinkId, site, { how: "write" });
      },
    );
    revalidatePath("/sites");
    revalidatePath(`/sites/${site_id}`);
    return { site_id, name: site.name };
  });

export const setSiteActivationAction = actionClient
  .metadata({ name: "sites.activation", role: "operator", objectKind: "site" })
  .inputSchema(siteActivationSchema)
  .action(async ({ parsedInput: { site_id, is_activated }, ctx }) => {
    const scope = await requireDealerScope();
    const site = await setSiteActivation(scope, site_id, is_activated, { traceId: ctx.traceId });
    await ctx.commit(
      {
        action: is_activated ? "sites.activate" : "sites.deactivate",
        objectKind: "site",
        chektId: site_id,
        externalId: site.external_site_id,
        dealerLinkId: scope.dealerLinkId,
        before: { is_activated: is_activated ? 0 : 1 },
        after: { is_activated: site.is_activated },
      },
      (tx) => mirrorSite(tx, scope.dealerLinkId, site, { how: "write" }),
    );
    revalidatePath("/sites");
    revalidatePath(`/sites/${site_id}`);
    return { site_id, is_activated: site.is_activated };
  });

export const deleteSiteAction = actionClient
  .metadata({ name: "sites.delete", role: "operator", objectKind: "site" })
  .inputSchema(siteIdSchema)
  .action(async ({ parsedInput: { site_id }, ctx }) => {
    const scope = await requireDealerScope();
    // Read first: the audit row keeps what was deleted (CHeKT keeps nothing after a delete).
    const before = await getSite(scope, site_id, { traceId: ctx.traceId });
    await deleteSite(scope, site_id, { traceId: ctx.traceId });
    await ctx.commit(
      { action: "sites.delete", objectKind: "site", chektId: site_id, externalId: before.external_site_id, dealerLinkId: scope.dealerLinkId, before },
      async (tx) => {
        await deleteMapping(tx, scope.dealerLinkId, "site", site_id);
        // CHeKT deletes the site's contacts and devices with it; their mappings go too.
        await deleteChildMappings(tx, scope.dealerLinkId, "contact", site_id);
        await deleteChildMappings(tx, scope.dealerLinkId, "device", site_id);
        await forget(tx, scope.dealerLinkId, "site", site_id);
      },
    );
    revalidatePath("/sites");
    return { site_id, name: before.name };
  });
