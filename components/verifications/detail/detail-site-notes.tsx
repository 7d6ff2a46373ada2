"use client";
import type { DeskDetail } from "@/lib/verifications/types";
import { Directions, History } from "./dispatch-info";

/**
 * What the desk keeps beside CHeKT's data, side by side under the snapshots: the site's directions
 * and the alarm's history with its notes, both editable by those who answer. `onChanged` reloads the
 * detail after a save.
 */
export function DetailSiteNotes(props: {
  detail: DeskDetail;
  verificationId: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { detail, canEdit, onChanged } = props;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Directions key={detail.directions?.updatedAt ?? "none"} detail={detail} canEdit={canEdit} onSaved={onChanged} />
      <History detail={detail} verificationId={props.verificationId} canNote={canEdit} onNoted={onChanged} />
    </div>
  );
}
