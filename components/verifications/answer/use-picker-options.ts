"use client";
import { useQuery } from "@tanstack/react-query";
import type { OutcomeKind } from "@/lib/verifications/outcomes-schemas";
import { useDeskDealer } from "@/components/verifications/queue/desk-dealer";
import { fetchPicker } from "./fetch-picker";

/**
 * What the outcome picker offers, read once it opens: the dealer's active outcomes of this kind and
 * the site's checklist (`query` for its loading and error states).
 */
export function usePickerOptions(verificationId: string, kind: OutcomeKind, open: boolean) {
  const dealer = useDeskDealer();
  const query = useQuery({
    queryKey: ["desk-outcomes", dealer.id, verificationId],
    queryFn: () => fetchPicker(verificationId, dealer),
    enabled: open,
    staleTime: 30_000,
  });
  const outcomes = (query.data?.outcomes ?? []).filter((o) => o.kind === kind);
  const steps = query.data?.checklist.steps ?? [];
  return { query, outcomes, steps, siteOwn: query.data?.checklist.source === "site" };
}
