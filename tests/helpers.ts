import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDemoStructure, createFamily, createStaffUser } from "@/prisma/factories";
import { actorFromUser } from "@/lib/workflow";

// lib/db's proxy is a real PrismaClient at run time.
export const prisma = db as PrismaClient;

export async function staffActor() {
  const staff = await createStaffUser(prisma);
  return actorFromUser(staff);
}

export async function familyWithChild(birthDate = "2019-05-04") {
  return createFamily(prisma, { children: [{ firstName: "Zoé", birthDate, sex: "F" }] });
}

let structurePromise: ReturnType<typeof createDemoStructure> | undefined;
/** One demo structure for the whole test run (it is read-only for the tests). */
export function demoStructure() {
  structurePromise ??= createDemoStructure(prisma, new Date("2026-11-24T10:00:00Z"), `Structure de test ${Date.now()}`);
  return structurePromise;
}
