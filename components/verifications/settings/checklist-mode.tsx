"use client";
import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui";
import type { ChecklistInput } from "@/lib/verifications/outcomes-schemas";

export type ChecklistMode = ChecklistInput["mode"];

function ModeRadio(props: {
  name: string;
  checked: boolean;
  onPick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cn("flex items-center gap-2 text-sm text-slate-900", props.className)}>
      <input type="radio" name={props.name} className="h-4 w-4" checked={props.checked} onChange={props.onPick} />
      {props.children}
    </label>
  );
}

/** A site's choice between the dealer's checklist and its own. */
export function ChecklistModeFieldset({ mode, onMode }: { mode: ChecklistMode; onMode: (m: ChecklistMode) => void }) {
  const name = useId();
  return (
    <fieldset>
      <legend className="sr-only">Which checklist this site uses</legend>
      <ModeRadio name={name} checked={mode === "inherit"} onPick={() => onMode("inherit")}>
        Use the dealer&apos;s checklist
      </ModeRadio>
      <ModeRadio name={name} checked={mode === "own"} onPick={() => onMode("own")} className="mt-1">
        This site has its own checklist
      </ModeRadio>
    </fieldset>
  );
}
