/**
 * An import error as the report says it: « Colonne « Code postal » : 5 chiffres. ». The messages come from the
 * shared form fields, which name their field first (« Code postal : 5 chiffres. »): under the column's name that
 * label is said twice, so it is left out. Only a capitalised label of a few words is dropped; a message that
 * starts with its own sentence (« famille inconnue : … ») is kept whole.
 */
export function formatIssue(issue: { column: string | null; message: string }): string {
  if (!issue.column) return issue.message;
  const message = issue.message.replace(/^\p{Lu}[^:«»()]{0,60} : (?=\S)/u, "");
  return `Colonne « ${issue.column} » : ${message}`;
}
