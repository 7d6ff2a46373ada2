// A CHeKT dealer of one test's own, made in the simulator (POST /_sim/dealers): a test that renames, empties or
// disconnects a dealer works on one, so no other test sees what it did. Connected to the demo partner (the
// console's CHEKT_CLIENT_ID) under a new external ID unless `connected` is false; connect our dealer link to it
// with connectDealerLink or actAsDealer and the seed it answers.
import { DEMO } from "@/simulator/seed";
import type { LinkSeed } from "./dealer-links";
import { simNewDealer } from "./sim-control";

/** How many dealers this module has made: the count keeps each one's external ID new. */
let made = 0;

export type FreshDealer = {
  /** Our dealer link's columns for it: its CHeKT dealer id, its external ID, its name. */
  seed: LinkSeed;
  /** The dealer's admin on CHeKT's approval page. */
  admin: { email: string; password: string };
};

export async function freshDealer(
  simUrl: string,
  companyName: string,
  { connected = true }: { connected?: boolean } = {},
): Promise<FreshDealer> {
  const externalDealerId = `fresh-dealer-${++made}`;
  const link = connected ? { client_id: DEMO.partner.clientId, external_dealer_id: externalDealerId } : {};
  const d = await simNewDealer(simUrl, {
    company_name: companyName,
    admin_email: `admin+${externalDealerId}@dealer.example`,
    ...link,
  });
  return { seed: { chektDealerId: d.dealer_id, externalDealerId, companyName }, admin: d.admin };
}
