"use client";
import type { ReactNode } from "react";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui";
import { LoadError } from "@/components/verifications/shared/load-error";

/**
 * Where the queue's list goes: why there is none yet (the first load failed: with "Try again", which
 * is `onRetry`; or it is still on its way) or that nothing is open; else the list (`children`).
 */
export function QueueBody(props: {
  error: unknown;
  loading: boolean;
  empty: boolean;
  retrying: boolean;
  onRetry: () => void;
  children: ReactNode;
}) {
  if (props.error) return <LoadError error={props.error} retrying={props.retrying} onRetry={props.onRetry} />;
  if (props.loading) return <p className="text-sm text-slate-600">Loading the queue…</p>;
  if (props.empty) {
    return (
      <EmptyState
        icon={<ShieldAlert className="h-8 w-8" />}
        title="Nothing to verify"
        description="New alarms appear here the moment CHeKT asks for a verification."
      />
    );
  }
  return props.children;
}
