import Link from "next/link";
import { SearchX } from "lucide-react";
import { EmptyState, buttonClasses } from "@/components/ui";

/** The console's "not found" pages: what was not found, why that may be, and the way back. */
export function NotFoundPage({
  title,
  description,
  back,
}: {
  title: string;
  description: string;
  back: { href: string; label: string };
}) {
  return (
    <EmptyState
      icon={<SearchX className="h-8 w-8" />}
      title={title}
      description={description}
      action={
        <Link href={back.href} className={buttonClasses("secondary")}>
          {back.label}
        </Link>
      }
    />
  );
}
