-- CreateEnum
CREATE TYPE "DocumentScope" AS ENUM ('FAMILY', 'CHILD');

-- CreateEnum
CREATE TYPE "DocumentValidity" AS ENUM ('NONE', 'CALENDAR_YEAR', 'SCHOOL_YEAR', 'ONE_YEAR');

-- AlterEnum
ALTER TYPE "DocumentKind" ADD VALUE 'MESSAGE_ATTACHMENT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DocumentStatus" ADD VALUE 'UNPUBLISHED';
ALTER TYPE "DocumentStatus" ADD VALUE 'DELETED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WorkflowMachine" ADD VALUE 'DOCUMENT';
ALTER TYPE "WorkflowMachine" ADD VALUE 'MESSAGE_THREAD';

-- AlterEnum
ALTER TYPE "StaffEditKind" ADD VALUE 'ANONYMISED';

-- AlterTable
ALTER TABLE "Family" ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Document" DROP COLUMN "content",
ADD COLUMN     "activityId" TEXT,
ADD COLUMN     "childId" TEXT,
ADD COLUMN     "replacesId" TEXT,
ADD COLUMN     "reservationId" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" TEXT,
ADD COLUMN     "storageKey" TEXT NOT NULL,
ADD COLUMN     "structureId" TEXT,
ADD COLUMN     "typeId" TEXT,
ADD COLUMN     "validUntil" DATE;

-- AlterTable
ALTER TABLE "MessageThread" ADD COLUMN     "assignedToId" TEXT,
ADD COLUMN     "childId" TEXT,
ADD COLUMN     "familyReadAt" TIMESTAMP(3),
ADD COLUMN     "lastFromStaff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "staffReadAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "documentId" TEXT,
ADD COLUMN     "fromStaff" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PortalSettings" ADD COLUMN     "documentRetentionMonths" INTEGER NOT NULL DEFAULT 36;

-- CreateTable
CREATE TABLE "DocumentType" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "DocumentScope" NOT NULL DEFAULT 'FAMILY',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "validity" "DocumentValidity" NOT NULL DEFAULT 'NONE',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentView" (
    "documentId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentView_pkey" PRIMARY KEY ("documentId","familyId")
);

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DocumentType_name_key" ON "DocumentType"("name");

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_title_key" ON "MessageTemplate"("title");

-- CreateIndex
CREATE UNIQUE INDEX "Document_storageKey_key" ON "Document"("storageKey");

-- CreateIndex
CREATE INDEX "Document_reservationId_idx" ON "Document"("reservationId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "DocumentType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentView" ADD CONSTRAINT "DocumentView_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentView" ADD CONSTRAINT "DocumentView_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

