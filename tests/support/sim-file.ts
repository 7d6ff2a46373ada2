// One call for an integration file's SimWorld (sim-world.ts) with Acme's dealer link as the request's dealer
// (file-world.ts: started in its beforeAll, closed in its afterAll, read through getters), and the per-test
// reset the files share. Like desk-file.ts for the desk files.
import type { ControlBody } from "@/simulator/control-body";
import { beforeEach } from "vitest";
import type { Fault } from "@/simulator/faults";
import { fileWorld } from "./file-world";
import { session, type TestUser } from "./session";
import type { TestSimulatorOptions } from "./simulator";
import { actAsDealer, clearSimFaults, closeSimWorld, simFault, startSimWorld, type SimWorld } from "./sim-world";

type Member = Parameters<typeof actAsDealer>[1][number];

export type SimFileOptions = {
  /** Made members of Acme's link (`actAsDealer`). */
  members?: Member[];
  /** The signed-in user at the start of every test. */
  user?: TestUser;
  /** The file injects faults: every test starts with none. */
  faults?: boolean;
  sim?: TestSimulatorOptions;
};

export type SimFile = SimWorld & {
  /** Acme's dealer link, connected and chosen as the request's current dealer. */
  linkId: string;
  /** Injects a fault on the simulator (its control API; a refusal fails the test). */
  fault(body: Record<string, unknown>): Promise<Fault>;
};

/** Registers the file's beforeAll (`startSimWorld(dbPrefix)`, Acme's link), beforeEach and afterAll. */
export function simFile(dbPrefix: string, opts: SimFileOptions = {}): SimFile {
  const start = async () => {
    const world = await startSimWorld(dbPrefix, opts.sim);
    try {
      return { ...world, linkId: await actAsDealer(world.prisma, opts.members ?? []) };
    } catch (error) {
      await closeSimWorld(world);
      throw error;
    }
  };
  const { parts, started } = fileWorld("sim world", start, closeSimWorld, ["db", "sim", "prisma", "linkId"]);
  beforeEach(async () => {
    if (opts.user) session.user = opts.user;
    if (opts.faults) await clearSimFaults(started().sim.url);
  });
  return Object.assign(parts, { fault: (body: ControlBody<"fault">) => simFault(started().sim.url, body) });
}
