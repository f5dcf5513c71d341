import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { getPortalIdentity } from "@/lib/settings/manage-portal-identity";
import { listInformationPages } from "@/lib/settings/manage-information-pages";
import { INFORMATION_PAGES } from "@/lib/settings/defaults";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Tabs } from "@/components/ui/tabs";
import { Alert } from "@/components/ui/field";
import { EditableSchemaForm } from "@/components/form/editable-schema-form";
import { Details } from "@/components/ui/editable-section";
import { LogoForm } from "@/components/admin/logo-form";
import { Emblem } from "@/components/layout/site-header";
import { removeLogoAction, updateIdentityAction, updateInformationPageAction, uploadLogoAction } from "./actions";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Paramètres" };

export default async function SettingsPage() {
  const user = await staffPage("/admin/parametres");
  const [identity, pages] = [await getPortalIdentity(), await listInformationPages()];
  const isAdmin = user.role === "ADMIN";
  const identityTab = isAdmin ? (
    <div className="grid gap-4 lg:grid-cols-2">
      <EditableSchemaForm
        title="Identité de la structure"
        titleId="identite"
        editLabel="Modifier l'identité"
        view={
          <>
            <p className="mb-3 text-sm text-gray-700">
              Affichée dans l&apos;en-tête, le pied de page, la page Contact, la signature des e-mails et l&apos;en-tête des PDF (factures,
              quittances, attestations).
            </p>
            <Details
              rows={[
                ["Nom du portail", identity.productName],
                ["Nom de la structure", identity.name],
                ["Couleur principale", identity.primaryColor],
                ["Adresse", identity.address],
                ["Téléphone", identity.phone],
                ["E-mail de l'accueil", identity.email],
                [
                  "Horaires d'ouverture",
                  <span key="horaires" className="whitespace-pre-line">
                    {identity.openingHours}
                  </span>,
                ],
              ]}
            />
          </>
        }
        form={{
          schema: "identity",
          idPrefix: "identite",
          submitLabel: "Enregistrer l'identité",
          action: updateIdentityAction,
          defaultValues: {
            productName: identity.productName,
            name: identity.name,
            primaryColor: identity.primaryColor,
            address: identity.address,
            phone: identity.phone,
            email: identity.email,
            openingHours: identity.openingHours,
          },
          fields: [
            {
              name: "productName",
              label: "Nom du portail",
              hint: "Affiché en tête de chaque page, dans le titre de l'onglet, les e-mails et les PDF. Laissé vide : « Portail Famille ».",
            },
            { name: "name", label: "Nom de la structure", required: true, autoComplete: "organization" },
            {
              name: "primaryColor",
              label: "Couleur principale",
              required: true,
              hint: "Code couleur hexadécimal, par exemple #17599e. Elle doit rester foncée : le texte des boutons est blanc.",
            },
            { name: "address", label: "Adresse", required: true, autoComplete: "street-address" },
            { name: "phone", label: "Téléphone", required: true, type: "tel", autoComplete: "tel" },
            { name: "email", label: "E-mail de l'accueil", required: true, type: "email", autoComplete: "email" },
            {
              name: "openingHours",
              label: "Horaires d'ouverture",
              type: "textarea",
              hint: "Par exemple : du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h.",
            },
          ],
        }}
      />
      <Card title="Logo" titleId="logo">
        <div className="mb-4 flex items-center gap-3">
          <Emblem identity={identity} />
          <span className="text-sm text-gray-700">
            {identity.logoVersion
              ? "Logo actuel, repris en tête des PDF."
              : "Sans logo, les initiales de la structure s'affichent (et les PDF portent son nom seul)."}
          </span>
        </div>
        <LogoForm hasLogo={Boolean(identity.logoVersion)} upload={uploadLogoAction} remove={removeLogoAction} />
      </Card>
    </div>
  ) : (
    <Alert tone="info">L&apos;identité de la structure (nom, logo, couleur, coordonnées) est réglée par un administrateur.</Alert>
  );
  const pagesTab = (
    <div className="flex flex-col gap-4">
      <p className="text-gray-800">
        Ces pages sont liées en pied de page. Écrivez en texte simple : une ligne vide sépare deux paragraphes, « ## » au début d&apos;une
        ligne en fait un intertitre, « - » un élément de liste.
      </p>
      {pages.map((page) => {
        const meta = INFORMATION_PAGES.find((p) => p.slug === page.slug)!;
        return (
          <EditableSchemaForm
            key={page.slug}
            title={meta.title}
            titleId={`page-${page.slug}`}
            editLabel={`Modifier « ${meta.title} »`}
            view={
              <>
                <Details
                  rows={[
                    ["Titre", page.title],
                    ["Texte", page.body.length > 300 ? `${page.body.slice(0, 300)}…` : page.body],
                  ]}
                />
                <a className={cn(linkClass, "inline-flex min-h-11 items-center")} href={meta.path}>
                  Voir la page « {meta.title} »
                </a>
              </>
            }
            form={{
              schema: "informationPage",
              idPrefix: `page-${page.slug}`,
              submitLabel: `Enregistrer « ${meta.title} »`,
              action: updateInformationPageAction,
              hidden: { slug: page.slug },
              defaultValues: { title: page.title, body: page.body },
              fields: [
                { name: "title", label: "Titre", required: true },
                { name: "body", label: "Texte", required: true, type: "textarea", rows: 14 },
              ],
            }}
          />
        );
      })}
    </div>
  );
  return (
    <Page width="wide">
      <PageHeader
        title="Paramètres"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="L'identité du portail et les pages d'information que toute structure publique doit publier."
      />
      <Tabs
        label="Paramètres"
        defaultTab={isAdmin ? "identite" : "pages"}
        tabs={[
          { id: "identite", title: "Identité", content: identityTab },
          { id: "pages", title: "Pages d'information", content: pagesTab },
        ]}
      />
    </Page>
  );
}
