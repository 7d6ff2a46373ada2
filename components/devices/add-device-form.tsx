"use client";
// One device, checked by the same rules as a pasted row and sent as a job of one item, so it gets
// the paste's durable path (stored job, retries, per-item result) and lands on the same job page.
import { useRouter } from "next/navigation";
import { Input, Select } from "@/components/ui";
import { ActionFormLayout, objectFormLabels } from "@/components/forms/form-actions";
import { FormExternalIdField, fillExternalId, type ExternalIdRule } from "@/components/forms/external-id-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { DEVICE_TYPES, FIELD_LABELS, type DeviceField } from "@/lib/bulk/fields";
import { MAX_LENGTH } from "@/lib/bulk/validate";
import { addDeviceFormSchema } from "@/lib/bulk/schemas";
import { MAC_FORMATS } from "@/lib/bulk/mac";
import { addDeviceJob } from "@/actions/devices";

type Values = Record<DeviceField, string>;
const EMPTY: Values = {
  external_device_id: "",
  device_type: "",
  name: "",
  zone_number: "",
  additional_zone_numbers: "",
  mac: "",
  manufacturer: "",
  model: "",
  serial_number: "",
};

const DEVICE_ID: ExternalIdRule<Values> = {
  field: "external_device_id",
  kind: "device",
  nameOf: (v) => v.name,
  maxLength: MAX_LENGTH.external_device_id,
};

export function AddDeviceForm({ siteId }: { siteId: number }) {
  const router = useRouter();
  const form = useActionForm({
    initial: EMPTY,
    action: addDeviceJob,
    schema: addDeviceFormSchema,
    prepare: fillExternalId(DEVICE_ID),
    toInput: (v: Partial<Values>) => ({ ...v, siteId }),
    successMessage: "Device queued for CHeKT",
    onSuccess: (data) => {
      if (data) router.push(`/sites/${siteId}/devices/jobs/${data.jobId}`);
    },
  });
  const f = form.field;
  const text = (
    field: DeviceField,
    extra: { required?: boolean; hint?: string; placeholder?: string; inputMode?: "numeric" } = {},
  ) => <Input label={FIELD_LABELS[field]} {...f(field)} maxLength={MAX_LENGTH[field]} autoComplete="off" {...extra} />;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-3xl"
      {...objectFormLabels("create", "Add", "device")}
      cancelHref={`/sites/${siteId}/devices`}
    >
      <FormExternalIdField form={form} rule={DEVICE_ID} create />
      <Select
        label={FIELD_LABELS.device_type}
        required
        {...f("device_type")}
        placeholder="Choose…"
        options={DEVICE_TYPES}
      />
      {text("name", { required: true })}
      {text("zone_number", { inputMode: "numeric", hint: "Digits only." })}
      {text("additional_zone_numbers", { hint: "Zone numbers separated by commas, e.g. 2,3,4." })}
      {text("mac", {
        placeholder: "AA:BB:CC:DD:EE:FF",
        hint: `Any of ${MAC_FORMATS}; sent as AA:BB:CC:DD:EE:FF.`,
      })}
      {text("manufacturer")}
      {text("model")}
      {text("serial_number")}
    </ActionFormLayout>
  );
}
