"use client";
import { Button, type ButtonProps } from "@/components/ui";
import type { AnswerAction } from "./format";

/** Dispatch in red, disregard in grey; the detail view adds "…" as they open the outcome picker. */
export function AnswerButton({
  action,
  asks = false,
  ...rest
}: Omit<ButtonProps, "variant" | "children"> & { action: AnswerAction; asks?: boolean }) {
  const label = action === "dispatch" ? "Dispatch" : "Disregard";
  return (
    <Button variant={action === "dispatch" ? "danger" : "secondary"} {...rest}>
      {asks ? `${label}…` : label}
    </Button>
  );
}
