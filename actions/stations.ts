"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { commitCreated } from "@/lib/actions/commit-created";
import { prisma } from "@/lib/db";
import { assertExternalIdFree, deleteMapping, upsertMapping, withExternalIdClaim } from "@/lib/mappings";
import { createStation, deleteStation, getStation, listStations, updateStation } from "@/lib/chekt/api/stations";
import { createOrRecognise } from "@/lib/lost-answer";
import { createStationSchema, stationIdSchema, updateStationSchema } from "@/lib/schemas/station";
import { stationBefore } from "@/lib/mirror/before";
import { forget, mirrorStation } from "@/lib/mirror/write";

// Write-through (docs/mirror.md): CHeKT's answer lands in the mirror in the same transaction as
// the mapping and the audit row; a refusal throws before that, so nothing local changes.

export const createStationAction = actionClient
  .metadata({ name: "stations.create", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(createStationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const scope = ctx.requireScope();
    const station = await withExternalIdClaim(
      scope.dealerLinkId,
      "monitoring_station",
      parsedInput.external_monitoring_station_id,
      async () => {
        await assertExternalIdFree(
          prisma,
          scope.dealerLinkId,
          "monitoring_station",
          parsedInput.external_monitoring_station_id,
        );
        // A resend after a lost answer meets its own first attempt (lib/lost-answer.ts).
        const result = await createOrRecognise(
          parsedInput,
          "external_monitoring_station_id",
          () => createStation(scope, parsedInput, { traceId: ctx.traceId }),
          async () => {
            const all = await listStations(scope, { traceId: ctx.traceId });
            return (
              all.find((st) => st.external_monitoring_station_id === parsedInput.external_monitoring_station_id) ?? null
            );
          },
        );
        const created = result.object;
        await commitCreated(
          ctx,
          result,
          {
            kind: "monitoring_station",
            chektId: created.monitoring_station_id,
            externalId: created.external_monitoring_station_id,
          },
          (tx, dealerLinkId) => mirrorStation(tx, dealerLinkId, created, { how: "write" }),
        );
        return created;
      },
    );
    revalidatePath("/stations");
    return { monitoring_station_id: station.monitoring_station_id, name: station.name };
  });

export const updateStationAction = actionClient
  .metadata({ name: "stations.update", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(updateStationSchema)
  .action(async ({ parsedInput: { monitoring_station_id: id, ...changes }, ctx }) => {
    const scope = ctx.requireScope();
    if (changes.external_monitoring_station_id) {
      await assertExternalIdFree(
        prisma,
        scope.dealerLinkId,
        "monitoring_station",
        changes.external_monitoring_station_id,
        id,
      );
    }
    const before = await stationBefore(scope.dealerLinkId, id, () => getStation(scope, id, { traceId: ctx.traceId }));
    const station = await updateStation(scope, id, changes, { traceId: ctx.traceId });
    await ctx.commit(
      {
        chektId: id,
        externalId: station.external_monitoring_station_id,
        dealerLinkId: scope.dealerLinkId,
        before,
        after: station,
      },
      async (tx) => {
        await upsertMapping(tx, {
          dealerLinkId: scope.dealerLinkId,
          kind: "monitoring_station",
          chektId: id,
          externalId: station.external_monitoring_station_id,
        });
        await mirrorStation(tx, scope.dealerLinkId, station, { how: "write" });
      },
    );
    revalidatePath("/stations");
    return { monitoring_station_id: id, name: station.name };
  });

export const deleteStationAction = actionClient
  .metadata({ name: "stations.delete", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(stationIdSchema)
  .action(async ({ parsedInput: { monitoring_station_id: id }, ctx }) => {
    const scope = ctx.requireScope();
    const before = await getStation(scope, id, { traceId: ctx.traceId });
    await deleteStation(scope, id, { traceId: ctx.traceId });
    await ctx.commit(
      { chektId: id, externalId: before.external_monitoring_station_id, dealerLinkId: scope.dealerLinkId, before },
      async (tx) => {
        await deleteMapping(tx, scope.dealerLinkId, "monitoring_station", id);
        await forget(tx, scope.dealerLinkId, "station", id);
      },
    );
    revalidatePath("/stations");
    return { monitoring_station_id: id, name: before.name };
  });
