import { NotFoundPage } from "@/components/shell/not-found-page";

export default function StationNotFound() {
  return (
    <NotFoundPage
      title="Monitoring station not found"
      description="CHeKT has no such station for this dealer. It may have been deleted."
      back={{ href: "/stations", label: "Back to monitoring stations" }}
    />
  );
}
