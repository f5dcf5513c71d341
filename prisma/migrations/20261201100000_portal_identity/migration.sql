-- CreateEnum
CREATE TYPE "InformationPageSlug" AS ENUM ('MENTIONS_LEGALES', 'DONNEES_PERSONNELLES', 'ACCESSIBILITE', 'CONTACT');

-- CreateTable
CREATE TABLE "PortalSettings" (
    "id" TEXT NOT NULL DEFAULT 'portail',
    "name" TEXT NOT NULL,
    "primaryColor" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "openingHours" TEXT NOT NULL,
    "logo" BYTEA,
    "logoType" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InformationPage" (
    "slug" "InformationPageSlug" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InformationPage_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "PortalSettings_updatedById_idx" ON "PortalSettings"("updatedById");

-- CreateIndex
CREATE INDEX "InformationPage_updatedById_idx" ON "InformationPage"("updatedById");

-- AddForeignKey
ALTER TABLE "PortalSettings" ADD CONSTRAINT "PortalSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InformationPage" ADD CONSTRAINT "InformationPage_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

