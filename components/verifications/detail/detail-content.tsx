"use client";
import { LoadError } from "@/components/verifications/shared/load-error";
import { SnapshotViewer } from "@/components/verifications/snapshots/snapshot-viewer";
import { DetailSideColumn, type DetailContentProps } from "./detail-side-column";
import { DetailSiteNotes } from "./detail-site-notes";

/**
 * What the operator reads to decide: the snapshots beside the site, call list, facts and the
 * answer's contact; then, once the detail (use-desk-detail.ts) has loaded, directions and history.
 * A failed read says why, with "Try again".
 */
export function DetailContent(props: DetailContentProps) {
  const { item, detail, canAnswer } = props;
  return (
    <>
      <div className="grid gap-4 md:grid-cols-5">
        <div className="space-y-2 md:col-span-3">
          <SnapshotViewer item={item} />
        </div>
        <DetailSideColumn {...props} />
      </div>
      {detail.isError ? (
        <LoadError
          tone="warning"
          error={detail.error}
          retrying={detail.isFetching}
          onRetry={() => void detail.refetch()}
        />
      ) : null}
      {detail.data ? (
        <DetailSiteNotes
          detail={detail.data}
          verificationId={item.id}
          canEdit={canAnswer}
          onChanged={() => void detail.refetch()}
        />
      ) : null}
    </>
  );
}
