import { Badge, cn } from "@/components/ui";
import type { SECURITY_TYPES, SecurityType } from "@/lib/schemas/arming";

type Option = (typeof SECURITY_TYPES)[number];

/** One security type as a card: a radio for an operator, the description for everyone, "Current" on the site's. */
export function ArmingOption({
  t,
  isCurrent,
  isPicked,
  canEdit,
  disabled,
  onPick,
}: {
  t: Option;
  isCurrent: boolean;
  isPicked: boolean;
  canEdit: boolean;
  disabled: boolean;
  onPick: (value: SecurityType) => void;
}) {
  return (
    <label
      data-testid={`arming-option-${t.value}`}
      className={cn(
        "block rounded-lg border bg-white p-4 shadow-sm",
        canEdit && "cursor-pointer hover:border-indigo-300",
        isPicked ? "border-indigo-500 ring-2 ring-indigo-500/30" : "border-slate-200",
      )}
    >
      <div className="flex items-start gap-3">
        {canEdit ? (
          <input
            type="radio"
            name="security_type"
            value={t.value}
            checked={isPicked}
            onChange={() => onPick(t.value)}
            disabled={disabled}
            className="mt-1 h-4 w-4 border-slate-300 text-indigo-600 focus:ring-indigo-600"
          />
        ) : null}
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
            <span>{t.title}</span>
            {isCurrent ? <Badge tone="success">Current</Badge> : null}
          </p>
          <p className="mt-1 text-sm text-slate-700">{t.summary}</p>
          <p className="mt-1 text-sm text-slate-500">{t.detail}</p>
        </div>
      </div>
    </label>
  );
}
