"use client";
import { useMemo } from "react";
import { cn } from "@/components/ui";
import { zoneLabel, zoneOffset, type ZoneMatch } from "@/lib/time-zone-search";

type ZoneListboxProps = {
  id: string;
  matches: ZoneMatch[];
  /** The highlighted option. */
  active: number;
  shown: boolean;
  onPick: (zone: string) => void;
  onHover: (index: number) => void;
};

/** The time-zone combobox's list of matching zones, each with its place (or name) and its UTC offset now. */
export function ZoneListbox({ id, matches, active, shown, onPick, onHover }: ZoneListboxProps) {
  const now = useMemo(() => new Date(), []);
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Zones found"
      hidden={!shown}
      className={cn(
        "absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm",
        "shadow-lg ring-1 ring-slate-200",
      )}
    >
      {shown
        ? matches.map((m, i) => (
            <li
              key={m.zone}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(m.zone);
              }}
              onMouseMove={() => onHover(i)}
              className={cn("cursor-pointer px-3 py-2", i === active ? "bg-indigo-600 text-white" : "text-slate-900")}
            >
              <span className="font-medium">{m.zone}</span>
              <span className={cn("ml-2 text-xs", i === active ? "text-indigo-100" : "text-slate-600")}>
                {m.place ? `${m.place} · ` : ""}
                {m.place ? "" : `${zoneLabel(m.zone)} · `}
                {zoneOffset(m.zone, now)}
              </span>
            </li>
          ))
        : null}
    </ul>
  );
}
