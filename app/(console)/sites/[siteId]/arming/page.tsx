import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Freshness } from "@/components/mirror/freshness";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ArmingChooser } from "@/components/sites/arming-chooser";
import { PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { readArming } from "@/lib/mirror/arming";
import { queueRefresh } from "@/lib/mirror/refresh";
import { freshnessFor } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";
import { loadSite } from "../devices/load";

export const metadata: Metadata = { title: "Arming" };

// From the mirror: the page renders whatever CHeKT's state (a 429 storm included) and says how fresh it is.
export default async function ArmingPage({ params }: { params: Promise<{ siteId: string }> }) {
  const page = await requirePageScope("viewer");
  const { user } = page;
  const ctx = await loadSite(page, (await params).siteId);
  if (!ctx)
    return (
      <>
        <PageHeader title="Arming" />
        <NoDealerState />
      </>
    );
  const { scope, siteId, siteName } = ctx;
  const arming = await readArming(prisma, scope.dealerLinkId, siteId);
  if (!arming) {
    // Not mirrored yet: read it in the background so the next visit finds it.
    await queueRefresh(scope.dealerLinkId, { kind: "arming", siteId });
    notFound();
  }
  const canEdit = hasRole(user.role, "operator");
  const fresh = freshnessFor(scope.dealerLinkId, [{ kind: "arming", siteId }], {
    confirmedAt: arming.confirmedAt,
    goneAt: ctx.siteGoneAt,
  });
  return (
    <>
      <PageHeader
        title="Arming"
        description={`Which system tells CHeKT whether ${siteName} is armed.`}
        breadcrumbs={[
          { label: "Sites", href: "/sites" },
          { label: siteName, href: `/sites/${siteId}` },
          { label: "Arming" },
        ]}
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
}
