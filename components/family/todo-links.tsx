import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

/** The « À faire » list of the dashboard and of « Réinscrire »: each thing to do, a link to where it is done. */
export function TodoLinks({ items }: { items: readonly { text: string; href: string }[] }) {
  return (
    <ul className="flex flex-col gap-2">
      {items.map((item) => (
        <li key={item.text}>
          <Link href={item.href} className={cn(linkClass, "inline-flex min-h-11 items-center gap-2")}>
            <ArrowRight aria-hidden="true" className="size-4 shrink-0" />
            {item.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}
