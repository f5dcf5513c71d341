import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getFamilyFile, listChildFoyers } from "@/lib/families/get-family-file";
import { getFamilyHistory } from "@/lib/families/get-family-history";
import { formatDateTime } from "@/lib/format";
import { FlashMessage } from "@/components/ui/toast";
import { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { cancelInscriptionAction } from "@/app/admin/inscriptions/actions";
import { HouseholdSections } from "@/components/admin/family-file/household-sections";
import { AdultCard, type AdultActions } from "@/components/admin/family-file/adult-card";
import { FamilyChildren } from "@/components/admin/family-file/family-children";
import { FamilyInscriptions } from "@/components/admin/family-file/family-inscriptions";
import { FamilyHistorySection } from "@/components/admin/family-file/family-history";
import {
  deactivateAccountAction,
  reactivateAccountAction,
  staffChangeLoginEmailAction,
  staffUpdateAddressAction,
  staffUpdateAdultAction,
  staffUpdatePhonesAction,
  staffUpdatePreferencesAction,
  staffUpdateQuotientAction,
  anonymiseFamilyAction,
  linkChildFoyerAction,
  searchSecondFoyerAction,
  unlinkChildFoyerAction,
} from "./actions";
import { AnonymiseButton } from "@/components/admin/anonymise-button";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Famille" };

const ADULT_ACTIONS: AdultActions = {
  changeLoginEmail: staffChangeLoginEmailAction,
  deactivate: deactivateAccountAction,
  reactivate: reactivateAccountAction,
  updateAdult: staffUpdateAdultAction,
  updatePhones: staffUpdatePhonesAction,
  updatePreferences: staffUpdatePreferencesAction,
};

/** The staff's family page: household, adults, children, inscriptions and history, each a part of components/admin/family-file. */
export default async function StaffFamilyPage({ params }: { params: Promise<{ familyId: string }> }) {
  const { familyId } = await params;
  const staff = await staffPage(`/admin/familles/${familyId}`);
  const family = await getFamilyFile(familyId);
  if (!family) notFound();
  const [history, inscriptions, foyers] = await Promise.all([
    getFamilyHistory(familyId, new Date()),
    listFamilyInscriptions(familyId, "STAFF", staff.scope),
    listChildFoyers(familyId),
  ]);
  return (
    <Page width="wide">
      <PageHeader
        title={family.name}
        breadcrumbs={[{ label: "Familles", href: "/admin/familles" }]}
        description={`${family.adults.length} ${family.adults.length > 1 ? "adultes" : "adulte"}, ${family.children.length} ${family.children.length > 1 ? "enfants" : "enfant"}`}
      />
      <FlashMessage />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <LinkButton variant="secondary" href={`/admin/facturation/familles/${familyId}`}>
          Compte et factures
        </LinkButton>
        {family.anonymisedAt ? (
          <p className="font-semibold">Famille anonymisée le {formatDateTime(family.anonymisedAt)} (RGPD).</p>
        ) : (
          <AnonymiseButton familyId={familyId} familyName={family.name} action={anonymiseFamilyAction} />
        )}
      </div>

      <HouseholdSections family={family} updateAddress={staffUpdateAddressAction} updateQuotient={staffUpdateQuotientAction} />

      <h2 className="mb-2 mt-6 text-xl font-bold">Adultes</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {family.adults.map((adult, index) => (
          <AdultCard key={adult.id} adult={adult} index={index} familyId={familyId} log={history.log} actions={ADULT_ACTIONS} />
        ))}
      </div>

      <FamilyChildren
        familyId={familyId}
        familyChildren={family.children}
        foyers={foyers}
        actions={{ search: searchSecondFoyerAction, link: linkChildFoyerAction, unlink: unlinkChildFoyerAction }}
      />
      <FamilyInscriptions inscriptions={inscriptions} cancelInscription={cancelInscriptionAction} />
      <FamilyHistorySection history={history} />
    </Page>
  );
}
