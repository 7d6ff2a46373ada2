import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A table row's name with a smaller line under it (where it is used, its id): the "title" column of
 * a `DataTable`, so a phone card opens with both. `mono`: the second line is an identifier.
 */
export function NameCell({ name, detail, mono }: { name: ReactNode; detail?: ReactNode; mono?: boolean }) {
  return (
    <>
      <span className="font-medium text-slate-900">{name}</span>
      {detail ? <div className={cn("text-xs text-slate-500", mono && "font-mono")}>{detail}</div> : null}
    </>
  );
}
