-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "renewalsOpenAt" TIMESTAMP(3);

