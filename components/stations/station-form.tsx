"use client";
import { Input } from "@/components/ui";
import { ActionFormLayout } from "@/components/forms/form-actions";
import { useObjectForm } from "@/components/forms/use-object-form";
import { fillExternalId, FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import type { ActionForm } from "@/components/forms/use-action-form";
import { createStationAction, updateStationAction } from "@/actions/stations";
import { createStationSchema, EMPTY_STATION, stationChangesSchema, type StationText } from "@/lib/schemas/station";

export type StationFormValues = StationText;
const STATION_ID: ExternalIdRule<StationFormValues> = {
  field: "external_monitoring_station_id",
  kind: "station",
  nameOf: (v) => v.name,
};

export type StationFormProps = { initial: StationFormValues } & (
  { mode: "create" } | { mode: "update"; stationId: number }
);

/** Create or edit a station; each mode runs its own action (imported here) with its own input type. */
export function StationForm(props: StationFormProps) {
  return props.mode === "create" ? (
    <CreateStationForm initial={props.initial} />
  ) : (
    <EditStationForm initial={props.initial} stationId={props.stationId} />
  );
}

function CreateStationForm({ initial }: { initial: StationFormValues }) {
  const form = useObjectForm(initial, {
    mode: "create",
    schema: createStationSchema,
    prepare: fillExternalId(STATION_ID),
    action: createStationAction,
    toInput: (v) => ({ ...EMPTY_STATION, ...v }),
    successMessage: (d) => `Station “${d?.name}” created`,
    next: () => "/stations",
  });
  return <StationFields form={form} mode="create" />;
}

function EditStationForm({ initial, stationId }: { initial: StationFormValues; stationId: number }) {
  const form = useObjectForm(initial, {
    mode: "update",
    schema: stationChangesSchema,
    action: updateStationAction,
    toInput: (v) => ({ ...v, monitoring_station_id: stationId }),
    successMessage: (d) => `Station “${d?.name}” saved`,
    next: () => "/stations",
  });
  return <StationFields form={form} mode="update" />;
}

function StationFields({ form, mode }: { form: ActionForm<StationFormValues>; mode: "create" | "update" }) {
  const f = form.field;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-2xl"
      submitLabel={mode === "create" ? "Create station" : "Save station"}
      pendingLabel="Saving…"
      cancelHref="/stations"
    >
      <Input label="Name" required {...f("name")} maxLength={120} placeholder="Central Station East" />
      <FormExternalIdField form={form} rule={STATION_ID} create={mode === "create"} />
      <Input
        label="Prefix"
        {...f("prefix")}
        maxLength={16}
        hint="Put in front of account numbers to tell this station's accounts apart."
      />
      <Input
        label="Linecard"
        {...f("linecard")}
        maxLength={32}
        hint="The receiver line card that takes this station's signals."
      />
    </ActionFormLayout>
  );
}
