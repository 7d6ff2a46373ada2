"use client";
import { Wand2 } from "lucide-react";
import { Button, Input, type InputProps } from "@/components/ui";
import { generateExternalId, withExternalId, yourIdLabel, type ExternalIdKind } from "@/lib/external-id";
import type { ActionForm } from "./use-action-form";

type Props = Omit<InputProps, "hint" | "maxLength"> & {
  /** Fills the field with a generated ID (lib/external-id.ts); only create forms offer it. */
  onGenerate?: () => void;
  /** What the ID must be unique among, e.g. "this dealer's sites". */
  uniqueAmong: string;
  /** CHeKT's limit for this kind of ID (64 unless its DTO says otherwise). */
  maxLength?: number;
};

/**
 * "Site ID (yours)" and its kin: the dealer's own identifier. A create form may leave it empty
 * (one is generated on submit and shown) or press Generate; an edit form only takes a typed one.
 */
export function ExternalIdField({ onGenerate, uniqueAmong, maxLength = 64, ...input }: Props) {
  const hint = onGenerate
    ? `Your own identifier, unique among ${uniqueAmong}. Leave empty to generate one.`
    : `Your own identifier, unique among ${uniqueAmong}.`;
  if (!onGenerate) return <Input {...input} maxLength={maxLength} hint={hint} />;
  return (
    <div className="space-y-1">
      <Input {...input} required={false} maxLength={maxLength} hint={hint} />
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={onGenerate}
        icon={<Wand2 className="h-3.5 w-3.5" aria-hidden="true" />}
      >
        Generate ID
      </Button>
    </div>
  );
}

/**
 * A form's own-ID rule, said once for both places that generate one (Generate, and a blank field on
 * submit): which field holds it, what kind of object it names, and the name it is made from.
 */
export type ExternalIdRule<V extends Record<string, string>> = {
  field: keyof V & string;
  kind: ExternalIdKind;
  nameOf: (values: V) => string;
  /** CHeKT's maxLength for the field, when it is not 64 (a device's is 128). */
  maxLength?: number;
};

/** A create form's `prepare` (useActionForm): a blank ID gets a generated one before the check. */
export function fillExternalId<V extends Record<string, string>>(rule: ExternalIdRule<V>): (values: V) => V {
  return (values) => withExternalId(values, rule.field, rule.kind, rule.nameOf(values));
}

/**
 * ExternalIdField bound to its form's field, named for the rule's kind ("Site ID (yours)", unique among
 * "this dealer's sites"); `create` offers Generate, made by the same rule.
 */
export function FormExternalIdField<V extends Record<string, string>>({
  form,
  rule,
  create,
}: {
  form: ActionForm<V>;
  rule: ExternalIdRule<V>;
  create: boolean;
}) {
  const bound = form.field(rule.field);
  return (
    <ExternalIdField
      label={yourIdLabel(rule.kind)}
      required
      {...bound}
      uniqueAmong={`this dealer's ${rule.kind}s`}
      maxLength={rule.maxLength}
      onGenerate={
        create
          ? () => bound.onChange({ target: { value: generateExternalId(rule.kind, rule.nameOf(form.values)) } })
          : undefined
      }
    />
  );
}
