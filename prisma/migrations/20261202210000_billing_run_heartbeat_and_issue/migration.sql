-- A run's heartbeat (a dead run is detected and resumed), and « Envoyer les factures » as a run too.
-- CreateEnum
CREATE TYPE "BillingRunKind" AS ENUM ('GENERATE', 'ISSUE');

-- AlterTable
ALTER TABLE "BillingRun" ADD COLUMN     "dueDate" DATE,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "kind" "BillingRunKind" NOT NULL DEFAULT 'GENERATE';
