/** The product's name until an admin renames it in /admin/parametres (no import: read by forms in the browser too). */
export const PRODUCT_NAME = "Portail Famille";
