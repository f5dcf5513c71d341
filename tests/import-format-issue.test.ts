import { describe, expect, it } from "vitest";
import { formatIssue } from "@/lib/import/format-issue";

describe("formatIssue (the import report's error lines)", () => {
  it("names the column once, dropping the field's own label from the message", () => {
    expect(formatIssue({ column: "Code postal", message: "Code postal : 5 chiffres." })).toBe("Colonne « Code postal » : 5 chiffres.");
    expect(formatIssue({ column: "Adresse", message: "N° et nom de voie : champ obligatoire." })).toBe(
      "Colonne « Adresse » : champ obligatoire.",
    );
    expect(formatIssue({ column: "E-mail de connexion", message: "E-mail : adresse invalide (exemple : prenom.nom@exemple.fr)." })).toBe(
      "Colonne « E-mail de connexion » : adresse invalide (exemple : prenom.nom@exemple.fr).",
    );
  });

  it("keeps a message that is its own sentence, and a message without a column", () => {
    expect(formatIssue({ column: "E-mail de la famille", message: "famille inconnue : a@b.fr (absente du fichier des familles)." })).toBe(
      "Colonne « E-mail de la famille » : famille inconnue : a@b.fr (absente du fichier des familles).",
    );
    expect(formatIssue({ column: "Activité", message: "activité inconnue : « Natation » (créez-la d'abord dans Activités)." })).toBe(
      "Colonne « Activité » : activité inconnue : « Natation » (créez-la d'abord dans Activités).",
    );
    expect(formatIssue({ column: null, message: "Ligne en double : cet e-mail de connexion figure déjà ligne 2." })).toBe(
      "Ligne en double : cet e-mail de connexion figure déjà ligne 2.",
    );
  });
});
