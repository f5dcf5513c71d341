/** The password hash of an imported account until its holder chooses one (« Activer mon compte »): never verifies (not an argon2 hash). */
export const NOT_ACTIVATED_PASSWORD_HASH = "!import:pas-encore-active";
