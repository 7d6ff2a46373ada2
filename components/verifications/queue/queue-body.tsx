"use client";
import type { ReactNode } from "react";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui";
import { errorText } from "@/lib/error-text";

/**
 * Where the queue's list goes: why there is none yet (the first load failed, or is still on its way)
 * or that nothing is open; else the list (`children`).
 */
export function QueueBody(props: { error: unknown; loading: boolean; empty: boolean; children: ReactNode }) {
  if (props.error) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {errorText(props.error)}
      </div>
    );
  }
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
