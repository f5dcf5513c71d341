-- CreateEnum
CREATE TYPE "StaffScopeChangeKind" AS ENUM ('ADDED', 'REMOVED');

-- CreateTable
CREATE TABLE "StaffStructure" (
    "userId" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffStructure_pkey" PRIMARY KEY ("userId","structureId")
);

-- CreateTable
CREATE TABLE "StaffScopeChange" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "StaffScopeChangeKind" NOT NULL,
    "structureId" TEXT,
    "structureName" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffScopeChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffStructure_structureId_idx" ON "StaffStructure"("structureId");

-- CreateIndex
CREATE INDEX "StaffScopeChange_userId_createdAt_idx" ON "StaffScopeChange"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "StaffScopeChange_structureId_idx" ON "StaffScopeChange"("structureId");

-- CreateIndex
CREATE INDEX "StaffScopeChange_actorId_idx" ON "StaffScopeChange"("actorId");

-- AddForeignKey
ALTER TABLE "StaffStructure" ADD CONSTRAINT "StaffStructure_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffStructure" ADD CONSTRAINT "StaffStructure_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffScopeChange" ADD CONSTRAINT "StaffScopeChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffScopeChange" ADD CONSTRAINT "StaffScopeChange_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffScopeChange" ADD CONSTRAINT "StaffScopeChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

