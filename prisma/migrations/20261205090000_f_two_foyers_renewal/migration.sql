-- Issue 26 (ADR 051): a child in two foyers (garde alternée) with a custody calendar, the foyer billed for each
-- booked day, a parent's request to link a child, and renewals marked for the staff's queue.

-- CreateEnum
CREATE TYPE "CustodyKind" AS ENUM ('ALTERNATE_WEEKS', 'WEEKDAYS', 'DATES');

-- AlterEnum
ALTER TYPE "ChangeRequestKind" ADD VALUE 'CHILD_LINK';

-- AlterTable
ALTER TABLE "Inscription" ADD COLUMN     "isRenewal" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Reservation" ADD COLUMN     "foyerId" TEXT;

-- CreateTable
CREATE TABLE "ChildFoyer" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "linkedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChildFoyer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustodyPlan" (
    "childId" TEXT NOT NULL,
    "kind" "CustodyKind" NOT NULL,
    "evenWeeksFamilyId" TEXT,
    "weekdayFamilyIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "defaultFamilyId" TEXT NOT NULL,
    "firstFoyerSharePercent" INTEGER,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustodyPlan_pkey" PRIMARY KEY ("childId")
);

-- CreateTable
CREATE TABLE "CustodyDay" (
    "childId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "familyId" TEXT NOT NULL,

    CONSTRAINT "CustodyDay_pkey" PRIMARY KEY ("childId","date")
);

-- CreateIndex
CREATE INDEX "ChildFoyer_familyId_idx" ON "ChildFoyer"("familyId");

-- CreateIndex
CREATE UNIQUE INDEX "ChildFoyer_childId_familyId_key" ON "ChildFoyer"("childId", "familyId");

-- CreateIndex
CREATE INDEX "CustodyDay_familyId_idx" ON "CustodyDay"("familyId");

-- CreateIndex
CREATE INDEX "Reservation_foyerId_idx" ON "Reservation"("foyerId");

-- AddForeignKey
ALTER TABLE "ChildFoyer" ADD CONSTRAINT "ChildFoyer_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChildFoyer" ADD CONSTRAINT "ChildFoyer_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyPlan" ADD CONSTRAINT "CustodyPlan_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyDay" ADD CONSTRAINT "CustodyDay_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyDay" ADD CONSTRAINT "CustodyDay_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_foyerId_fkey" FOREIGN KEY ("foyerId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

