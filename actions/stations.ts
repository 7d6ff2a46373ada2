"use server";
import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { assertExternalIdFree, deleteMapping, upsertMapping } from "@/lib/mappings";
import { createStation, deleteStation, getStation, listStations, updateStation } from "@/lib/chekt/api/stations";
import { createByExternalId } from "@/lib/create-by-external-id";
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
    const station = await createByExternalId(ctx, {
      kind: "monitoring_station",
      body: parsedInput,
      field: "external_monitoring_station_id",
      create: () => createStation(scope, parsedInput, { traceId: ctx.traceId }),
      async find() {
        const all = await listStations(scope, { traceId: ctx.traceId });
        const id = parsedInput.external_monitoring_station_id;
        return all.find((st) => st.external_monitoring_station_id === id) ?? null;
      },
      chektId: (st) => st.monitoring_station_id,
      mirror: (tx, dealerLinkId, created) => mirrorStation(tx, dealerLinkId, created, { how: "write" }),
    });
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
