-- CreateEnum
CREATE TYPE "BillingRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Structure" ADD COLUMN     "invoiceDueDays" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "unpaidBlockDays" INTEGER;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "creditedCents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "anomalyNote" TEXT,
ADD COLUMN     "anomalyResolvedAt" TIMESTAMP(3),
ADD COLUMN     "anomalyResolvedById" TEXT;

-- CreateTable
CREATE TABLE "BillingRun" (
    "id" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "status" "BillingRunStatus" NOT NULL DEFAULT 'RUNNING',
    "runningKey" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "invoices" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL DEFAULT 0,
    "firstNumber" TEXT,
    "lastNumber" TEXT,
    "familiesWithoutLines" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BillingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingRun_runningKey_key" ON "BillingRun"("runningKey");

-- CreateIndex
CREATE INDEX "BillingRun_structureId_month_startedAt_idx" ON "BillingRun"("structureId", "month", "startedAt");

-- AddForeignKey
ALTER TABLE "BillingRun" ADD CONSTRAINT "BillingRun_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

