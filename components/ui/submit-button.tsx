"use client";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/** A submit button that shows the pending state of the <form action={…}> it sits in. */
export function SubmitButton({ pending, ...props }: ButtonProps) {
  const status = useFormStatus();
  return <Button type="submit" pending={pending || status.pending} {...props} />;
}
