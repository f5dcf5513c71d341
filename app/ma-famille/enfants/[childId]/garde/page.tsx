import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Page } from "@/components/ui/page";
import { Alert } from "@/components/ui/field";
import { parentPage } from "@/lib/auth/session";
import { deName } from "@/lib/format";
import { getCustodyCalendarForParent } from "@/lib/families/get-custody-plan";
import { CustodyWeeks } from "@/components/custody/custody-weeks";

export const metadata: Metadata = { title: "Calendrier de garde" };

/** « Calendrier de garde » of a child the family reaches (its own, or shared with the other parent's foyer): read-only. */
export default async function CustodyCalendarPage({ params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  const user = await parentPage(`/ma-famille/enfants/${childId}/garde`);
  // Scoped by the family of the session: a child it does not reach is « introuvable ».
  const read = await getCustodyCalendarForParent({ familyId: user.familyId, childId });
  if (!read) notFound();
  return (
    <Page>
      <PageHeader
        title={`Calendrier de garde ${deName(read.child.firstName)}`}
        breadcrumbs={[{ label: "Ma famille", href: "/ma-famille" }]}
      />
      {!read.shared ? (
        <Alert live={false}>{read.child.firstName} n&apos;a qu&apos;un foyer : tous les jours sont chez vous.</Alert>
      ) : (
        <>
          <p className="mb-4 max-w-prose text-gray-800">
            Vous réservez et annulez les jours où {read.child.firstName} est chez vous ; ils sont facturés à votre foyer. Les jours chez
            l&apos;autre parent sont les siens. Le calendrier est tenu par la structure : pour le changer, écrivez-lui.
          </p>
          {!read.hasPlan ? (
            <Alert live={false}>La structure n&apos;a pas encore renseigné le calendrier de garde : les jours sont au premier foyer.</Alert>
          ) : null}
          <CustodyWeeks weeks={read.weeks} today={read.today} />
        </>
      )}
    </Page>
  );
}
