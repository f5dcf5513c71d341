-- AlterTable
ALTER TABLE "Adult" ADD COLUMN     "relationship" TEXT;

