import { NotFoundPage } from "@/components/shell/not-found-page";

export default function SiteNotFound() {
  return (
    <NotFoundPage
      title="Site not found"
      description="CHeKT has no such site for this dealer. It may have been deleted, or it belongs to another dealer."
      back={{ href: "/sites", label: "Back to sites" }}
    />
  );
}
