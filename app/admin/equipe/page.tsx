import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Page } from "@/components/ui/page";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { DataTable, type DataColumn, type DataRow } from "@/components/ui/data-table";
import { SchemaForm } from "@/components/form/schema-form";
import { RemoveLieuButton } from "@/components/admin/remove-lieu-button";
import { adminPage } from "@/lib/auth/session";
import { listTeam } from "@/lib/staff/manage-team";
import { formatDateTime } from "@/lib/format";
import { assignLieuAction, removeLieuAction } from "./actions";

export const metadata: Metadata = { title: "Équipe" };

const ROLES = { STAFF: "Agent d'accueil", ADMIN: "Administrateur" } as const;

const COLUMNS: DataColumn[] = [
  { key: "nom", header: "Nom", sortable: true, rowHeader: true },
  { key: "email", header: "E-mail", sortable: true },
  { key: "role", header: "Rôle", sortable: true },
  { key: "statut", header: "Statut" },
  { key: "lieux", header: "Lieux d'accueil" },
  { key: "ajouter", header: "Donner un lieu", phoneLabel: false },
];

/** « Équipe » (ADMIN only, ADR 029): who works in the back office, the lieux each agent is limited to, and the log. */
export default async function TeamPage() {
  await adminPage("/admin/equipe");
  const { users, structures, changes } = await listTeam();
  const rows: DataRow[] = users.map((u, index) => {
    const free = structures.filter((s) => !u.lieux.some((l) => l.id === s.id));
    return {
      id: u.id,
      label: `${u.displayName} (${u.email})`,
      search: `${u.displayName} ${u.email} ${u.lieux.map((l) => l.name).join(" ")}`,
      sort: { nom: u.displayName, email: u.email, role: ROLES[u.role as keyof typeof ROLES] ?? u.role },
      cells: {
        nom: u.displayName,
        email: u.email,
        role: ROLES[u.role as keyof typeof ROLES] ?? u.role,
        statut: u.active ? <Badge tone="done">Actif</Badge> : <Badge tone="closed">Désactivé</Badge>,
        lieux:
          u.role === "ADMIN" ? (
            "Tous (administrateur)"
          ) : u.lieux.length === 0 ? (
            "Tous les lieux"
          ) : (
            <ul className="grid gap-1">
              {u.lieux.map((l) => (
                <li key={l.id} className="flex flex-wrap items-center gap-2">
                  <span>{l.name}</span>
                  <RemoveLieuButton
                    userId={u.id}
                    userName={u.displayName}
                    structureId={l.id}
                    structureName={l.name}
                    last={u.lieux.length === 1}
                    action={removeLieuAction}
                  />
                </li>
              ))}
            </ul>
          ),
        ajouter:
          u.role === "STAFF" && free.length > 0 ? (
            <SchemaForm
              schema="staffLieu"
              idPrefix={`equipe-${index}`}
              fields={[
                {
                  name: "structureId",
                  label: `Lieu pour ${u.displayName}`,
                  type: "select",
                  required: true,
                  options: [{ value: "", label: "Choisissez un lieu d'accueil" }, ...free.map((s) => ({ value: s.id, label: s.name }))],
                },
              ]}
              hidden={{ userId: u.id }}
              defaultValues={{ structureId: "" }}
              submitLabel="Donner ce lieu"
              confirm={{
                title: `Limiter ${u.displayName} à ce lieu ?`,
                description:
                  u.lieux.length === 0
                    ? "Cet agent voit aujourd'hui tous les lieux d'accueil : il ne verra plus que ce lieu (inscriptions, réservations, pointage, occupation, activités, facturation, documents et messages de ses enfants). Les dossiers des familles restent lisibles."
                    : "Ce lieu s'ajoute à ceux de cet agent.",
                confirmLabel: "Donner le lieu",
              }}
              action={assignLieuAction}
            />
          ) : null,
      },
    };
  });
  return (
    <Page width="wide">
      <PageHeader
        title="Équipe"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les comptes de l'accueil. Un agent sans lieu d'accueil voit tous les lieux ; un agent limité ne voit et ne décide que pour ses lieux. Un administrateur voit tout."
      />
      <DataTable caption="Comptes de l'accueil" columns={COLUMNS} rows={rows} filterLabel="Filtrer les comptes" emptyTitle="Aucun compte" />
      <Card title="Journal des lieux" titleId="journal-equipe" className="mt-4">
        {changes.length === 0 ? (
          <p className="text-sm">Aucun changement de lieu pour l&apos;instant.</p>
        ) : (
          <ul className="grid gap-1 text-sm">
            {changes.map((c) => (
              <li key={c.id}>
                {formatDateTime(c.createdAt)} — {c.actor?.displayName ?? "Compte supprimé"} a {c.kind === "ADDED" ? "donné" : "retiré"} le
                lieu « {c.structureName} » à {c.user.displayName} ({c.user.email}).
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Page>
  );
}
