import { NotFoundPage } from "@/components/shell/not-found-page";

export default function ConsoleNotFound() {
  return (
    <NotFoundPage
      title="Not found"
      description="It may have been deleted in CHeKT, or the address is mistyped."
      back={{ href: "/", label: "Back to the dashboard" }}
    />
  );
}
