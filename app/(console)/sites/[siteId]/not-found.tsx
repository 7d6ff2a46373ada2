import Link from "next/link";
import { SearchX } from "lucide-react";
import { EmptyState, buttonClasses } from "@/components/ui";

export default function SiteNotFound() {
  return (
    <EmptyState
      icon={<SearchX className="h-8 w-8" />}
      title="Site not found"
      description="CHeKT has no such site for this dealer. It may have been deleted, or it belongs to another dealer."
      action={
        <Link href="/sites" className={buttonClasses("secondary")}>
          Back to sites
        </Link>
      }
    />
  );
}
