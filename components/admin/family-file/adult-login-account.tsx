import { Details, EditableSection } from "@/components/ui/editable-section";
import { DecisionControls } from "@/components/admin/decision-controls";
import { LoginEmailForm } from "@/components/admin/login-email-form";
import { allowedActions, isIn, statusLabel, USER_STATUSES } from "@/lib/workflow/machines";
import { formatDateTime } from "@/lib/format";
import type { DecisionAction, FamilyAdult, FamilyHistory, LoginEmailAction } from "./types";

/**
 * An adult's login: its e-mail (editable), the account's status with every change of it, and the deactivate /
 * reactivate decision.
 */
export function AdultLoginAccount({
  adult,
  user,
  index,
  familyId,
  log,
  changeLoginEmail,
  deactivate,
  reactivate,
}: {
  adult: FamilyAdult;
  user: NonNullable<FamilyAdult["user"]>;
  index: number;
  familyId: string;
  log: FamilyHistory["log"];
  changeLoginEmail: LoginEmailAction;
  deactivate: DecisionAction;
  reactivate: DecisionAction;
}) {
  return (
    <>
      <EditableSection
        title="Connexion"
        titleId={`connexion-titre-${index}`}
        className="mb-3 border-0 p-0 shadow-none"
        editLabel={`Modifier l'e-mail de connexion de ${adult.firstName}`}
        view={<Details rows={[["E-mail de connexion", user.email]]} />}
        form={
          <LoginEmailForm
            idPrefix={`connexion-${index}`}
            familyId={familyId}
            userId={user.id}
            email={user.email}
            action={changeLoginEmail}
          />
        }
      />
      <div className="mb-4 border-b border-gray-200 pb-4">
        <p className="font-semibold">
          Compte de connexion : {statusLabel("USER_ACCOUNT", user.status)}
          {!isIn(USER_STATUSES.CAN_SIGN_IN, user.status) ? " (connexion impossible)" : ""}
        </p>
        <ul className="text-sm">
          {log
            .filter((entry) => entry.entityId === user.id && entry.from !== null)
            .map((entry) => (
              <li key={entry.id}>
                {formatDateTime(entry.at)} — {entry.to} par {entry.who}
                {entry.reason ? ` (motif : ${entry.reason})` : ""}
              </li>
            ))}
        </ul>
        <DecisionControls
          id={user.id}
          subject={`compte de ${adult.firstName} ${adult.lastName.toUpperCase()}`}
          hidden={{ familyId }}
          refuse={allowedActions("USER_ACCOUNT", user.status, "STAFF").deactivate ? deactivate : reactivate}
          refuseLabel={allowedActions("USER_ACCOUNT", user.status, "STAFF").deactivate ? "Désactiver le compte" : "Réactiver le compte"}
          reasonLabel={
            allowedActions("USER_ACCOUNT", user.status, "STAFF").deactivate ? "Motif de la désactivation" : "Motif de la réactivation"
          }
        />
      </div>
    </>
  );
}
