"use client";
import { Input } from "@/components/ui";

type TypeToConfirmProps = {
  /** What the user must type (e.g. the site's name). */
  text: string;
  typed: string;
  /** What was typed matches. */
  ok: boolean;
  onType: (typed: string) => void;
  /** Enter confirms, as the dialog's confirm button would. */
  onEnter: () => void;
};

/** The field where the user types the object's name before a confirm that cannot be undone. */
export function TypeToConfirm({ text, typed, ok, onType, onEnter }: TypeToConfirmProps) {
  return (
    <Input
      label={
        <>
          Type <strong className="font-semibold">{text}</strong> to confirm
        </>
      }
      name="confirm-name"
      value={typed}
      autoComplete="off"
      onChange={(e) => onType(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          onEnter();
        }
      }}
      error={typed && !ok ? "That does not match yet." : null}
    />
  );
}
