import Link from "next/link";
import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";

export default function ConsoleNotFound() {
  return (
    <EmptyState
      icon={<SearchX className="h-8 w-8" />}
      title="Not found"
      description="It may have been deleted in CHeKT, or the address is mistyped."
      action={
        <Link href="/" className={buttonClasses("secondary")}>
          Back to the dashboard
        </Link>
      }
    />
  );
}
