import type { Metadata } from "next";
import Link from "next/link";
import { Clock, Mail, MapPin, Phone } from "lucide-react";
import { InformationPage } from "@/components/layout/information-page";
import { Card } from "@/components/ui/card";
import { getInformationPage, textBlocks } from "@/lib/settings/manage-information-pages";
import { getPortalIdentity } from "@/lib/settings/manage-portal-identity";
import { keepHoursTogether } from "@/lib/format";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage() {
  const [page, identity] = [await getInformationPage("CONTACT"), await getPortalIdentity()];
  const details = (
    <Card className="mb-5">
      <p className="mb-2 text-lg font-bold">{identity.name}</p>
      <dl className="grid gap-2 sm:grid-cols-[auto_1fr] sm:gap-x-4">
        {identity.address ? (
          <>
            <dt className="flex items-center gap-2 font-semibold">
              <MapPin aria-hidden="true" className="size-4" />
              Adresse
            </dt>
            <dd>{identity.address}</dd>
          </>
        ) : null}
        {identity.phone ? (
          <>
            <dt className="flex items-center gap-2 font-semibold">
              <Phone aria-hidden="true" className="size-4" />
              Téléphone
            </dt>
            <dd>
              <a
                className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")}
                href={`tel:${identity.phone.replace(/[^\d+]/g, "")}`}
              >
                {identity.phone}
              </a>
            </dd>
          </>
        ) : null}
        {identity.email ? (
          <>
            <dt className="flex items-center gap-2 font-semibold">
              <Mail aria-hidden="true" className="size-4" />
              E-mail
            </dt>
            <dd>
              <a className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")} href={`mailto:${identity.email}`}>
                {identity.email}
              </a>
            </dd>
          </>
        ) : null}
        {identity.openingHours ? (
          <>
            <dt className="flex items-center gap-2 font-semibold">
              <Clock aria-hidden="true" className="size-4" />
              Horaires d&apos;ouverture
            </dt>
            <dd>{keepHoursTogether(identity.openingHours)}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-3">
        Vous avez un compte ?{" "}
        <Link className={linkClass} href="/mes-messages">
          Écrivez à la structure depuis Mes messages
        </Link>{" "}
        : la réponse s&apos;y affiche et vous recevez un e-mail.
      </p>
    </Card>
  );
  return <InformationPage page={page} blocks={textBlocks(page.body)} before={details} />;
}
