import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { Card, cn, rowLinkClass } from "@/components/ui";

const LINKS = [
  { href: "/verifications", label: "Answer alarm verifications" },
  { href: "/sites", label: "Find or add a site" },
  { href: "/fleet", label: "Fleet health" },
  { href: "/stations", label: "Monitoring stations" },
  { href: "/dealer", label: "Dealer profile" },
];

export function QuickLinks() {
  return (
    <Card title="Quick links">
      <ul className="grid gap-2 text-sm sm:grid-cols-2">
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={cn("inline-flex items-center gap-1 rounded font-medium", rowLinkClass)}>
              {l.label} <ArrowRight className="h-3.5 w-3.5" aria-hidden="true" />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
