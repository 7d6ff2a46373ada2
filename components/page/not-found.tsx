import { NotFoundPage } from "@/components/shell/not-found-page";

// Every console route's "not found" words in one place: Next wants a not-found.tsx per route
// segment, and each of those is one line naming its entry here.
const NOT_FOUND = {
  console: {
    title: "Not found",
    description: "It may have been deleted in CHeKT, or the address is mistyped.",
    back: { href: "/", label: "Back to the dashboard" },
  },
  site: {
    title: "Site not found",
    description: "CHeKT has no such site for this dealer. It may have been deleted, or it belongs to another dealer.",
    back: { href: "/sites", label: "Back to sites" },
  },
  station: {
    title: "Monitoring station not found",
    description: "CHeKT has no such station for this dealer. It may have been deleted.",
    back: { href: "/stations", label: "Back to monitoring stations" },
  },
} as const;

/** The not-found page of one route segment (its not-found.tsx default-exports this). */
export function notFoundPage(what: keyof typeof NOT_FOUND) {
  function NotFound() {
    return <NotFoundPage {...NOT_FOUND[what]} />;
  }
  return NotFound;
}
