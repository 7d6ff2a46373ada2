import "server-only";
import Link from "next/link";
import { Card, textLinkClass } from "@/components/ui";
import type { SitePageData } from "@/lib/mirror/site-page-read";
import { ChecklistEditor } from "./outcome-checklist";

/**
 * The site page's small panel: which checklist operators check for this site's alarms. The lists
 * come with the page's one statement (lib/mirror/site-page-read.ts), not a read of its own.
 */
export function SiteChecklistPanel({
  siteId,
  canEdit,
  lists,
}: {
  siteId: number;
  canEdit: boolean;
  lists: SitePageData["checklists"];
}) {
  return (
    <Card
      title="Desk checklist"
      description={
        <>
          Checked by operators before answering this site&apos;s alarms. The dealer&apos;s list is on{" "}
          <Link href="/verifications/settings" className={textLinkClass}>
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
