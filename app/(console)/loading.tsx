import { Spinner } from "@/components/ui/spinner";

export default function Loading() {
  return (
    <div className="flex items-center gap-2 py-12 text-sm text-slate-500" role="status" aria-live="polite">
      <Spinner /> Loading…
    </div>
  );
}
