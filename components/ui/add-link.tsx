import Link from "next/link";
import type { ReactNode } from "react";
import { Plus } from "lucide-react";
import { buttonClasses, type ButtonSize } from "./button";

/** The primary "New site" / "Add contact" link of a list: a plus and the words, styled as a button. */
export function AddLink({ href, size = "md", children }: { href: string; size?: ButtonSize; children: ReactNode }) {
  return (
    <Link href={href} className={buttonClasses("primary", size)}>
      <Plus className="h-4 w-4" aria-hidden="true" /> {children}
    </Link>
  );
}
