-- No invoice could exist before this migration (nothing created one): the new columns are required at once.
-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- AlterEnum
ALTER TYPE "WorkflowMachine" ADD VALUE 'PAYMENT';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "anomaly" TEXT,
ADD COLUMN     "invoiceIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- DropIndex
DROP INDEX "Invoice_familyId_month_key";

-- DropIndex (a number is unique within its structure: each structure numbers its own invoices)
DROP INDEX "Invoice_number_key";

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "creditedInvoiceId" TEXT,
ADD COLUMN     "kind" "InvoiceKind" NOT NULL DEFAULT 'INVOICE',
ADD COLUMN     "payerAddress" TEXT NOT NULL,
ADD COLUMN     "payerName" TEXT NOT NULL,
ADD COLUMN     "sequence" INTEGER NOT NULL,
ADD COLUMN     "structureId" TEXT NOT NULL,
ADD COLUMN     "year" INTEGER NOT NULL;

-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "structureId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("structureId","year")
);

-- CreateTable
CREATE TABLE "BillingMonth" (
    "structureId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "generatedAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "lockedById" TEXT,

    CONSTRAINT "BillingMonth_pkey" PRIMARY KEY ("structureId","month")
);

-- CreateTable
CREATE TABLE "QuotientHistory" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "quotientFamilial" INTEGER,
    "validFrom" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotientHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotientHistory_familyId_validFrom_key" ON "QuotientHistory"("familyId", "validFrom");

-- CreateIndex
CREATE INDEX "Invoice_familyId_month_idx" ON "Invoice"("familyId", "month");

-- CreateIndex
CREATE INDEX "Invoice_structureId_month_idx" ON "Invoice"("structureId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_structureId_year_sequence_key" ON "Invoice"("structureId", "year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_structureId_number_key" ON "Invoice"("structureId", "number");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_creditedInvoiceId_fkey" FOREIGN KEY ("creditedInvoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceCounter" ADD CONSTRAINT "InvoiceCounter_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingMonth" ADD CONSTRAINT "BillingMonth_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotientHistory" ADD CONSTRAINT "QuotientHistory_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

