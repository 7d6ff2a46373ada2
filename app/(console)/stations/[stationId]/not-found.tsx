import Link from "next/link";
import { SearchX } from "lucide-react";
import { EmptyState, buttonClasses } from "@/components/ui";

export default function StationNotFound() {
  return (
    <EmptyState
      icon={<SearchX className="h-8 w-8" />}
      title="Monitoring station not found"
      description="CHeKT has no such station for this dealer. It may have been deleted."
      action={
        <Link href="/stations" className={buttonClasses("secondary")}>
          Back to monitoring stations
        </Link>
      }
    />
  );
}
