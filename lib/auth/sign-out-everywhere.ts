import "server-only";
import { db } from "@/lib/db";
import { closeAllSessions } from "./user-sessions";

/** Ends every session of the user (the devices learn it at their next request). */
export async function signOutEverywhere(userId: string): Promise<number> {
  return db.$transaction((tx) => closeAllSessions(tx, userId));
}
