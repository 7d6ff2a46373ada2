// The device gateway narrows CHeKT's answers by schema instead of casting (lib/chekt/api/devices.ts):
// a draft API's string IDs and odd fields are read, a create row without type or name is never sent.
import { describe, expect, it } from "vitest";
import { deviceApi, toDevice } from "../../lib/chekt/api/devices";
import type { ChektClient } from "../../lib/chekt/client";

describe("device reader", () => {
  it("reads string IDs, `id` for `device_id`, and drops a field of the wrong type instead of the device", () => {
    expect(toDevice({ id: "42", external_device_id: 7, name: 5, mac: "AA:BB", extra: true })).toEqual({
      device_id: 42,
      external_device_id: "7",
      name: undefined,
      mac: "AA:BB",
      extra: true,
    });
    expect(toDevice({ device_id: "12", external_device_id: "cam-1" })?.device_id).toBe(12);
  });

  it("gives nothing for an answer that is not a device", () => {
    expect(toDevice(null)).toBeUndefined();
    expect(toDevice("device")).toBeUndefined();
    expect(toDevice({ name: "no id" })).toBeUndefined();
    expect(toDevice({ device_id: "dev_4" })).toBeUndefined();
  });

  it("refuses a create row without type or name before sending, and keeps the results in request order", async () => {
    const sent: unknown[] = [];
    const fake = {
      post: async (_path: string, init: { body: unknown[] }) => {
        sent.push(...init.body);
        // CHeKT's answer: one bulk result per item sent, IDs as strings, one item refused.
        const results = init.body.map((_, i) =>
          i === 0
            ? { is_successful: 1, res: { device_id: "9", external_device_id: "a" } }
            : { is_successful: false, status_code: "409", error_message: ["duplicate"] },
        );
        return { data: { results }, traceId: "t-1", attempts: 1 };
      },
    };
    // Only `post` is reached by create(); the rest of the client is not needed for this path.
    const api = deviceApi(fake as unknown as ChektClient);
    const out = await api.create(
      1,
      2,
      [
        { external_device_id: "a", device_type: "camera", name: "A" },
        { external_device_id: "b", name: "no type" },
        { external_device_id: "c", device_type: "bridge", name: "C" },
      ],
      { idempotencyKey: "k" },
    );
    expect(sent).toHaveLength(2);
    expect(out.traceId).toBe("t-1");
    expect(out.results).toEqual([
      { ok: true, device: { device_id: 9, external_device_id: "a" } },
      { ok: false, statusCode: 400, message: "Type and name are required to create a device" },
      { ok: false, statusCode: 409, message: "duplicate" },
    ]);
  });

  it("reports an item CHeKT left out of its answer as an error, not a success", async () => {
    const fake = { post: async () => ({ data: { results: [] }, traceId: "t", attempts: 1 }) };
    const out = await deviceApi(fake as unknown as ChektClient).remove(1, 2, [5], { idempotencyKey: "k" });
    expect(out.results).toEqual([
      { ok: false, statusCode: 502, message: "CHeKT answered without a result for this item" },
    ]);
  });
});
