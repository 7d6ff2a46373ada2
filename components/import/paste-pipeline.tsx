"use client";
// The one paste pipeline: paste or upload a sheet → match columns → review and fix every row in
// place → send as a durable job, then the job page. Devices (components/devices/paste-devices.tsx)
// and sites (import-sites.tsx) are configurations of it: a ColumnSpec, labels, a validator and a
// send. Everything up to the send runs in the browser; the kind's action checks again.
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui";
import { ColumnMatcher } from "./column-matcher";
import { PasteStep, type SheetBox } from "./paste-step";
import type { PipelineKind, PipelineText } from "./pipeline-types";
import { ReviewStep, type ReviewSend } from "./review-step";
import { usePastePipeline, type Step } from "./use-paste-pipeline";

export type { CheckedRow, PipelineKind, PipelineText } from "./pipeline-types";

type Props<F extends string> = SheetBox & ReviewSend<F> & { kind: PipelineKind<F>; text: PipelineText };

export function PastePipeline<F extends string>({ kind, text: words, send, pending, failure, ...sheetBox }: Props<F>) {
  const p = usePastePipeline(kind);
  const heading = useStepFocus(p.step);
  return (
    <div className="space-y-6">
      <StepList step={p.step} names={words.steps} />

      {p.step === "paste" ? <PasteStep headingRef={heading} words={words} sheet={p} {...sheetBox} /> : null}

      {p.step === "map" && p.parsed ? (
        <ColumnMatcher
          headingRef={heading}
          kind={kind}
          parsed={p.parsed}
          match={p}
          onBack={() => p.setStep("paste")}
          onNext={p.applyMap}
        />
      ) : null}

      {p.step === "review" ? (
        <ReviewStep
          headingRef={heading}
          kind={kind}
          words={words}
          review={p.review}
          fields={p.shownFields}
          onBack={() => p.setStep("map")}
          send={send}
          pending={pending}
          failure={failure}
        />
      ) : null}
    </div>
  );
}

const STEPS: Step[] = ["paste", "map", "review"];

/**
 * A step change takes the focus to the new step's heading (read out by screen readers), as the button
 * that made the change is gone with its step; the first step, on the page's load, takes nothing.
 */
function useStepFocus(step: Step) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);
  return heading;
}

/** The three steps, the current one marked for sight and for screen readers. */
function StepList({ step, names }: { step: Step; names: PipelineText["steps"] }) {
  return (
    <ol className="flex flex-wrap gap-2 text-sm" aria-label="Steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          aria-current={step === s ? "step" : undefined}
          className={cn(
            "rounded-full px-3 py-1",
            step === s ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-600",
          )}
        >
          {i + 1}. {names[i]}
        </li>
      ))}
    </ol>
  );
}
