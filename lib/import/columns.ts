/*
 * The three files of an import and their columns: the header written in the downloadable templates (with one
 * example line), and the other spellings offices use. Shared by the page, the templates and the reader.
 */

export type ImportFileKind = "familles" | "enfants" | "inscriptions";

export interface ImportColumn {
  key: string;
  header: string;
  aliases: string[];
  example: string;
  required: boolean;
}

const col = (key: string, header: string, example: string, required: boolean, aliases: string[] = []): ImportColumn => ({
  key,
  header,
  example,
  required,
  aliases: [header, ...aliases],
});

export const IMPORT_COLUMNS: Record<ImportFileKind, ImportColumn[]> = {
  familles: [
    col("email", "E-mail de connexion", "claire.martin@exemple.fr", true, ["E-mail", "Email", "Courriel", "Mail"]),
    col("civility", "Civilité", "Mme", true, ["Civilite responsable 1"]),
    col("lastName", "Nom", "MARTIN", true, ["Nom responsable 1"]),
    col("firstName", "Prénom", "Claire", true, ["Prénom responsable 1"]),
    col("birthDate", "Date de naissance", "12/04/1988", false),
    col("mobilePhone", "Téléphone portable", "06 12 34 56 78", true, ["Portable", "Mobile", "Tél. portable"]),
    col("homePhone", "Téléphone domicile", "03 20 12 34 56", false, ["Domicile", "Tél. domicile", "Téléphone fixe"]),
    col("workPhone", "Téléphone professionnel", "", false, ["Téléphone travail", "Tél. travail"]),
    col("street", "Adresse", "12 rue des Tilleuls", true, ["N° et nom de voie", "Rue"]),
    col("addressComplement", "Complément d'adresse", "Bâtiment B", false),
    col("postalCode", "Code postal", "59000", true, ["CP"]),
    col("city", "Ville", "Lille", true, ["Commune"]),
    col("quotientFamilial", "Quotient familial", "650", false, ["QF"]),
    col("cafNumber", "Numéro d'allocataire CAF", "1234567", false, ["N° allocataire", "Numéro allocataire", "N° CAF"]),
    col("civility2", "Civilité 2", "M", false, ["Civilité responsable 2"]),
    col("lastName2", "Nom 2", "MARTIN", false, ["Nom responsable 2"]),
    col("firstName2", "Prénom 2", "Paul", false, ["Prénom responsable 2"]),
    col("mobilePhone2", "Téléphone portable 2", "06 98 76 54 32", false, ["Portable 2"]),
    col("email2", "E-mail 2", "paul.martin@exemple.fr", false, ["Email 2", "Courriel 2"]),
  ],
  enfants: [
    col("familyEmail", "E-mail de la famille", "claire.martin@exemple.fr", true, ["E-mail de connexion", "E-mail", "Email"]),
    col("lastName", "Nom", "MARTIN", true),
    col("firstName", "Prénom", "Léo", true),
    col("birthDate", "Date de naissance", "04/05/2018", true),
    col("sex", "Sexe", "M", true),
    col("school", "École", "École Jules Simon", false, ["Ecole"]),
    col("schoolClass", "Classe", "CE1", false),
    col("allergies", "Allergies", "arachide", false),
    col("pai", "PAI", "non", false),
    col("mealType", "Régime", "Sans porc", false, ["Régime alimentaire", "Type de repas"]),
    col("authorizedPersons", "Personnes autorisées", "Jeanne MARTIN, grand-mère, 06 11 22 33 44", false),
    col("photoConsent", "Droit à l'image", "oui", false),
    col("canLeaveAlone", "Sortie seul", "non", false),
    col("emergencyCareConsent", "Soins d'urgence", "oui", false),
  ],
  inscriptions: [
    col("familyEmail", "E-mail de la famille", "claire.martin@exemple.fr", true, ["E-mail de connexion", "E-mail", "Email"]),
    col("lastName", "Nom de l'enfant", "MARTIN", true, ["Nom"]),
    col("firstName", "Prénom de l'enfant", "Léo", true, ["Prénom"]),
    col("birthDate", "Date de naissance", "04/05/2018", true),
    col("activity", "Activité", "ALSH Les Chats Perchés — mercredis", true),
    col("period", "Période", "Mercredis 2026/2027", true),
    col("ageGroup", "Groupe", "Élémentaire +6 ans", false, ["Groupe d'âge"]),
  ],
};

export const FILE_LABELS: Record<ImportFileKind, string> = {
  familles: "Familles",
  enfants: "Enfants",
  inscriptions: "Inscriptions",
};

/** The header of a column, for the report (« colonne Date de naissance »). */
export function columnHeader(kind: ImportFileKind, key: string): string {
  return IMPORT_COLUMNS[kind].find((c) => c.key === key)?.header ?? key;
}

/** A template as Excel opens it well: UTF-8 with BOM, « ; » between columns, the header and one example line. */
export function importTemplate(kind: ImportFileKind): string {
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const columns = IMPORT_COLUMNS[kind];
  return `\uFEFF${columns.map((c) => quote(c.header)).join(";")}\r\n${columns.map((c) => quote(c.example)).join(";")}\r\n`;
}
