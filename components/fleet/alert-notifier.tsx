"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { Bell } from "lucide-react";
import { Button } from "@/components/ui";
import { readNotified, writeNotified } from "./notified-alerts";

type OpenAlert = { id: string; deviceName: string; siteName: string };

const noChange = () => () => {};
const readPermission = (): NotificationPermission | "unsupported" =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

/**
 * Desktop notifications for open alerts while this page is open: the server renders the open
 * alerts; this re-renders the page every minute (the alert job runs every minute) and shows a
 * notification for each alert not notified before in this browser (ids kept in localStorage).
 */
export function AlertNotifier({ open }: { open: OpenAlert[] }) {
  const router = useRouter();
  // What the browser says (read after hydration: the server renders "default"), until the user answers.
  const browserPermission = useSyncExternalStore(noChange, readPermission, () => "default" as const);
  const [answered, setPermission] = useState<NotificationPermission | null>(null);
  const permission = answered ?? browserPermission;

  useEffect(() => {
    const t = setInterval(() => router.refresh(), 60_000);
    return () => clearInterval(t);
  }, [router]);

  useEffect(() => {
    if (permission !== "granted") return;
    const seen = readNotified(localStorage);
    for (const a of open) {
      if (seen.has(a.id)) continue;
      new Notification("Device offline", { body: `${a.deviceName} at ${a.siteName}`, tag: a.id });
      seen.add(a.id);
    }
    writeNotified(localStorage, open, seen);
  }, [open, permission]);

  if (permission === "unsupported")
    return <p className="text-sm text-slate-600">This browser has no desktop notifications.</p>;
  if (permission === "granted")
    return (
      <p className="text-sm text-slate-600" data-testid="notify-on">
        Desktop notifications are on for this browser while this page is open.
      </p>
    );
  if (permission === "denied")
    return (
      <p className="text-sm text-slate-600">
        Desktop notifications are blocked for this site in the browser&apos;s settings.
      </p>
    );
  return (
    <Button
      variant="secondary"
      icon={<Bell className="h-4 w-4" aria-hidden="true" />}
      onClick={async () => setPermission(await Notification.requestPermission())}
    >
      Turn on desktop notifications
    </Button>
  );
}
