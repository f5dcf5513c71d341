-- « Préparer une demande d'inscription » for a child waiting for the structure's check (issue 24, ADR 037).
-- CreateTable
CREATE TABLE "PreparedInscription" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "ageGroupId" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "preparedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PreparedInscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PreparedInscription_familyId_idx" ON "PreparedInscription"("familyId");

-- CreateIndex
CREATE INDEX "PreparedInscription_activityId_idx" ON "PreparedInscription"("activityId");

-- CreateIndex
CREATE INDEX "PreparedInscription_periodId_idx" ON "PreparedInscription"("periodId");

-- CreateIndex
CREATE INDEX "PreparedInscription_ageGroupId_idx" ON "PreparedInscription"("ageGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "PreparedInscription_childId_activityId_periodId_key" ON "PreparedInscription"("childId", "activityId", "periodId");

-- AddForeignKey
ALTER TABLE "PreparedInscription" ADD CONSTRAINT "PreparedInscription_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreparedInscription" ADD CONSTRAINT "PreparedInscription_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreparedInscription" ADD CONSTRAINT "PreparedInscription_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreparedInscription" ADD CONSTRAINT "PreparedInscription_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreparedInscription" ADD CONSTRAINT "PreparedInscription_ageGroupId_fkey" FOREIGN KEY ("ageGroupId") REFERENCES "AgeGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

