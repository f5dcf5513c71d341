import "server-only";
import { transaction } from "@/lib/db";
import { closeAllSessions } from "./user-sessions";

/** Ends every session of the user (the devices learn it at their next request). */
export async function signOutEverywhere(userId: string): Promise<number> {
  return transaction((tx) => closeAllSessions(tx, userId));
}
