
-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('STRIPE', 'PAYFIP');

-- CreateEnum
CREATE TYPE "TariffMode" AS ENUM ('PER_UNIT', 'HOURLY');

-- CreateEnum
CREATE TYPE "SiblingScope" AS ENUM ('DAY', 'PERIOD');

-- CreateEnum
CREATE TYPE "SepaMandateStatus" AS ENUM ('ACTIVE', 'REVOKED');

-- CreateEnum
CREATE TYPE "DirectDebitStatus" AS ENUM ('PENDING', 'COLLECTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SepaSequence" AS ENUM ('FRST', 'RCUR');

-- CreateEnum
CREATE TYPE "PayfipResult" AS ENUM ('OPEN', 'P', 'R', 'A');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PaymentMethod" ADD VALUE 'PRELEVEMENT';
ALTER TYPE "PaymentMethod" ADD VALUE 'PAYFIP';

-- AlterTable
ALTER TABLE "Structure" ADD COLUMN     "payfipClientNumber" TEXT,
ADD COLUMN     "paymentProvider" "PaymentProvider" NOT NULL DEFAULT 'STRIPE',
ADD COLUMN     "residentCommunes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "sepaCreditorBic" TEXT,
ADD COLUMN     "sepaCreditorIban" TEXT,
ADD COLUMN     "sepaCreditorId" TEXT,
ADD COLUMN     "sepaCreditorName" TEXT,
ADD COLUMN     "sepaPrenotificationDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "sepaRejectionFeeCents" INTEGER,
ADD COLUMN     "siret" TEXT;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "taxCertificateEligible" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Tariff" ADD COLUMN     "nonResidentPriceCents" INTEGER;

-- AlterTable
ALTER TABLE "InvoiceLine" ADD COLUMN     "isAid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "isFee" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priceNote" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "payfipOperationId" TEXT;

-- CreateTable
CREATE TABLE "TariffRule" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "mode" "TariffMode" NOT NULL DEFAULT 'PER_UNIT',
    "siblingSecondPercent" INTEGER,
    "siblingThirdPercent" INTEGER,
    "siblingScope" "SiblingScope" NOT NULL DEFAULT 'DAY',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TariffRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxCertificate" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "documentId" TEXT,
    "generatedById" TEXT,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaxCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SepaMandate" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "rum" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "iban" TEXT NOT NULL,
    "bic" TEXT NOT NULL,
    "status" "SepaMandateStatus" NOT NULL DEFAULT 'ACTIVE',
    "signedAt" TIMESTAMP(3) NOT NULL,
    "signedPlace" TEXT,
    "signedOnline" BOOLEAN NOT NULL DEFAULT true,
    "signedById" TEXT,
    "firstMonth" DATE NOT NULL,
    "activeKey" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "firstCollectedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SepaMandate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectDebitBatch" (
    "id" TEXT NOT NULL,
    "structureId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "messageId" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "xml" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectDebitBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectDebit" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "mandateId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "sequence" "SepaSequence" NOT NULL,
    "endToEndId" TEXT NOT NULL,
    "status" "DirectDebitStatus" NOT NULL DEFAULT 'PENDING',
    "paymentId" TEXT,
    "prenotifiedAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "rejectionCode" TEXT,
    "rejectionLabel" TEXT,
    "rejectedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectDebit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandInPayfipOperation" (
    "id" TEXT NOT NULL,
    "numcli" TEXT NOT NULL,
    "exer" TEXT NOT NULL,
    "refdet" TEXT NOT NULL,
    "objet" TEXT NOT NULL,
    "montantCents" INTEGER NOT NULL,
    "mel" TEXT NOT NULL,
    "urlnotif" TEXT NOT NULL,
    "urlredirect" TEXT NOT NULL,
    "saisie" TEXT NOT NULL,
    "result" "PayfipResult" NOT NULL DEFAULT 'OPEN',
    "numauto" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StandInPayfipOperation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TariffRule_activityId_validFrom_key" ON "TariffRule"("activityId", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "TaxCertificate_documentId_key" ON "TaxCertificate"("documentId");

-- CreateIndex
CREATE INDEX "TaxCertificate_structureId_year_idx" ON "TaxCertificate"("structureId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "TaxCertificate_familyId_childId_structureId_year_key" ON "TaxCertificate"("familyId", "childId", "structureId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "SepaMandate_rum_key" ON "SepaMandate"("rum");

-- CreateIndex
CREATE UNIQUE INDEX "SepaMandate_activeKey_key" ON "SepaMandate"("activeKey");

-- CreateIndex
CREATE INDEX "SepaMandate_familyId_idx" ON "SepaMandate"("familyId");

-- CreateIndex
CREATE INDEX "SepaMandate_structureId_status_idx" ON "SepaMandate"("structureId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DirectDebitBatch_messageId_key" ON "DirectDebitBatch"("messageId");

-- CreateIndex
CREATE INDEX "DirectDebitBatch_structureId_month_idx" ON "DirectDebitBatch"("structureId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "DirectDebit_endToEndId_key" ON "DirectDebit"("endToEndId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectDebit_paymentId_key" ON "DirectDebit"("paymentId");

-- CreateIndex
CREATE INDEX "DirectDebit_invoiceId_status_idx" ON "DirectDebit"("invoiceId", "status");

-- CreateIndex
CREATE INDEX "DirectDebit_familyId_idx" ON "DirectDebit"("familyId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectDebit_batchId_invoiceId_key" ON "DirectDebit"("batchId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_payfipOperationId_key" ON "Payment"("payfipOperationId");

-- AddForeignKey
ALTER TABLE "TariffRule" ADD CONSTRAINT "TariffRule_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxCertificate" ADD CONSTRAINT "TaxCertificate_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxCertificate" ADD CONSTRAINT "TaxCertificate_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxCertificate" ADD CONSTRAINT "TaxCertificate_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxCertificate" ADD CONSTRAINT "TaxCertificate_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SepaMandate" ADD CONSTRAINT "SepaMandate_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SepaMandate" ADD CONSTRAINT "SepaMandate_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectDebitBatch" ADD CONSTRAINT "DirectDebitBatch_structureId_fkey" FOREIGN KEY ("structureId") REFERENCES "Structure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectDebit" ADD CONSTRAINT "DirectDebit_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "DirectDebitBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectDebit" ADD CONSTRAINT "DirectDebit_mandateId_fkey" FOREIGN KEY ("mandateId") REFERENCES "SepaMandate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectDebit" ADD CONSTRAINT "DirectDebit_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectDebit" ADD CONSTRAINT "DirectDebit_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

