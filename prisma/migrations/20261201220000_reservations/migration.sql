-- CreateEnum
CREATE TYPE "TimeUnitRuleKind" AS ENUM ('INCOMPATIBLE', 'REQUIRES');

-- AlterTable
ALTER TABLE "AgeGroup" ADD COLUMN     "unitCapacity" INTEGER;

-- AlterTable
ALTER TABLE "Reservation" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" TEXT,
ADD COLUMN     "waitlistRank" INTEGER;

-- CreateTable
CREATE TABLE "TimeUnitRule" (
    "id" TEXT NOT NULL,
    "kind" "TimeUnitRuleKind" NOT NULL,
    "unitId" TEXT NOT NULL,
    "otherUnitId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimeUnitRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TimeUnitRule_otherUnitId_idx" ON "TimeUnitRule"("otherUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "TimeUnitRule_unitId_otherUnitId_kind_key" ON "TimeUnitRule"("unitId", "otherUnitId", "kind");

-- AddForeignKey
ALTER TABLE "TimeUnitRule" ADD CONSTRAINT "TimeUnitRule_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "TimeUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeUnitRule" ADD CONSTRAINT "TimeUnitRule_otherUnitId_fkey" FOREIGN KEY ("otherUnitId") REFERENCES "TimeUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

