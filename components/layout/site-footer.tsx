import Link from "next/link";
import { PRODUCT_NAME } from "@/lib/settings/product-name";
import { Clock, Mail, MapPin, Phone } from "lucide-react";
import type { PortalIdentity } from "@/lib/settings/defaults";
import { INFORMATION_PAGES } from "@/lib/settings/defaults";
import { keepHoursTogether } from "@/lib/format";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

/** Who runs the service and how to reach them, and the pages every French public service must have. */
export function SiteFooter({ identity }: { identity: PortalIdentity }) {
  return (
    <footer className="mt-8 border-t border-gray-300 bg-white text-sm text-gray-800">
      <div className="mx-auto grid max-w-6xl gap-4 px-4 py-5 md:grid-cols-2">
        <div>
          <p className="mb-1 font-bold text-gray-900">{identity.name}</p>
          <ul className="flex flex-col gap-1">
            {identity.address ? (
              <li className="flex gap-2">
                <MapPin aria-hidden="true" className="size-4 shrink-0" />
                <span>{identity.address}</span>
              </li>
            ) : null}
            {identity.phone ? (
              <li className="flex items-center gap-2">
                <Phone aria-hidden="true" className="size-4 shrink-0" />
                <a
                  className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")}
                  href={`tel:${identity.phone.replace(/[^\d+]/g, "")}`}
                >
                  {identity.phone}
                </a>
              </li>
            ) : null}
            {identity.email ? (
              <li className="flex items-center gap-2">
                <Mail aria-hidden="true" className="size-4 shrink-0" />
                <a className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")} href={`mailto:${identity.email}`}>
                  {identity.email}
                </a>
              </li>
            ) : null}
            {identity.openingHours ? (
              <li className="flex gap-2">
                <Clock aria-hidden="true" className="size-4 shrink-0" />
                <span>{keepHoursTogether(identity.openingHours)}</span>
              </li>
            ) : null}
          </ul>
        </div>
        <nav aria-label="Informations">
          <ul className="flex flex-col gap-x-4 md:flex-row md:flex-wrap md:justify-end">
            {INFORMATION_PAGES.map((page) => (
              <li key={page.slug}>
                <Link href={page.path} className={cn(linkClass, "inline-flex min-h-11 items-center")}>
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-gray-700 md:text-right">
            {identity.productName === PRODUCT_NAME
              ? "Portail Famille, logiciel libre"
              : `${identity.productName}, fait avec Portail Famille, logiciel libre`}
          </p>
        </nav>
      </div>
    </footer>
  );
}
