import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NoDealerState } from "@/components/shell/no-dealer";
import { ArmingChooser } from "@/components/sites/arming-chooser";
import { ChektProblem } from "@/components/sites/chekt-problem";
import { PageHeader } from "@/components/ui";
import { requireRole } from "@/lib/auth/require";
import { toId } from "@/lib/chekt/normalize";
import { getCurrentDealer } from "@/lib/dealer";
import { getArming } from "@/lib/chekt/api/arming";
import { read } from "@/lib/page-read";
import { scopeOf } from "@/lib/dealer-scope";
import { getSite } from "@/lib/chekt/api/sites";
import { hasRole } from "@/lib/roles";
import type { SecurityType } from "@/lib/schemas/arming";
import { setArmingAction } from "./actions";

export const metadata: Metadata = { title: "Arming" };

export default async function ArmingPage({ params }: { params: Promise<{ siteId: string }> }) {
  const user = await requireRole("viewer");
  const siteId = toId((await params).siteId);
  if (!siteId) notFound();
  const dealer = await getCurrentDealer();
  if (!dealer) return (<><PageHeader title="Arming" /><NoDealerState /></>);
  const scope = scopeOf(dealer);
  const [site, arming] = await Promise.all([read(getSite(scope, siteId)), read(getArming(scope, siteId))]);
  const name = site.ok ? site.data.name : `Site ${siteId}`;
  const canEdit = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title="Arming"
        description={`Which system tells CHeKT whether ${name} is armed.`}
        breadcrumbs={[{ label: "Sites", href: "/sites" }, { label: name, href: `/sites/${siteId}` }, { label: "Arming" }]}
      />
      {!arming.ok ? (
        <ChektProblem error={arming.error} />
      ) : (
        <ArmingChooser
          siteId={siteId}
          siteName={name}
          current={(arming.data.security_type ?? null) as SecurityType | null}
          canEdit={canEdit}
          action={canEdit ? setArmingAction : undefined}
        />
      )}
    </>
  );
}
