"use client";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// A page failed to render. Production hides the message; the digest ties it to the server log.
// "Try again" is retry(), which fetches the page from the server again: reset() only re-renders what the
// client holds, so a database that was down for a moment would keep failing (Next's error.js docs).
export default function ConsoleError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="space-y-4 py-6">
      <Alert tone="danger" title="This page could not be shown">
        Something went wrong while loading it. Nothing was changed. Try again; if it keeps happening, give an admin this
        reference: <code className="font-mono">{error.digest ?? "n/a"}</code>
      </Alert>
      <Button variant="secondary" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
