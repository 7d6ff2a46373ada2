import { Badge, DetailField } from "@/components/ui";
import type { MaskedCredential } from "@/lib/settings/mask";

function Masked({ value }: { value: MaskedCredential }) {
  return value.set ? (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Badge tone="success">set</Badge>
      <code className="text-slate-700">{value.masked}</code>
      {value.masked.endsWith("…") ? <span className="text-xs text-slate-500">({value.length} characters)</span> : null}
    </span>
  ) : (
    <Badge tone="warning">unset</Badge>
  );
}

export type CredentialItem = { label: string; value: MaskedCredential; origin: string };

/** Credentials, masked, each with where it comes from: the environment's and a dealer's alike. */
export function CredentialList({ items, testId }: { items: CredentialItem[]; testId: string }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2" data-testid={testId}>
      {items.map((c) => (
        <DetailField key={c.label} label={c.label} testId="credential">
          <Masked value={c.value} />
          {c.origin ? <div className="mt-1 text-xs break-words text-slate-500">{c.origin}</div> : null}
        </DetailField>
      ))}
    </dl>
  );
}
