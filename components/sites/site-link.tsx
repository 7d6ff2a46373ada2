import Link from "next/link";
import { siteLabel } from "@/lib/site-label";
import { rowLinkClass, cn } from "@/components/ui";

/**
 * A site named in a list about something else (a job, a verification): a link to the site's page,
 * by the name the mirror knows, else by number. At least 24 px tall, so a phone card's link is a
 * target a thumb can hit.
 */
export function SiteLink({
  siteId,
  name,
  className,
}: {
  siteId: number;
  name: string | null | undefined;
  /** A list's own fit for the name (the fleet table's two lines). */
  className?: string;
}) {
  return (
    <Link href={`/sites/${siteId}`} className={cn("inline-flex min-h-6 items-center", rowLinkClass, className)}>
      {siteLabel(siteId, name)}
    </Link>
  );
}
