"use client";
import { Wand2 } from "lucide-react";
import { Button, Input, type InputProps } from "@/components/ui";

type Props = Omit<InputProps, "hint"> & {
  /** Fills the field with a generated ID (lib/external-id.ts); only create forms offer it. */
  onGenerate?: () => void;
  /** What the ID must be unique among, e.g. "this dealer's sites". */
  uniqueAmong: string;
};

/**
 * "Site ID (yours)" and its kin: the dealer's own identifier. A create form may leave it empty
 * (one is generated on submit and shown) or press Generate; an edit form only takes a typed one.
 */
export function ExternalIdField({ onGenerate, uniqueAmong, ...input }: Props) {
  const hint = onGenerate
    ? `Your own identifier, unique among ${uniqueAmong}. Leave empty to generate one.`
    : `Your own identifier, unique among ${uniqueAmong}.`;
  if (!onGenerate) return <Input {...input} maxLength={64} hint={hint} />;
  return (
    <div className="space-y-1">
      <Input {...input} required={false} maxLength={64} hint={hint} />
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
