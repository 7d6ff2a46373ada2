"use client";
import { Badge } from "@/components/ui";
import type { Outcome } from "@/lib/verifications/outcomes-schemas";

/** The dealer's offered outcome codes as those who are not admins see them: each with what it answers. */
export function OutcomesTable({ outcomes }: { outcomes: Pick<Outcome, "id" | "label" | "kind">[] }) {
  return (
    <div data-testid="outcomes-readonly">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Outcome codes</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col" className="py-1 pr-4 font-medium">
              Outcome
            </th>
            <th scope="col" className="py-1 font-medium">
              Answers with
            </th>
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={o.id} className="border-t border-slate-100">
              <td className="py-1.5 pr-4 text-slate-900">{o.label}</td>
              <td className="py-1.5">
                <Badge tone={o.kind === "dispatch" ? "danger" : "neutral"}>{o.kind}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-600">Only a dealer admin changes these.</p>
    </div>
  );
}
