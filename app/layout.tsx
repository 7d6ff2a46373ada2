import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CHeKT dealer console", template: "%s · CHeKT dealer console" },
  description: "Manage sites, monitoring stations, devices and alarm verifications for your CHeKT dealer account.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page carries this request's CSP nonce on its scripts (proxy.ts); a page prerendered at
// build time (the 404 page, for one) would have none and be blocked, so nothing is prerendered.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
