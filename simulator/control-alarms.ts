import type { FastifyInstance } from "fastify";
import { body } from "./control-body";
import { pfx, v1Alarm } from "./dto";
import { SimError } from "./errors";
import type { Sim } from "./sim";

type IdRoute = { Params: { id: string } };

/** What happens at a site: alarms raised and resolved, their verifications, devices going on- and offline. */
export function registerAlarmRoutes(r: FastifyInstance, sim: Sim) {
  r.post("/_sim/alarms", async (req, reply) => {
    const b = body(req, "alarm");
    const out = sim.createAlarm(b);
    reply.code(201);
    return {
      alarm: v1Alarm(out.alarm, (snap) => sim.snapshotUrl(snap), sim.store),
      verification: out.verification,
      snapshot: { id: pfx.snapshot(out.snapshot.id), url: sim.snapshotUrl(out.snapshot) },
      events: out.events.map((e) => ({ id: e.id, type: e.type })),
    };
  });

  r.get<{ Querystring: { site_id?: string; open?: string } }>("/_sim/verifications", async (req) => {
    const site = req.query.site_id ? Number(req.query.site_id) : null;
    const now = Date.now();
    return [...sim.store.verifications.values()]
      .filter(
        (v) =>
          (site === null || v.site_id === site) &&
          (req.query.open !== "true" || (!v.answer && Date.parse(v.expires_at) > now)),
      )
      .slice(-500);
  });

  r.post<IdRoute>("/_sim/alarms/:id/resolve", async (req) => {
    const b = body(req, "resolve");
    const al = sim.store.alarms.get(Number(String(req.params.id).replace(/^alm_/, "")));
    if (!al) throw SimError.notFound(`alarm ${req.params.id}`);
    al.status = "resolved";
    al.updated_at = new Date().toISOString();
    const e = sim.deliverer.emit(al.dealer_id, {
      type: "alarm.resolved",
      data: { alarm_id: pfx.alarm(al.id), resolution: b.resolution ?? "handled", notes: b.notes ?? null },
    });
    return { alarm: v1Alarm(al, (snap) => sim.snapshotUrl(snap), sim.store), event: { id: e.id, type: e.type } };
  });

  r.post<IdRoute>("/_sim/devices/:id/status", async (req) => {
    const b = body(req, "status");
    const dev = sim.store.devices.get(Number(String(req.params.id).replace(/^dev_/, "")));
    if (!dev) throw new SimError(404, "device_not_found", `device ${req.params.id} not found`);
    const events = sim.setDeviceStatus(dev, b.status ?? dev.status, b.firmware);
    return {
      device_id: dev.device_id,
      status: dev.status,
      firmware: dev.firmware,
      events: events.map((e) => ({ id: e.id, type: e.type })),
    };
  });
}
