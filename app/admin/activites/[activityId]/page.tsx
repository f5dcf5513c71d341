import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { listStructureChoices } from "@/lib/activities/manage-structures";
import { getActivityConfiguration } from "@/lib/activities/manage-activity";
import { describeDeadline } from "@/lib/calendar/deadlines";
import { SettingsTab } from "@/components/admin/activity-config/settings-tab";
import { PeriodsTab } from "@/components/admin/activity-config/periods-tab";
import { AgeGroupsTab } from "@/components/admin/activity-config/age-groups-tab";
import { UnitsTab, type UnitsTabActions } from "@/components/admin/activity-config/units-tab";
import {
  addAgeGroupAction,
  addPeriodAction,
  addTimeUnitAction,
  addUnitRuleAction,
  deleteAgeGroupAction,
  deletePeriodAction,
  deleteTimeUnitAction,
  deleteUnitRuleAction,
  setCapacityOverrideAction,
  setTariffsAction,
  setTariffRuleAction,
  deleteTariffRuleAction,
  updateActivityAction,
} from "../actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Configurer une activité" };

const UNIT_ACTIONS: UnitsTabActions = {
  addTimeUnit: addTimeUnitAction,
  deleteTimeUnit: deleteTimeUnitAction,
  setTariffs: setTariffsAction,
  setCapacityOverride: setCapacityOverrideAction,
  addUnitRule: addUnitRuleAction,
  deleteUnitRule: deleteUnitRuleAction,
  setTariffRule: setTariffRuleAction,
  deleteTariffRule: deleteTariffRuleAction,
};

/** An activity's configuration in four tabs, each a part of components/admin/activity-config. */
export default async function ActivityConfigPage({ params }: { params: Promise<{ activityId: string }> }) {
  const { activityId } = await params;
  const staff = await staffPage(`/admin/activites/${activityId}`);
  const [activity, structures] = await Promise.all([getActivityConfiguration(activityId, staff.scope), listStructureChoices(staff.scope)]);
  if (!activity) notFound();
  return (
    <Page width="wide">
      <PageHeader
        title={activity.name}
        breadcrumbs={[{ label: "Activités", href: "/admin/activites" }]}
        description={
          <>
            {activity.structure.name} — réservation {describeDeadline(activity.bookingDeadline)}, annulation{" "}
            {describeDeadline(activity.cancellationDeadline)}
          </>
        }
      />
      <Tabs
        label="Configuration de l'activité"
        tabs={[
          {
            id: "general",
            title: "Général et délais",
            content: <SettingsTab activity={activity} structures={structures} updateActivity={updateActivityAction} />,
          },
          {
            id: "periodes",
            title: "Périodes",
            content: <PeriodsTab activity={activity} addPeriod={addPeriodAction} deletePeriod={deletePeriodAction} />,
          },
          {
            id: "groupes",
            title: "Groupes d'âge",
            content: <AgeGroupsTab activity={activity} addAgeGroup={addAgeGroupAction} deleteAgeGroup={deleteAgeGroupAction} />,
          },
          { id: "unites", title: "Unités et tarifs", content: <UnitsTab activity={activity} actions={UNIT_ACTIONS} /> },
        ]}
      />
    </Page>
  );
}
