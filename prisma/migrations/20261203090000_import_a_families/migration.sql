-- Families imported from a structure's files (/admin/import, `npm run import`): the account exists without a usable
-- password until its holder follows « Activer mon compte » (ADR 028).
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "importedAt" TIMESTAMP(3),
ADD COLUMN     "invitedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "User_importedAt_idx" ON "User"("importedAt");
