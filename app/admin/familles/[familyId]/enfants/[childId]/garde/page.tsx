import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Page } from "@/components/ui/page";
import { Alert } from "@/components/ui/field";
import { staffPage } from "@/lib/auth/session";
import { actorScope, NotFoundError } from "@/lib/workflow";
import { deName } from "@/lib/format";
import { getCustodyPlanForStaff } from "@/lib/families/get-custody-plan";
import { CustodyPlanForm } from "@/components/custody/custody-plan-form";
import { setCustodyPlanAction } from "./actions";

export const metadata: Metadata = { title: "Calendrier de garde" };

export default async function StaffCustodyPlanPage({ params }: { params: Promise<{ familyId: string; childId: string }> }) {
  const { familyId, childId } = await params;
  const staff = await staffPage(`/admin/familles/${familyId}/enfants/${childId}/garde`);
  // A family outside the staff's lieux, or a child it does not reach, is a missing page.
  const read = await getCustodyPlanForStaff({ familyId, childId, scope: actorScope(staff.actor) }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!read) notFound();
  const [first, second] = read.foyers;
  return (
    <Page>
      <PageHeader
        title={`Calendrier de garde ${deName(read.child.firstName)}`}
        breadcrumbs={[
          { label: "Familles", href: "/admin/familles" },
          { label: "Famille", href: `/admin/familles/${familyId}` },
        ]}
      />
      {!second ? (
        <Alert live={false}>
          {read.child.firstName} n&apos;a qu&apos;un foyer : le calendrier de garde se renseigne une fois l&apos;enfant rattaché au foyer de
          l&apos;autre parent.
        </Alert>
      ) : (
        <>
          <p className="mb-4 max-w-prose text-gray-800">
            Chaque foyer réserve et annule seulement ses jours de garde ; chaque jour réservé est facturé au foyer qui a la garde ce
            jour-là, à son quotient. Un changement déplace les jours réservés non facturés vers leur nouveau foyer et prévient les deux
            foyers par e-mail.
          </p>
          <CustodyPlanForm
            familyId={familyId}
            foyers={[first!, second]}
            action={setCustodyPlanAction}
            initial={
              read.plan ?? {
                childId: read.child.id,
                kind: "ALTERNATE_WEEKS",
                evenWeeksFamilyId: first!.id,
                weekdayFamilyIds: [],
                defaultFamilyId: first!.id,
                days: [],
                firstFoyerSharePercent: null,
              }
            }
          />
        </>
      )}
    </Page>
  );
}
