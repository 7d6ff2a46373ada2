import { FilterBar, type FilterField } from "@/components/ui";
import { AUDIT_OUTCOMES } from "@/lib/audit-kinds";
import { auditList, type AuditListState } from "@/lib/settings/audit-filters";
import type { auditFacets } from "@/lib/settings/audit-query";

type Facets = Awaited<ReturnType<typeof auditFacets>>;

function auditFields(facets: Facets): FilterField<keyof AuditListState & string>[] {
  return [
    { kind: "text", label: "User", name: "user", placeholder: "email or id", width: "w-full sm:w-48" },
    {
      kind: "text",
      label: "Action",
      name: "action",
      list: "audit-actions",
      placeholder: "e.g. sites.update",
      width: "w-full sm:w-48",
    },
    { kind: "select", label: "Object kind", name: "kind", width: "w-40", options: facets.kinds },
    {
      kind: "text",
      label: "Object or trace ID",
      name: "object",
      placeholder: "CHeKT ID, your ID, trace ID",
      width: "w-full sm:w-56",
    },
    {
      kind: "select",
      label: "Outcome",
      name: "outcome",
      width: "w-36",
      options: AUDIT_OUTCOMES,
    },
  ];
}

/** The audit page's filters; the action field suggests every action name the log holds. */
export function AuditFilterBar({
  state,
  errors,
  facets,
}: {
  state: AuditListState;
  errors: readonly string[];
  facets: Facets;
}) {
  return (
    <FilterBar list={auditList} state={state} ignored={errors} fields={auditFields(facets)} dates>
      <datalist id="audit-actions">
        {facets.actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
    </FilterBar>
  );
}
