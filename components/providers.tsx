"use client";
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Toaster } from "sonner";
import { z } from "zod";

// The CSP (proxy.ts) allows no eval. Zod 4 probes for it with `Function("")` before its first object
// parse, and a blocked probe is reported as a CSP violation even though zod catches it: skip the probe.
z.config({ jitless: true });

/** Browser-side context for the whole app: one React Query cache per tab, and the toast outlet. */
export function Providers({ children }: { children: ReactNode }) {
  // Created once per browser session (not per render), so the cache survives re-renders.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster position="top-right" richColors closeButton />
    </QueryClientProvider>
  );
}
