"use client";
import { Input } from "@/components/ui";
import { ActionFormLayout, objectFormLabels } from "@/components/forms/form-actions";
import { ObjectForm } from "@/components/forms/object-form";
import { createInputRun, editRun } from "@/components/forms/use-object-form";
import { FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import type { ActionForm } from "@/components/forms/use-action-form";
import type { FormMode } from "@/components/forms/form-values";
import { createStationAction, updateStationAction } from "@/actions/stations";
import { createStationSchema, stationChangesSchema, type StationText } from "@/lib/schemas/station";

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
  const run = props.mode === "create" ? createStation(props.initial) : editStation(props.initial, props.stationId);
  return <ObjectForm run={run} fields={(form) => <StationFields form={form} mode={props.mode} />} />;
}

function createStation(initial: StationFormValues) {
  return createInputRun(createStationAction, initial, STATION_ID, {
    schema: createStationSchema,
    successMessage: (d) => `Station “${d?.name}” created`,
    next: () => "/stations",
  });
}

function editStation(initial: StationFormValues, stationId: number) {
  return editRun(updateStationAction, initial, {
    schema: stationChangesSchema,
    toInput: (v) => ({ ...v, monitoring_station_id: stationId }),
    successMessage: (d) => `Station “${d?.name}” saved`,
    next: () => "/stations",
  });
}

function StationFields({ form, mode }: { form: ActionForm<StationFormValues>; mode: FormMode }) {
  const f = form.field;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-2xl"
      {...objectFormLabels(mode, "Create", "station")}
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
        hint="The receiver linecard that takes this station's signals."
      />
    </ActionFormLayout>
  );
}
