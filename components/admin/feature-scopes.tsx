import { Card, DataTable, type Column } from "@/components/ui";
import { NameCell } from "@/components/ui/name-cell";
import { FEATURE_SCOPES, PARTNER_FEATURES } from "@/lib/settings/scopes";

type FeatureRow = { feature: string; where?: string; scopes: readonly string[]; why: string };
const FEATURE_ROWS: FeatureRow[] = [
  ...FEATURE_SCOPES,
  ...PARTNER_FEATURES.map((feature) => ({
    feature,
    scopes: [],
    why: "Partner API, reached by the client ID and secret.",
  })),
];
const FEATURE_COLUMNS: Column<FeatureRow>[] = [
  {
    key: "feature",
    header: "Feature",
    card: "title",
    cell: (f) => <NameCell name={f.feature} detail={f.where} />,
  },
  {
    key: "scope",
    header: "Scope",
    cell: (f) =>
      f.scopes.length ? (
        f.scopes.map((s) => (
          <code key={s} className="mr-1">
            {s}
          </code>
        ))
      ) : (
        <span className="text-slate-500">none (partner credentials)</span>
      ),
  },
  { key: "why", header: "Why", className: "text-slate-600", cell: (f) => f.why },
];

/** Which CHeKT App scope each feature needs, so an admin can tell what a key without it breaks. */
export function FeatureScopesCard() {
  return (
    <Card title="Which features need which scope" flush className="xl:col-span-2">
      <DataTable
        columns={FEATURE_COLUMNS}
        rows={FEATURE_ROWS}
        rowKey={(f) => f.feature}
        caption="Which features need which scope"
        testId="feature-scopes"
        flush
      />
    </Card>
  );
}
