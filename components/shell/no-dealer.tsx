import type { ReactNode } from "react";
import Link from "next/link";
import { Building2 } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClasses } from "@/components/ui/button";

/** What a dealer-scoped page shows when no dealer is connected yet. */
export function NoDealerState() {
  return (
    <EmptyState
      icon={<Building2 className="h-8 w-8" />}
      title="No dealer connected"
      description="An admin can connect one on the Dealer page. Until then there is nothing to show here."
      action={
        <Link href="/dealer" className={buttonClasses("primary")}>
          Go to the Dealer page
        </Link>
      }
    />
  );
}

/** A dealer-scoped page without a dealer: its own header, then the state above. */
export function NoDealerPage({ header }: { header: ReactNode }) {
  return (
    <>
      {header}
      <NoDealerState />
    </>
  );
}
