import type { FastifyInstance } from "fastify";
import { body, type ControlBody } from "./control-body";
import { dealerDto } from "./dto";
import { SimError } from "./errors";
import { DEMO_PASSWORD } from "./seed";
import { newSecret, type Sim } from "./sim";
import type { Dealer, Store } from "./store";

type DealerBody = ControlBody<"dealer">;

/** A PEM the caller sent must parse as a public key, or the partner could never sign in with it. */
async function checkPublicKey(pem: string | undefined) {
  if (!pem) return;
  try {
    (await import("node:crypto")).createPublicKey(pem);
  } catch {
    throw new SimError(400, "validation_failed", "public_key_pem is not a PEM public key", "public_key_pem");
  }
}

/** The partner a new dealer connects to (by id or client_id), checked along with its external id; null = none. */
function dealerPartner(s: Store, b: DealerBody): number | null {
  const partnerId: number | null =
    b.partner_id ?? (b.client_id ? (s.partnersByClientId.get(b.client_id) ?? null) : null);
  if (b.client_id && partnerId === null)
    throw new SimError(404, "not_found", `partner ${b.client_id} not found`, "client_id");
  if (partnerId !== null && !s.partners.has(partnerId))
    throw new SimError(404, "not_found", `partner ${partnerId} not found`, "partner_id");
  if (partnerId !== null) {
    if (!b.external_dealer_id)
      throw new SimError(
        400,
        "validation_failed",
        "external_dealer_id is required to connect the dealer to a partner",
        "external_dealer_id",
      );
    if (s.dealerByExternal.has(partnerId, b.external_dealer_id))
      throw new SimError(
        409,
        "conflict",
        `external_dealer_id ${b.external_dealer_id} is already connected`,
        "external_dealer_id",
      );
  }
  return partnerId;
}

/** The dealer's admin user, who signs in to approve a partner's connection. */
function addDealerAdmin(s: Store, dealer: Dealer, b: DealerBody) {
  const email = (b.admin_email ?? `admin+${dealer.dealer_id}@dealer.example`).toLowerCase();
  if (s.users.has(email)) throw new SimError(409, "conflict", `user ${email} already exists`, "admin_email");
  s.users.set(email, {
    email,
    password: b.admin_password ?? DEMO_PASSWORD,
    dealer_id: dealer.dealer_id,
    role: "admin",
    name: `${b.company_name} admin`,
  });
  return { email, password: b.admin_password ?? DEMO_PASSWORD };
}

/** Partners (CHeKT's OAuth clients) and dealers, with a dealer's admin user. */
export function registerWorldRoutes(r: FastifyInstance, sim: Sim) {
  r.post("/_sim/partners", async (req, reply) => {
    const b = body(req, "partner");
    const s = sim.store;
    const clientId = b.client_id ?? `partner_${s.counters.partner + 1}_${newSecret("").slice(0, 8)}`;
    if (s.partnersByClientId.has(clientId))
      throw new SimError(409, "conflict", `client_id ${clientId} already exists`, "client_id");
    await checkPublicKey(b.public_key_pem);
    const secret = b.client_secret === null ? null : (b.client_secret ?? newSecret("cs_"));
    const id = s.next("partner");
    s.addPartner({
      id,
      name: b.name ?? `Partner ${id}`,
      client_id: clientId,
      client_secret: secret,
      public_key_pem: b.public_key_pem ?? null,
      redirect_uris: b.redirect_uris ?? [],
      created_at: new Date().toISOString(),
    });
    reply.code(201);
    return {
      id,
      name: b.name ?? `Partner ${id}`,
      client_id: clientId,
      client_secret: secret,
      has_public_key: Boolean(b.public_key_pem),
      redirect_uris: b.redirect_uris ?? [],
    };
  });

  r.post("/_sim/dealers", async (req, reply) => {
    const b = body(req, "dealer");
    const s = sim.store;
    const partnerId = dealerPartner(s, b);
    const dealer: Dealer = {
      dealer_id: s.next("dealer"),
      company_name: b.company_name,
      company_address1: null,
      company_address2: null,
      company_email: b.company_email ?? null,
      company_phone_number: null,
      created_at: new Date().toISOString(),
      links: {},
    };
    s.addDealer(dealer);
    if (partnerId !== null) s.linkDealer(dealer, partnerId, b.external_dealer_id!);
    const admin = addDealerAdmin(s, dealer, b);
    reply.code(201);
    return { ...dealerDto(dealer, partnerId), admin };
  });
}
