import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Freshness } from "@/components/mirror/freshness";
import { ArmingChooser } from "@/components/sites/arming-chooser";
import { PageHeader } from "@/components/ui";
import { prisma } from "@/lib/db";
import { readArming } from "@/lib/mirror/arming";
import { queueRefresh } from "@/lib/mirror/refresh";
import { freshnessFor } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";
import { crumbs, sitePage } from "../site-page";

export const metadata = { title: "Arming" } satisfies Metadata;

// From the mirror: the page renders whatever CHeKT's state (a 429 storm included) and says how fresh it is.
export default async function ArmingPage({ params }: { params: Promise<{ siteId: string }> }) {
  return sitePage("viewer", metadata.title, (await params).siteId, async (ctx) => {
    const { scope, siteId, siteName } = ctx;
    const arming = await readArming(prisma, scope.dealerLinkId, siteId);
    if (!arming) {
      // Not mirrored yet: read it in the background so the next visit finds it.
      await queueRefresh(scope.dealerLinkId, { kind: "arming", siteId });
      notFound();
    }
    const canEdit = hasRole(ctx.page.user.role, "operator");
    const fresh = freshnessFor(scope.dealerLinkId, [{ kind: "arming", siteId }], {
      confirmedAt: arming.confirmedAt,
      goneAt: ctx.siteGoneAt,
    });
    return (
      <>
        <PageHeader
          title={metadata.title}
          description={`Which system tells CHeKT whether ${siteName} is armed.`}
          breadcrumbs={crumbs(ctx, { label: "Arming" })}
        />
        <Freshness {...fresh} className="mb-4" />
        <ArmingChooser
          siteId={siteId}
          siteName={siteName}
          current={arming.securityType}
          canEdit={canEdit && !ctx.siteGoneAt}
        />
      </>
    );
  });
}
