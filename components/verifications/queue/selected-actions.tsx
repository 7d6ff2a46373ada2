"use client";
import { Button } from "@/components/ui";
import { ANSWER_ACTIONS } from "@/lib/verifications/answer-actions";
import type { QueueItem } from "@/lib/verifications/types";
import { AnswerButton } from "@/components/verifications/shared/answer-button";
import { ClaimButton } from "@/components/verifications/shared/claim-button";
import type { QueueWork } from "./use-queue-work";
import { siteLabel } from "@/lib/site-label";

/**
 * The selected row's actions, in a toolbar outside the listbox (options hold no controls). It sticks
 * just below the shell's sticky header (components/shell/shell-header.tsx, h-16), not under it; the
 * rows keep a scroll margin of both (queue-row.tsx), so a row scrolled to is never hidden behind them.
 */
export function SelectedActions(props: { item: QueueItem; work: QueueWork; canAnswer: boolean; canTakeOver: boolean }) {
  const { item, work } = props;
  const site = siteLabel(item.siteId, item.siteName);
  const claimedByOther = item.state === "claimed" && !item.claimedByMe;
  return (
    <div
      role="toolbar"
      aria-label={`Actions for ${site}`}
      data-testid="queue-actions"
      className={
        "sticky top-16 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 " +
        "bg-white/95 p-2 shadow-sm backdrop-blur"
      }
    >
      {/* On a phone the name has the row to itself and wraps (cut to one line it lost most of a long name); on a
          laptop one line, the row itself below naming the site in full. */}
      <span className="mr-auto text-sm text-slate-800 max-md:w-full max-md:[overflow-wrap:anywhere] md:truncate">
        Selected: <strong>{site}</strong>
        {claimedByOther ? (
          <span className="ml-2 text-amber-800">· claimed by {item.claimedByName ?? "another operator"}</span>
        ) : null}
      </span>
      <Button size="sm" variant="secondary" onClick={() => work.open(item)}>
        Open
      </Button>
      {props.canAnswer ? (
        <>
          <ClaimButton
            compact
            item={item}
            canTakeOver={props.canTakeOver}
            pending={work.claiming === item.id}
            onClaim={(takeOver) => work.claim(item, takeOver)}
          />
          {ANSWER_ACTIONS.map((a) => (
            <AnswerButton key={a} action={a} size="sm" disabled={claimedByOther} onClick={() => work.answer(item, a)} />
          ))}
        </>
      ) : null}
    </div>
  );
}
