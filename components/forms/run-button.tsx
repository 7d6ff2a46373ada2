"use client";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Button, type ButtonProps } from "@/components/ui";
import type { FlatValidationErrors, SafeAction, SafeActionInput } from "./action-result";
import { useActionRunner } from "./use-action-runner";

/** A button that sends one action with a fixed input, spins while it runs and toasts `done` after. */
export function RunButton<S extends StandardSchemaV1 | undefined, E extends FlatValidationErrors, D>({
  action,
  input,
  done,
  ...button
}: {
  action: SafeAction<S, E, D>;
  input: SafeActionInput<S, E, D>;
  done: (data: D | undefined) => string;
} & Omit<ButtonProps, "onClick" | "pending">) {
  const runner = useActionRunner(action);
  return <Button {...button} pending={runner.pending} onClick={() => void runner.run(input, done)} />;
}
