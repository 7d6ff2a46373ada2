// A device bulk job of the operator's on one site, inserted and run to its end through the app's own
// runner and CHeKT client, as the device grid's creates, edits and deletes are.
import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { NewItem } from "@/lib/bulk/jobs";
import { OPERATOR } from "./sim-world";

export async function runOperatorJob(
  prisma: PrismaClient,
  dealerLinkId: string,
  chektSiteId: number,
  kind: "create" | "update" | "delete",
  items: NewItem[],
): Promise<string> {
  const { insertBulkJob } = await import("@/lib/bulk/jobs");
  const { runBulkJob } = await import("@/lib/jobs/bulk-runner");
  const { appDeviceApi } = await import("@/lib/chekt/api/device-client");
  const user = { id: OPERATOR.id, email: OPERATOR.email };
  const job = await prisma.$transaction((tx) => insertBulkJob(tx, { dealerLinkId, chektSiteId, kind, items, user }));
  expect(await runBulkJob(job.id, { db: prisma, api: appDeviceApi(), maxBulk: 3 })).toBe("finished");
  return job.id;
}
