/**
 * The password of every demo account, published in the README and printed by `npm start`. No real account may
 * hold it: the password rules refuse it, and `npm run serve` refuses a database where an account still has it.
 */
export const PUBLIC_DEMO_PASSWORD = "Portail-Demo-2026";
