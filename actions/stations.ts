"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { assertExternalIdFree, upsertMapping } from "@/lib/mappings";
import { createStation, deleteStation, getStation, listStations, updateStation } from "@/lib/chekt/api/stations";
import { createByExternalId } from "@/lib/create-by-external-id";
import { createStationSchema, stationIdSchema, updateStationSchema } from "@/lib/schemas/station";
import { stationBefore } from "@/lib/mirror/before";
import { readStationDto } from "@/lib/mirror/dto";
import { deleteByChektId } from "@/lib/delete-by-chekt-id";
import { mirrorStation } from "@/lib/mirror/write";

// Write-through (docs/mirror.md): CHeKT's answer lands in the mirror in the same transaction as
// the mapping and the audit row; a refusal throws before that, so nothing local changes.

export const createStationAction = dealerActionClient
  .metadata({ name: "stations.create", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(createStationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const station = await createByExternalId(ctx, {
      kind: "monitoring_station",
      body: parsedInput,
      create: () => createStation(ctx.scope, parsedInput, { traceId: ctx.traceId }),
      list: () => listStations(ctx.scope, { traceId: ctx.traceId }),
      chektId: (st) => st.monitoring_station_id,
      mirror: (tx, dealerLinkId, created) => mirrorStation(tx, dealerLinkId, created, { how: "write" }),
    });
    revalidatePath("/stations");
    return { monitoring_station_id: station.monitoring_station_id, name: station.name };
  });

export const updateStationAction = dealerActionClient
  .metadata({ name: "stations.update", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(updateStationSchema)
  .action(async ({ parsedInput: { monitoring_station_id: id, ...changes }, ctx }) => {
    if (changes.external_monitoring_station_id) {
      await assertExternalIdFree(
        prisma,
        ctx.scope.dealerLinkId,
        "monitoring_station",
        changes.external_monitoring_station_id,
        id,
      );
    }
    const before = await stationBefore(ctx.scope.dealerLinkId, id, () =>
      getStation(ctx.scope, id, { traceId: ctx.traceId }),
    );
    const station = await updateStation(ctx.scope, id, changes, { traceId: ctx.traceId });
    await ctx.commit(
      {
        chektId: id,
        externalId: station.external_monitoring_station_id,
        dealerLinkId: ctx.scope.dealerLinkId,
        before,
        after: station,
      },
      async (tx) => {
        await upsertMapping(tx, {
          dealerLinkId: ctx.scope.dealerLinkId,
          kind: "monitoring_station",
          chektId: id,
          externalId: station.external_monitoring_station_id,
        });
        await mirrorStation(tx, ctx.scope.dealerLinkId, station, { how: "write" });
      },
    );
    revalidatePath("/stations");
    return { monitoring_station_id: id, name: station.name };
  });

export const deleteStationAction = dealerActionClient
  .metadata({ name: "stations.delete", role: "operator", objectKind: "monitoring_station" })
  .inputSchema(stationIdSchema)
  .action(async ({ parsedInput: { monitoring_station_id: id }, ctx }) => {
    const deleted = await deleteByChektId(ctx, {
      mapping: "monitoring_station",
      mirror: "station",
      chektId: id,
      read: () => getStation(ctx.scope, id, { traceId: ctx.traceId }),
      remove: () => deleteStation(ctx.scope, id, { traceId: ctx.traceId }),
      fromMirror: readStationDto,
      externalId: (station) => station.external_monitoring_station_id,
    });
    revalidatePath("/stations");
    return { monitoring_station_id: id, name: deleted?.name ?? null };
  });
