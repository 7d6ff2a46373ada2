import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import type { FreshnessProps } from "@/components/mirror/freshness";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { PageHeader, type PageHeaderProps } from "@/components/ui/page-header";
import { refuseNotFound, requirePageScope, type DealerBound, type DealerScope } from "@/lib/auth/require";
import { freshnessFor } from "@/lib/mirror/view";
import { isChektIdText } from "@/lib/schemas/fields";
import type { Role } from "@/lib/roles";

/**
 * A dealer-scoped page: the role check, its header, then `body` — or, when the user has no dealer
 * connected yet, the header over the no-dealer state. `header` may depend on who is looking (an
 * action only an admin sees).
 */
export async function dealerPage(
  role: Role,
  header: PageHeaderProps | ((scope: DealerScope) => PageHeaderProps),
  body: (scope: DealerBound) => Promise<ReactNode> | ReactNode,
): Promise<ReactNode> {
  const scope = await requirePageScope(role);
  const head = <PageHeader {...(typeof header === "function" ? header(scope) : header)} />;
  if (!scope.dealer) return <NoDealerPage header={head} />;
  return (
    <>
      {head}
      {await body({ user: scope.user, dealer: scope.dealer })}
    </>
  );
}

/** The CHeKT id a URL segment names (isChektIdText: 1 to MAX_CHEKT_ID), or else the 404 page. */
export function chektIdOr404(param: string): number {
  const id = param.trim();
  if (!isChektIdText(id)) notFound();
  return Number(id);
}

/**
 * A dealer-scoped page about the object whose CHeKT id is in its URL (a site, a station): the role
 * check, then the id (chektIdOr404), then `body` with the dealer and the id; with no dealer
 * connected yet, a header titled `title` over the no-dealer state. `body` draws its own header,
 * since that names the object it finds (mirroredOr404).
 */
export async function dealerObjectPage(
  role: Role,
  title: string,
  idParam: string,
  body: (scope: DealerBound, id: number) => Promise<ReactNode>,
): Promise<ReactNode> {
  const scope = await requirePageScope(role);
  const id = chektIdOr404(idParam);
  if (!scope.dealer) return <NoDealerPage header={<PageHeader title={title} />} />;
  return body({ user: scope.user, dealer: scope.dealer }, id);
}

/** A mirror row as a page reads it: CHeKT's answer and when the mirror last heard of it. */
type MirrorRow = { dto: unknown; confirmedAt: Date; changedAt: Date | null; goneAt: Date | null };

/**
 * The site or station a page's URL names, from this dealer's mirror (no CHeKT call): the row,
 * CHeKT's answer read with zod (`readDto`), and how fresh it is. Not in the mirror, or a copy that
 * cannot be read → the 404 with a refusal audit row, so another dealer's object looks exactly like
 * one that does not exist.
 */
export async function mirroredOr404<R extends MirrorRow, D>(
  scope: DealerBound,
  kind: "site" | "station",
  chektId: number,
  row: R | null,
  readDto: (dto: unknown) => D | null,
): Promise<{ row: R; dto: D; fresh: FreshnessProps }> {
  const dto = row ? readDto(row.dto) : null;
  // Refused under the kind the station actions' rows are filed under (lib/audit-kinds.ts).
  if (!row || !dto) return refuseNotFound(scope, kind === "station" ? "monitoring_station" : kind, chektId);
  return { row, dto, fresh: freshnessFor(scope.dealer.id, [{ kind, chektId }], row) };
}
