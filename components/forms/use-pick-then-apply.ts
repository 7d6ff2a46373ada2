"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

/**
 * A select that applies only when asked (its Save/Switch button, or Enter on it): a native select fires
 * change at each arrow key, so one that applied on change changed the role or dealer at every option a
 * keyboard user passed. `apply` answers whether it took; refused, the pick goes back to `current`. Once
 * the pick and `current` agree again, a focus left on nothing (the button it was on left with the change,
 * or the select was disabled while it applied) goes back to the select.
 */
export function usePickThenApply<T extends string>(current: T, apply: (value: T) => Promise<boolean>) {
  const [picked, setPicked] = useState<T>(current);
  const [seen, setSeen] = useState<T>(current);
  const selectRef = useRef<HTMLSelectElement>(null);
  // The page re-rendered with another value (applied here, or elsewhere): the pick follows it.
  if (seen !== current) {
    setSeen(current);
    setPicked(current);
  }
  const changed = picked !== current;
  const wasChanged = useRef(false);
  useEffect(() => {
    const select = selectRef.current;
    const active = select?.ownerDocument.activeElement;
    if (wasChanged.current && !changed && (!active || active === select?.ownerDocument.body)) select?.focus();
    wasChanged.current = changed;
  }, [changed]);

  async function confirm() {
    if (!changed) return;
    if (!(await apply(picked))) setPicked(current);
  }

  function onKeyDown(e: KeyboardEvent<HTMLSelectElement>) {
    if (e.key !== "Enter" || !changed) return;
    e.preventDefault();
    void confirm();
  }

  return { picked, setPicked, changed, selectRef, confirm, onKeyDown };
}
