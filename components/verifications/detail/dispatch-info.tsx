"use client";
import { useState, type ComponentProps } from "react";
import { Phone } from "lucide-react";
import { Badge, Button, cn, DetailField, Textarea, textLinkClass, UtcTime, type TextareaProps } from "@/components/ui";
import { useUnsavedInDialog } from "@/components/ui/dialog";
import { StackedForm } from "@/components/forms/form-actions";
import { useActionForm, type ActionForm } from "@/components/forms/use-action-form";
import { addNoteAction, saveDirectionsAction } from "@/actions/verifications";
import { directionsSchema, DIRECTIONS_MAX, noteSchema, NOTE_MAX } from "@/lib/verifications/schemas";
import type { DeskDetail } from "@/lib/verifications/types";
import { siteTime } from "@/components/verifications/shared/format";
import { useDeskDealer } from "@/components/verifications/queue/desk-dealer";

// The detail view's dispatch information: where the site is and whom to call (site card, call
// list), how to get there (directions), and what happened so far (history + notes). Data comes
// from GET /api/live/verifications/[id]/detail (Postgres only).

export function SiteCard({ detail, siteId, now }: { detail: DeskDetail; siteId: number; now: number }) {
  const { site, station } = detail;
  if (!site)
    return (
      <p className="text-sm text-slate-700">
        Site {siteId} is not in this console&apos;s copy of CHeKT yet; its address and contacts appear after the next
        sync.
      </p>
    );
  return (
    <section aria-labelledby="desk-site" className="text-sm">
      <h3 id="desk-site" className="sr-only">
        Site
      </h3>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2" data-testid="desk-site">
        <DetailField label="Address" className="col-span-2">
          {site.address.length
            ? site.address.map((l) => (
                <span key={l} className="block">
                  {l}
                </span>
              ))
            : "—"}
        </DetailField>
        <DetailField label="Account number">
          <span className="font-mono">{site.accountNumber || "—"}</span>
        </DetailField>
        <DetailField label="Monitoring station">{station?.name ?? "—"}</DetailField>
        <DetailField label="Local time at the site" className="col-span-2" testId="desk-site-time">
          {siteTime(new Date(now).toISOString(), site.timezone)}
          {site.timezone ? <span className="text-slate-600"> ({site.timezone})</span> : null}
        </DetailField>
      </dl>
      {site.gone ? <p className="mt-2 text-xs text-amber-800">CHeKT no longer lists this site.</p> : null}
    </section>
  );
}

/**
 * Whom to call, in order. `contactBelow`: the answer's contact select follows, and for a site with no
 * contacts it says so with the link to add one; the list then leaves the words to it (said once, where
 * the way on is).
 */
export function CallList({ detail, contactBelow = false }: { detail: DeskDetail; contactBelow?: boolean }) {
  if (detail.callList.length === 0 && contactBelow) return null;
  return (
    <section aria-labelledby="desk-calls">
      <h3 id="desk-calls" className="mb-1 text-sm font-semibold text-slate-900">
        Call list
      </h3>
      {detail.callList.length === 0 ? (
        <p className="text-sm text-slate-700">This site has no contacts.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="call-list">
          {detail.callList.map((c, n) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="mr-1 text-slate-600">{n + 1}.</span>
                <span className="font-medium text-slate-900">{c.name}</span>
                {c.named ? (
                  <Badge tone="info" className="ml-2">
                    Named by CHeKT
                  </Badge>
                ) : null}
              </span>
              {c.phone ? (
                <a
                  href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}
                  className={cn(
                    "inline-flex items-center gap-1 rounded px-1 font-mono",
                    "focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600",
                    textLinkClass,
                  )}
                >
                  <Phone className="h-3 w-3" aria-hidden="true" />
                  {c.phone}
                </a>
              ) : (
                <span className="text-slate-600">no phone</span>
              )}
            </li>
          ))}
        </ol>
      )}
      {detail.namedContactMissing ? (
        <p className="mt-1 text-xs text-amber-800">CHeKT named a contact this console has not synced yet.</p>
      ) : null}
    </section>
  );
}

