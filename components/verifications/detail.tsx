"use client";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert, Badge, Button, ConfirmDialog, Dialog, Select } from "@/components/ui";
import { toOutcome } from "@/components/forms/action-result";
import { answerVerificationAction, releaseVerification } from "@/app/(console)/verifications/actions";
import type { QueueItem, SiteContact } from "@/lib/verifications/types";
import { countdown, siteTime } from "./format";
import type { Me } from "./queue";
import { SnapshotImg } from "./snapshot-img";

export type Intent = "dispatch" | "disregard" | null;

async function fetchContacts(siteId: number): Promise<SiteContact[]> {
  const res = await fetch(`/api/live/sites/${siteId}/contacts`);
  const body = (await res.json().catch(() => null)) as { contacts?: SiteContact[]; error?: { message?: string } } | null;
  if (!res.ok || !body?.contacts) throw new Error(body?.error?.message ?? `Could not load contacts (HTTP ${res.status})`);
  return body.contacts;
}

export function VerificationDetail(props: {
  item: QueueItem;
  me: Me;
  canAnswer: boolean;
  intent: Intent;
  onIntent: (i: Intent) => void;
  onClaim: () => Promise<void>;
  claiming: boolean;
  onClose: () => void;
  onAnswered: (id: string) => void;
}) {
  const { item, me, canAnswer, intent } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const contacts = useQuery({ queryKey: ["site-contacts", item.siteId], queryFn: () => fetchContacts(item.siteId), staleTime: 60_000, enabled: canAnswer });
  const [contactId, setContactId] = useState<string>(item.contactId ? String(item.contactId) : "");
  const [large, setLarge] = useState(item.snapshots[0]?.id ?? null);
  const [pending, setPending] = useState<Intent>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // Default to the contact CHeKT named, else the site's first contact.
  useEffect(() => {
    if (!contactId && contacts.data?.length) setContactId(String(contacts.data.find((c) => c.id === item.contactId)?.id ?? contacts.data[0].id));
  }, [contacts.data, contactId, item.contactId]);
  useEffect(() => {
    if (!large && item.snapshots[0]) setLarge(item.snapshots[0].id);
  }, [item.snapshots, large]);

  const claimedByOther = item.state === "claimed" && item.claimedById !== me.id;
  const mine = item.state === "claimed" && item.claimedById === me.id;
  const left = Date.parse(item.expiresAt) - now;

  async function answer(action: "dispatch" | "disregard") {
    if (!contactId) {
      setFailure("Pick the contact who handled it.");
      return;
    }
    setPending(action);
    setFailure(null);
    try {
      const outcome = toOutcome(await answerVerificationAction({ id: item.id, action, contactId: Number(contactId) }));
      if (!outcome.ok) {
        setFailure(outcome.fieldErrors.contactId ?? outcome.failure.message);
        toast.error(outcome.failure.message);
        props.onIntent(null);
        return;
      }
      const data = outcome.data;
      if (data?.outcome === "expired") {
        toast.error(data.message, { duration: 10_000 });
        props.onAnswered(item.id);
        return;
      }
      toast.success(action === "dispatch" ? "Dispatched. CHeKT recorded the answer." : "Disregarded. CHeKT recorded the answer.");
      props.onAnswered(item.id);
    } catch {
      setFailure("We could not reach the server. Nothing was recorded; try again.");
    } finally {
      setPending(null);
    }
  }

  async function release() {
    const outcome = toOutcome(await releaseVerification({ id: item.id }).catch(() => undefined));
    if (!outcome.ok) toast.error(outcome.failure.message);
  }

  return (
    <>
      <Dialog
        open
        onClose={props.onClose}
        size="lg"
        dismissible={!pending}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {item.siteName ?? `Site ${item.siteId}`}
            <span className={left < 60_000 ? "font-mono text-red-600" : "font-mono text-slate-700"} data-testid="detail-countdown">
              {countdown(left)}
            </span>
          </span>
        }
        description={item.description ?? "Alarm"}
        footer={
          canAnswer ? (
            <>
              {mine ? (
                <Button variant="ghost" onClick={() => void release()} disabled={!!pending}>
                  Release claim
                </Button>
              ) : null}
              {!mine && !claimedByOther ? (
                <Button variant="secondary" onClick={() => void props.onClaim()} pending={props.claiming} pendingText="Claiming…">
                  Claim (c)
                </Button>
              ) : null}
              <Button variant="secondary" disabled={claimedByOther || !!pending} pending={pending === "disregard"} pendingText="Sending…" onClick={() => void answer("disregard")}>
                Disregard
              </Button>
              <Button variant="danger" disabled={claimedByOther || !!pending} onClick={() => props.onIntent("dispatch")}>
                Dispatch…
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={props.onClose}>
              Close
            </Button>
          )
        }
      >
        <div className="space-y-4">
          {claimedByOther ? <Alert tone="warning">Claimed by {item.claimedByName ?? "another operator"}. Only they can answer it now.</Alert> : null}
          {failure ? <Alert tone="danger">{failure}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-5">
            <div className="space-y-2 md:col-span-3">
              {large ? (
                <SnapshotImg key={large} id={large} alt="Snapshot, large" testId="snapshot-large" className="max-h-[45vh] min-h-40 w-full rounded bg-slate-900 object-contain" />
              ) : (
                <p className="rounded bg-slate-100 p-6 text-center text-sm text-slate-500">No snapshot yet; it appears here as soon as CHeKT sends it.</p>
              )}
              {item.snapshots.length > 1 ? (
                <div className="flex gap-2 overflow-x-auto">
                  {item.snapshots.map((s) => (
                    <button key={s.id} type="button" onClick={() => setLarge(s.id)} className={s.id === large ? "rounded ring-2 ring-indigo-500" : "rounded ring-1 ring-slate-200"}>
                      <SnapshotImg id={s.id} alt="Snapshot thumbnail" className="h-14 w-20 rounded object-cover" />
                    </button>
                  ))}
                </div>
              ) : null}
            </div>
            <div className="space-y-4 md:col-span-2">
              <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                <Field label="Site time">{siteTime(item.occurredAt, item.siteTimezone)}</Field>
                <Field label="Zone">{item.zoneNumber ?? "—"}</Field>
                <Field label="Device">{item.deviceId ?? "—"}</Field>
                <Field label="Location">{item.location ?? "—"}</Field>
                <Field label="Trigger">{item.trigger ? <Badge tone="info">{item.trigger}</Badge> : "—"}</Field>
                <Field label="Priority">{item.priority ?? "—"}</Field>
              </dl>
              {canAnswer ? (
                <Select
                  label="Contact who handled it"
                  value={contactId}
                  onChange={(e) => setContactId(e.target.value)}
                  disabled={contacts.isLoading || !!pending}
                  hint={contacts.isError ? (contacts.error as Error).message : item.contactId ? "CHeKT suggested the selected contact." : undefined}
                  options={[
                    { value: "", label: contacts.isLoading ? "Loading contacts…" : "Choose a contact" },
                    ...(contacts.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name}${c.phone ? ` · ${c.phone}` : ""}${c.id === item.contactId ? " (CHeKT's choice)" : ""}` })),
                    ...(item.contactId && contacts.isError ? [{ value: String(item.contactId), label: `Contact ${item.contactId} (CHeKT's choice)` }] : []),
                  ]}
                />
              ) : null}
            </div>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={intent === "dispatch"}
        onClose={() => props.onIntent(null)}
        onConfirm={() => answer("dispatch")}
        pending={pending === "dispatch"}
        destructive
        title="Dispatch responders?"
        description={`CHeKT will be told to dispatch for ${item.siteName ?? `site ${item.siteId}`}. This cannot be undone.`}
        confirmLabel="Dispatch"
      />
      <ConfirmDialog
        open={intent === "disregard"}
        onClose={() => props.onIntent(null)}
        onConfirm={() => answer("disregard")}
        pending={pending === "disregard"}
        title="Disregard this alarm?"
        description="CHeKT will record that no dispatch is needed."
        confirmLabel="Disregard"
      />
    </>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}
