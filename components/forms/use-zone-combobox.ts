"use client";
import { useMemo, useState, type KeyboardEvent } from "react";
import { findTimeZones } from "@/lib/time-zone-search";

type OnChange = (e: { target: { value: string } }) => void;

/**
 * The time-zone combobox's state: the zones matching what was typed, whether the list is shown and
 * which option is highlighted; the arrow keys move the highlight, Enter picks it, Esc closes the list.
 */
export function useZoneCombobox(value: string, onChange: OnChange) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => findTimeZones(value), [value]);
  const shown = open && matches.length > 0;

  function pick(zone: string) {
    onChange({ target: { value: zone } });
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length ? (i + step + matches.length) % matches.length : 0));
    } else if (e.key === "Enter" && shown) {
      // Enter picks the highlighted zone; it submits the form only when the list is closed.
      e.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)].zone);
    } else if (e.key === "Escape" && shown) {
      e.preventDefault();
      setOpen(false);
    }
  }

  return {
    matches,
    shown,
    active,
    setActive,
    pick,
    /** The input's handlers: typing reopens the list at its first match. */
    input: {
      onChange: (e: { target: { value: string } }) => {
        onChange(e);
        setActive(0);
        setOpen(true);
      },
      onKeyDown,
      onFocus: () => setOpen(true),
      onBlur: () => setOpen(false),
    },
  };
}
