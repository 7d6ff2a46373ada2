import Link from "next/link";
import { BellOff } from "lucide-react";
import { ago } from "@/lib/duration-text";
import { Badge, Card, Disclosure, EmptyState, UtcTime, textLinkClass, cn } from "@/components/ui";
import type { AlertView } from "@/lib/fleet/alerts-read";
import type { AlertMail } from "@/lib/fleet/mail-retry";

function OpenAlert({ a, now }: { a: AlertView; now: Date }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm" data-testid="open-alert">
      <div className="min-w-0">
        <Link href={`/fleet?site=${a.siteId}`} className={cn("font-medium", textLinkClass)}>
          {a.deviceName}
        </Link>
        <span className="text-slate-600">
          {" "}
          at {a.siteName} · offline {ago(a.offlineSince, now)}
        </span>
      </div>
      {/* Top-aligned: on a phone the mail's badge takes three lines, and "Offline" keeps its own height. */}
      <div className="flex min-w-0 items-start gap-2">
        <Badge tone="danger">Offline</Badge>
        {a.mail?.state === "mailed" ? (
          <Badge tone="info">{a.mail.text}</Badge>
        ) : a.mail ? (
          <MailFailure mail={a.mail} />
        ) : null}
      </div>
    </li>
  );
}

/**
 * A mail not sent: the badge keeps to one line, so a reason it cuts short is one tap away, as text that
 * touch and keyboard users reach too (a tooltip would only show on hover).
 */
function MailFailure({ mail }: { mail: Extract<AlertMail, { reason: string }> }) {
  return (
    <div className="min-w-0">
      <Badge tone={mail.state === "waiting" ? "neutral" : "warning"}>{mail.text}</Badge>
      {mail.text.includes(mail.reason) ? null : (
        <Disclosure summary="The whole error" className="mt-1">
          <p className="mt-1 text-xs text-slate-700 [overflow-wrap:anywhere]" data-testid="mail-error">
            {mail.reason}
          </p>
        </Disclosure>
      )}
    </div>
  );
}

/** The devices offline longer than the threshold now, each linking to its site's devices. */
export function OpenAlertsCard({ open, now }: { open: AlertView[]; now: Date }) {
  return (
    <Card title={`Open (${open.length})`} flush>
      {open.length === 0 ? (
        <EmptyState
          icon={<BellOff className="h-8 w-8" />}
          title="No device is offline too long"
          description="Open alerts show here."
        />
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="open-alerts">
          {open.map((a) => (
            <OpenAlert key={a.id} a={a} now={now} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Alerts cleared this week: when the device went offline and how long ago it came back. */
export function ClearedAlertsCard({ cleared, now }: { cleared: AlertView[]; now: Date }) {
  if (!cleared.length) return null;
  return (
    <Card title="Cleared in the last 7 days" className="mt-6" flush>
      <ul className="divide-y divide-slate-100">
        {cleared.map((a) => (
          <li key={a.id} className="px-5 py-3 text-sm text-slate-700">
            {a.deviceName} at {a.siteName} · offline from <UtcTime at={a.offlineSince} />, cleared{" "}
            {a.clearedAt ? ago(a.clearedAt, now) : ""}
          </li>
        ))}
      </ul>
    </Card>
  );
}
