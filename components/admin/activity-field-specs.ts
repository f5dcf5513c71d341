import type { FieldSpec } from "@/components/form/schema-form";
import { CARE_KINDS } from "@/lib/activities/care-kinds";

const VALIDATION = [
  { value: "MANUAL", label: "Manuelle (par l'accueil)" },
  { value: "AUTOMATIC", label: "Automatique" },
];

export function activityFields(structures: { id: string; name: string }[]): FieldSpec[] {
  return [
    {
      name: "structureId",
      label: "Lieu d'accueil",
      type: "select",
      required: true,
      options: [{ value: "", label: "— Choisissez —" }, ...structures.map((s) => ({ value: s.id, label: s.name }))],
    },
    {
      name: "careKind",
      label: "Type d'accueil",
      type: "select",
      required: true,
      options: [{ value: "", label: "— Choisissez —" }, ...Object.entries(CARE_KINDS).map(([value, label]) => ({ value, label }))],
    },
    { name: "name", label: "Nom de l'activité", required: true },
    { name: "description", label: "Description", type: "textarea" },
    { name: "inscriptionValidation", label: "Validation des inscriptions", type: "radio", required: true, options: VALIDATION },
    { name: "reservationValidation", label: "Validation des réservations", type: "radio", required: true, options: VALIDATION },
    {
      name: "bookingDeadline",
      label: "Délai de réservation",
      type: "deadline",
      required: true,
      hint: "Jusqu'à quand une famille peut réserver un jour.",
    },
    {
      name: "cancellationDeadline",
      label: "Délai d'annulation",
      type: "deadline",
      required: true,
      hint: "Jusqu'à quand une annulation est une absence excusée ; après, elle est facturée.",
    },
    {
      name: "inscriptionsOpenAt",
      label: "Ouverture des inscriptions",
      type: "datetime-local",
      hint: "Heure de Paris. Vide : ouvertes dès maintenant.",
    },
    {
      name: "residentsOpenAt",
      label: "Ouverture pour les habitants de la commune",
      type: "datetime-local",
      hint: "Facultatif : une première phase réservée aux familles de la commune.",
    },
    {
      name: "renewalsOpenAt",
      label: "Ouverture des réinscriptions",
      type: "datetime-local",
      hint: "Facultatif : une phase prioritaire pour les enfants inscrits l'année précédente, par « Réinscrire ».",
    },
    {
      name: "maxInscriptions",
      label: "Nombre maximal d'inscriptions par période",
      hint: "Au-delà, les demandes vont en liste d'attente. Vide : pas de limite.",
    },
    {
      name: "isPreRegistration",
      label: "Pré-inscription (petite enfance)",
      type: "radio",
      required: true,
      options: [
        { value: "oui", label: "Oui" },
        { value: "non", label: "Non" },
      ],
    },
    {
      name: "taxCertificateEligible",
      label: "Comptée sur l'attestation fiscale (frais de garde des moins de 6 ans)",
      type: "radio",
      hint: "Non pour la restauration scolaire : les repas ne sont pas des frais de garde. Sans réponse à la création : non pour la restauration scolaire, oui sinon.",
      options: [
        { value: "oui", label: "Oui" },
        { value: "non", label: "Non" },
      ],
    },
  ];
}

export const PERIOD_FIELDS: FieldSpec[] = [
  { name: "name", label: "Nom de la période", required: true, hint: "Exemple : Mercredis 2026/2027" },
  { name: "startDate", label: "Date de début", type: "date", required: true },
  { name: "endDate", label: "Date de fin", type: "date", required: true },
  {
    name: "weekdays",
    label: "Jours d'ouverture",
    type: "checkboxes",
    required: true,
    options: [
      ["1", "Lundi"],
      ["2", "Mardi"],
      ["3", "Mercredi"],
      ["4", "Jeudi"],
      ["5", "Vendredi"],
      ["6", "Samedi"],
      ["0", "Dimanche"],
    ].map(([value, label]) => ({ value, label })),
  },
  {
    name: "inHolidays",
    label: "Ouvert pendant les vacances scolaires",
    type: "radio",
    required: true,
    options: [
      { value: "oui", label: "Oui" },
      { value: "non", label: "Non" },
    ],
  },
];

export const AGE_GROUP_FIELDS: FieldSpec[] = [
  { name: "name", label: "Nom du groupe", required: true, hint: "Exemple : Maternelle, Élémentaire +6 ans" },
  { name: "minYears", label: "Âge minimum (ans)", inputMode: "numeric", hint: "Âge au début de la période." },
  { name: "maxYears", label: "Âge maximum (ans, non compris)", inputMode: "numeric", hint: "Exemple : 6 pour les moins de 6 ans." },
  { name: "capacity", label: "Places du groupe", inputMode: "numeric", hint: "Facultatif : nombre maximal d'inscriptions dans ce groupe." },
  {
    name: "unitCapacity",
    label: "Places du groupe par unité et par jour",
    inputMode: "numeric",
    hint: "Facultatif : au-delà, les réservations des enfants de ce groupe vont en liste d'attente, même s'il reste des places dans l'unité.",
  },
];

export function unitRuleFields(units: { id: string; name: string }[]): FieldSpec[] {
  const options = [{ value: "", label: "— Choisissez —" }, ...units.map((u) => ({ value: u.id, label: u.name }))];
  return [
    { name: "unitId", label: "Unité", type: "select", required: true, options },
    {
      name: "kind",
      label: "Règle",
      type: "select",
      required: true,
      options: [
        { value: "INCOMPATIBLE", label: "ne peut pas être réservée le même jour que" },
        { value: "REQUIRES", label: "nécessite aussi, le même jour," },
      ],
    },
    {
      name: "otherUnitId",
      label: "Autre unité",
      type: "select",
      required: true,
      options,
      hint: "Plusieurs règles « nécessite » pour une unité : l'une des unités suffit.",
    },
  ];
}

export const TIME_UNIT_FIELDS: FieldSpec[] = [
  { name: "name", label: "Nom de l'unité", required: true, hint: "Exemple : Accueil soir de 16 h à 18 h 30" },
  { name: "startTime", label: "Heure de début", type: "time", required: true },
  { name: "endTime", label: "Heure de fin", type: "time", required: true },
  { name: "capacity", label: "Capacité (places par jour)", required: true, inputMode: "numeric" },
];

export const CAPACITY_OVERRIDE_FIELDS: FieldSpec[] = [
  { name: "date", label: "Jour", type: "date", required: true },
  { name: "capacity", label: "Places ce jour-là", required: true, inputMode: "numeric" },
];
