// One call for an integration file's SimWorld (sim-world.ts): started in its beforeAll (with Acme's link and
// its members when `members` is given), closed in its afterAll, and read through getters, so the files neither
// declare the world's parts themselves nor repeat the same hooks. Like desk-file.ts for the desk files.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { session, type TestUser } from "./session";
import type { TestSimulatorOptions } from "./simulator";
import { actAsDealer, clearSimFaults, closeSimWorld, simFault, startSimWorld, type SimWorld } from "./sim-world";

type Member = Parameters<typeof actAsDealer>[1][number];

export type SimFileOptions = {
  /** Made members of Acme's link, which becomes the request's current dealer (`actAsDealer`). */
  members?: Member[];
  /** The signed-in user at the start of every test. */
  user?: TestUser;
  /** The file injects faults: every test starts with none. */
  faults?: boolean;
  sim?: TestSimulatorOptions;
};

export type SimFile = SimWorld & {
  /** Acme's dealer link (only when `members` was given). */
  readonly linkId: string;
  /** Injects a fault on the simulator (its control API; a refusal fails the test). */
  fault(body: Record<string, unknown>): Promise<unknown>;
};

/** Registers the file's beforeAll (`startSimWorld(dbPrefix)`), beforeEach and afterAll; a part read early throws. */
export function simFile(dbPrefix: string, opts: SimFileOptions = {}): SimFile {
  let world: SimWorld | undefined;
  let linkId: string | undefined;
  beforeAll(async () => {
    world = await startSimWorld(dbPrefix, opts.sim);
    if (opts.members) linkId = await actAsDealer(world.prisma, opts.members);
  }, 120_000);
  afterAll(() => closeSimWorld(world));
  beforeEach(async () => {
    if (opts.user) session.user = opts.user;
    if (opts.faults) await clearSimFaults(started().sim.url);
  });
  const started = (): SimWorld => {
    if (!world) throw new Error("the sim world is read before its beforeAll started it");
    return world;
  };
  return {
    get db() {
      return started().db;
    },
    get sim() {
      return started().sim;
    },
    get prisma() {
      return started().prisma;
    },
    get linkId() {
      if (linkId === undefined) throw new Error("no dealer link: simFile was given no members");
      return linkId;
    },
    fault: (body) => simFault(started().sim.url, body),
  };
}
