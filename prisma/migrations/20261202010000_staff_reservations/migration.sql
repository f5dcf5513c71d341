-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('OPENING', 'DEADLINE', 'PROMOTED');

-- AlterEnum
ALTER TYPE "ReservationStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "Family" ADD COLUMN     "calendarToken" TEXT,
ADD COLUMN     "remindersOff" "ReminderKind"[] DEFAULT ARRAY[]::"ReminderKind"[];

-- CreateTable
CREATE TABLE "CancelledSlot" (
    "id" TEXT NOT NULL,
    "timeUnitId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CancelledSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CancelledSlot_timeUnitId_date_key" ON "CancelledSlot"("timeUnitId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Family_calendarToken_key" ON "Family"("calendarToken");

-- AddForeignKey
ALTER TABLE "CancelledSlot" ADD CONSTRAINT "CancelledSlot_timeUnitId_fkey" FOREIGN KEY ("timeUnitId") REFERENCES "TimeUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

