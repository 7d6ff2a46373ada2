import type { HTMLAttributes, ReactNode, Ref } from "react";
import { cn } from "./cn";

export type CardProps = Omit<HTMLAttributes<HTMLElement>, "title"> & {
  /** Heading at the top of the card. */
  title?: ReactNode;
  /** Small text under the title. */
  description?: ReactNode;
  /** Buttons or links at the right of the title row. */
  actions?: ReactNode;
  /** Remove the body padding (for tables that run edge to edge). */
  flush?: boolean;
  /** The title's heading, focusable by script only: where a step of a flow puts the focus when it opens. */
  headingRef?: Ref<HTMLHeadingElement>;
};

/** A white panel with an optional title row. Renders a <section>. */
export function Card({
  title,
  description,
  actions,
  flush = false,
  headingRef,
  className,
  children,
  ...rest
}: CardProps) {
  return (
    <section className={cn("rounded-lg border border-slate-200 bg-white shadow-sm", className)} {...rest}>
      {title || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
          <div>
            {title ? (
              <h2
                ref={headingRef}
                tabIndex={headingRef ? -1 : undefined}
                className="text-base font-semibold text-slate-900"
              >
                {title}
              </h2>
            ) : null}
            {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      <div className={flush ? undefined : "px-5 py-4"}>{children}</div>
    </section>
  );
}