export function Directions({
  detail,
  canEdit,
  onSaved,
}: {
  detail: DeskDetail;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const siteId = detail.site?.id;

  return (
    <section aria-labelledby="desk-directions">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h3 id="desk-directions" className="text-sm font-semibold text-slate-900">
          Directions
        </h3>
        {canEdit && siteId !== undefined && !editing ? (
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
            {detail.directions ? "Edit directions" : "Add directions"}
          </Button>
        ) : null}
      </div>
      {editing && siteId !== undefined ? (
        <DirectionsForm
          siteId={siteId}
          text={detail.directions?.text ?? ""}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      ) : detail.directions ? (
        <div data-testid="desk-directions">
          <p className="whitespace-pre-wrap text-sm text-slate-900">{detail.directions.text}</p>
          <p className="mt-1 text-xs text-slate-600">
            By {detail.directions.updatedByName}, <UtcTime at={detail.directions.updatedAt} />
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">No directions written for this site yet.</p>
      )}
    </section>
  );
}

type TextFormProps = Omit<ComponentProps<typeof StackedForm>, "form" | "children"> & {
  form: ActionForm<{ text: string }>;
  /** The text box, as `submit` is the button: what it is called, its size, the schema's limit, what to write. */
  box: Pick<TextareaProps, "label" | "rows" | "maxLength" | "hint">;
};

/**
 * A desk form of one free-text box sent as `text`: the directions, a note. While it holds unsaved text,
 * Esc (or the close button) asks before closing the alarm's view rather than throwing the text away.
 */
function TextForm({ form, box, ...stacked }: TextFormProps) {
  useUnsavedInDialog(form.dirty);
  return (
    <StackedForm form={form} {...stacked}>
      <Textarea {...box} {...form.field("text")} />
    </StackedForm>
  );
}

/** Opened with the directions as they are now; an empty text removes them. */
function DirectionsForm(props: { siteId: number; text: string; onCancel(): void; onSaved(): void }) {
  const dealer = useDeskDealer();
  const form = useActionForm({
    initial: { text: props.text },
    schema: directionsSchema,
    action: saveDirectionsAction,
    toInput: (v) => ({ siteId: props.siteId, text: v.text ?? "", dealerLinkId: dealer.id }),
    successMessage: (_, sent) => (sent.text.trim() ? "Directions saved." : "Directions removed."),
    onSuccess: props.onSaved,
  });
  return (
    <TextForm
      form={form}
      className="space-y-2"
      submit={{ label: "Save directions", pendingLabel: "Saving…", size: "sm" }}
      extra={
        <Button size="sm" variant="ghost" onClick={props.onCancel} disabled={form.pending}>
          Cancel
        </Button>
      }
      box={{
        label: "Directions to the site",
        rows: 4,
        maxLength: DIRECTIONS_MAX,
        hint: "Gate codes, where to park, who has keys. Leave empty to remove.",
      }}
    />
  );
}

/** Events CHeKT sent about the alarm and the operators' notes, oldest first, with a note field. */
export function History({
  detail,
  verificationId,
  canNote,
  onNoted,
}: {
  detail: DeskDetail;
  verificationId: string;
  canNote: boolean;
  onNoted: () => void;
}) {
  const dealer = useDeskDealer();
  const form = useActionForm({
    initial: { text: "" },
    schema: noteSchema,
    action: addNoteAction,
    toInput: (v) => ({ id: verificationId, text: v.text ?? "", dealerLinkId: dealer.id }),
    // The note appearing in the history is the confirmation.
    successMessage: null,
    resetOnSuccess: true,
    onSuccess: onNoted,
  });
  const entries = [
    ...detail.history.map((e) => ({ key: `e:${e.id}`, at: e.at, who: "CHeKT", text: e.summary })),
    ...detail.notes.map((n) => ({ key: `n:${n.id}`, at: n.createdAt, who: n.authorName, text: n.text })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return (
    <section aria-labelledby="desk-history">
      <h3 id="desk-history" className="mb-1 text-sm font-semibold text-slate-900">
        History
      </h3>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing received yet.</p>
      ) : (
        <ol className="max-h-48 space-y-1 overflow-y-auto text-sm" data-testid="desk-history">
          {entries.map((e) => (
            <li key={e.key} className="flex gap-2">
              <UtcTime at={e.at} precision="second" className="shrink-0 font-mono text-xs leading-5 text-slate-600" />
              <span className="min-w-0 break-words text-slate-900">
                <span className="font-medium">{e.who}:</span> {e.text}
              </span>
            </li>
          ))}
        </ol>
      )}
      {canNote ? (
        <TextForm
          form={form}
          className="mt-2 space-y-2"
          submit={{ label: "Add note", pendingLabel: "Adding…", size: "sm", variant: "secondary" }}
          box={{
            label: "Note",
            rows: 2,
            maxLength: NOTE_MAX,
            hint: "Who you called and what they said; kept with this alarm.",
          }}
        />
      ) : null}
    </section>
  );
}
