import "server-only";
import Link from "next/link";
import { Card } from "@/components/ui";
import type { SitePanelProps } from "@/components/sites/site-children-panels";
import { prisma } from "@/lib/db";
import { checklists } from "@/lib/verifications/outcomes";
import { ChecklistEditor } from "./outcome-checklist";

/** The site page's small panel: which checklist operators check for this site's alarms. */
export async function SiteChecklistPanel({ dealerLinkId, siteId, canEdit }: SitePanelProps) {
  const lists = await checklists(prisma, { id: dealerLinkId }, siteId);
  return (
    <Card
      title="Desk checklist"
      description={
        <>
          Checked by operators before answering this site&apos;s alarms. The dealer&apos;s list is on{" "}
          <Link href="/verifications/settings" className="text-indigo-700 underline">
            Desk settings
          </Link>
          .
        </>
      }
    >
      <ChecklistEditor siteId={siteId} own={lists.site} dealerSteps={lists.dealer} canEdit={canEdit} />
    </Card>
  );
}
