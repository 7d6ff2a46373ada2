import type { ReactNode } from "react";
import Link from "next/link";
import { ChevronRight } from "lucide-react";

export type Crumb = { label: string; href?: string };

export type PageHeaderProps = {
  /** The page's <h1>. */
  title: ReactNode;
  /** One line under the title. */
  description?: ReactNode;
  /** Breadcrumbs above the title; the last one is the current page (no href). */
  breadcrumbs?: Crumb[];
  /** Buttons at the right (e.g. "New site"). */
  actions?: ReactNode;
};

/** Title row at the top of every console page. */
export function PageHeader({ title, description, breadcrumbs, actions }: PageHeaderProps) {
  return (
    <div className="mb-6">
      {breadcrumbs && breadcrumbs.length > 0 ? (
        <nav aria-label="Breadcrumb" className="mb-2">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-500">
            {breadcrumbs.map((c, i) => (
              <li key={`${c.label}-${i}`} className="flex items-center gap-1">
                {i > 0 ? <ChevronRight className="h-3.5 w-3.5" aria-hidden="true" /> : null}
                {c.href ? (
                  <Link
                    href={c.href}
                    className={
                      "rounded hover:text-slate-800 hover:underline focus-visible:outline " +
                      "focus-visible:outline-2 focus-visible:outline-indigo-600"
                    }
                  >
                    {c.label}
                  </Link>
                ) : (
                  <span aria-current="page" className="text-slate-700">
                    {c.label}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
