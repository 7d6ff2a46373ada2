import type { Metadata } from "next";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { Card, PageHeader } from "@/components/ui";
import { EscalationCard } from "@/components/verifications/settings/escalation-card";
import { ChecklistEditor } from "@/components/verifications/settings/outcome-checklist";
import { OutcomesEditor } from "@/components/verifications/settings/outcome-settings";
import { VerificationTabs } from "@/components/verifications/shared/tabs";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { hasRole } from "@/lib/roles";
import { escalationSettingsFor } from "@/lib/verifications/escalation-settings";
import { checklists, listOutcomes } from "@/lib/verifications/outcomes";
import { plural } from "@/lib/plural";

export const metadata = { title: "Desk settings" } satisfies Metadata;
export const dynamic = "force-dynamic";

// Outcome codes, the checklist and the escalation thresholds (docs/desk.md): every member reads
// them (operators answer with them), only the dealer's admins change them; a site's own checklist
// is set on the site's page.
export default async function DeskSettingsPage() {
  const { user, dealer } = await requirePageScope("viewer");
  const head = (
    <>
      <PageHeader
        title={metadata.title}
        description="The outcomes operators answer with, the steps they check first, and when an alarm escalates."
      />
      <VerificationTabs current="settings" />
    </>
  );
  if (!dealer) return <NoDealerPage header={head} />;
  const canEdit = hasRole(user.role, "admin");
  const [outcomes, lists, overrides, escalation] = await Promise.all([
    listOutcomes(prisma, dealer),
    checklists(prisma, dealer),
    prisma.deskChecklist.count({ where: { dealerLinkId: dealer.id, siteId: { not: null } } }),
    escalationSettingsFor(dealer.id),
  ]);
  return (
    <div>
      {head}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        {/* Across both columns: an outcome's row (moves, name, answer, offered, remove) reads on one line. */}
        <Card
          className="xl:col-span-2"
          title="Outcome codes"
          description="Each answer needs one; it tells CHeKT dispatch or disregard and is recorded with the answer."
        >
          <OutcomesEditor initial={outcomes} canEdit={canEdit} />
        </Card>
        <Card
          title="Checklist"
          description={
            "Steps to check before answering; every step not marked optional must be checked. " +
            (overrides
              ? `${overrides} ${plural(overrides, "site has its", "sites have their")} ` +
                "own checklist (set on the site's page)."
              : "A site can have its own, set on the site's page.")
          }
        >
          <ChecklistEditor own={lists.dealer} dealerSteps={lists.dealer} canEdit={canEdit} />
        </Card>
        <EscalationCard settings={escalation} canEdit={canEdit} />
      </div>
    </div>
  );
}
