// Site readiness: what a site needs before an alarm, each check with the form that fixes it.
// Pure: the facts come from one SQL query (lib/readiness/query.ts); the rules are here.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DEFAULT_PHONE_COUNTRY } from "@/lib/schemas/fields";
import { countText } from "@/lib/count-text";
import { minutesText } from "@/lib/duration-text";
import { fromKeys, keysOf } from "@/lib/keys-of";
import { plural } from "@/lib/plural";
import { securityTypeLabel } from "@/lib/schemas/arming";
import { siteRef } from "@/lib/site-label";

/** Each check: the rule that judges it (below) and its label. A site's checks come out in this order. */
const CHECKS = {
  mobile_contact: { rule: mobileContact, label: "At least one contact with a mobile phone" },
  station_account: { rule: stationAccount, label: "Monitoring station and account number set" },
  account_unique: { rule: accountUnique, label: "Account number unique on its station" },
  arming_hardware: { rule: armingHardware, label: "Arming type matches the hardware" },
  camera: { rule: camera, label: "At least one camera" },
  devices_online: { rule: devicesOnline, label: "No device offline longer than the threshold" },
  activated: { rule: activated, label: "Site activated" },
} satisfies Record<string, { rule: Rule; label: string }>;
export type ReadinessCheck = keyof typeof CHECKS;
export const READINESS_CHECK_KEYS: ReadinessCheck[] = keysOf(CHECKS);
/** Each check's label. */
export const READINESS_CHECKS = fromKeys(READINESS_CHECK_KEYS, (check) => CHECKS[check].label);

/** What the query knows about one site. */
export type SiteFacts = {
  siteId: number;
  name: string;
  isActivated: boolean;
  stationId: number | null;
  accountNumber: string | null;
  /** Other live sites of this dealer with the same station and account number. */
  sameAccount: { siteId: number; name: string }[];
  phones: string[];
  /** CHeKT's has_physical_bridge (null: not read yet) or a bridge device on the site. */
  hasBridge: boolean | null;
  securityType: number | null;
  cameras: number;
  offlineLong: number;
};

export type CheckResult = {
  check: ReadinessCheck;
  label: string;
  ok: boolean;
  detail: string;
  fixHref: string;
  fixLabel: string;
};
export type Readiness = { siteId: number; ready: boolean; checks: CheckResult[]; failing: ReadinessCheck[] };

/**
 * Whether a number can take an SMS. libphonenumber's full metadata tells mobile from fixed line
 * for most countries. MOBILE and FIXED_LINE_OR_MOBILE (the US and Canada cannot be told apart)
 * count as mobile; so does a number whose type it cannot tell (unassigned or test ranges such as
 * 555): CHeKT will still try the SMS, and failing such a site would be a guess. Only a number it
 * positively knows to be something else (fixed line, toll free, premium rate, …) fails.
 */
export function canTakeSms(phone: string): boolean {
  const parsed = parsePhoneNumberFromString(phone, DEFAULT_PHONE_COUNTRY);
  if (!parsed) return false;
  const type = parsed.getType();
  return type === undefined || type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE";
}

/** Arming types 1 and 2 (alarm panel with a primary / individual bridge) need a bridge. */
export function armingNeedsBridge(securityType: number): boolean {
  return securityType === 1 || securityType === 2;
}

/** What one rule says about a site; its check names the label. */
type Verdict = Omit<CheckResult, "check" | "label">;
type Rule = (f: SiteFacts, site: string, thresholdMin: number) => Verdict;

function mobileContact(f: SiteFacts, site: string): Verdict {
  const mobiles = f.phones.filter(canTakeSms).length;
  return {
    ok: mobiles > 0,
    detail:
      mobiles > 0
        ? `${countText(mobiles)} ${plural(mobiles, "contact")} with a mobile number`
        : f.phones.length
          ? "The contacts' numbers are all fixed lines"
          : "No contact has a phone number",
    fixHref: `${site}/contacts/new`,
    fixLabel: "Add a contact",
  };
}

function stationAccount(f: SiteFacts, site: string): Verdict {
  return {
    ok: f.stationId !== null && Boolean(f.accountNumber),
    detail:
      f.stationId === null
        ? "No monitoring station"
        : !f.accountNumber
          ? "No account number"
          : `Account ${f.accountNumber}`,
    fixHref: `${site}/edit`,
    fixLabel: "Edit the site",
  };
}

function accountUnique(f: SiteFacts, site: string): Verdict {
  return {
    ok: f.sameAccount.length === 0,
    detail:
      f.sameAccount.length === 0
        ? f.accountNumber && f.stationId !== null
          ? "No other site uses it on this station"
          : "Nothing to compare until both are set"
        : `Also used by ${f.sameAccount.map((o) => siteRef(o.siteId, o.name)).join(", ")}`,
    fixHref: `${site}/edit`,
    fixLabel: "Change the account number",
  };
}

function armingHardware(f: SiteFacts, site: string): Verdict {
  return {
    ok: f.securityType !== null && (!armingNeedsBridge(f.securityType) || f.hasBridge === true),
    detail:
      f.securityType === null
        ? "Arming type not read from CHeKT yet"
        : armingNeedsBridge(f.securityType) && f.hasBridge !== true
          ? `"${securityTypeLabel(f.securityType)}" needs a bridge, and ` +
            (f.hasBridge === null ? "none is known" : "the site has none")
          : securityTypeLabel(f.securityType),
    fixHref: `${site}/arming`,
    fixLabel: "Change the arming type",
  };
}

function camera(f: SiteFacts, site: string): Verdict {
  return {
    ok: f.cameras > 0,
    detail: f.cameras > 0 ? `${countText(f.cameras)} ${plural(f.cameras, "camera")}` : "No camera",
    fixHref: `${site}/devices`,
    fixLabel: "Add a camera",
  };
}

function devicesOnline(f: SiteFacts, _site: string, thresholdMin: number): Verdict {
  return {
    ok: f.offlineLong === 0,
    detail:
      f.offlineLong === 0
        ? "None"
        : `${countText(f.offlineLong)} ${plural(f.offlineLong, "device")} offline longer than ` +
          minutesText(thresholdMin),
    fixHref: `/fleet?site=${f.siteId}&offlineFor=${thresholdMin}`,
    fixLabel: "See the devices",
  };
}

function activated(f: SiteFacts, site: string): Verdict {
  return {
    ok: f.isActivated,
    detail: f.isActivated ? "Monitored" : "Not activated: CHeKT does not monitor it",
    fixHref: site,
    fixLabel: "Activate it on the site page",
  };
}

export function readinessOf(f: SiteFacts, thresholdMin: number): Readiness {
  const site = `/sites/${f.siteId}`;
  const checks: CheckResult[] = READINESS_CHECK_KEYS.map((check) => {
    const { rule, label } = CHECKS[check];
    const { ok, detail, fixHref, fixLabel } = rule(f, site, thresholdMin);
    return { check, label, ok, detail, fixHref, fixLabel };
  });
  const failing = checks.filter((c) => !c.ok).map((c) => c.check);
  return { siteId: f.siteId, ready: failing.length === 0, checks, failing };
}
