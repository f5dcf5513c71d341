-- Issue 9: one word per decision for every machine, the status of a child in the workflow, and the log of direct edits by staff.

-- One word for a positive decision: a change request is VALIDATED, like the others.
ALTER TYPE "ChangeRequestStatus" RENAME VALUE 'ACCEPTED' TO 'VALIDATED';
UPDATE "TransitionLog" SET "toStatus" = 'VALIDATED' WHERE "machine" = 'CHANGE_REQUEST' AND "toStatus" = 'ACCEPTED';
UPDATE "EmailOutbox" SET "template" = 'change-request-validated' WHERE "template" = 'change-request-accepted';

-- One name for the reason of a decision.
ALTER TABLE "AccountRequest" RENAME COLUMN "refusalReason" TO "reason";
ALTER TABLE "ChangeRequest" RENAME COLUMN "refusalReason" TO "reason";

-- The status of a child is a machine of lib/workflow.
ALTER TYPE "WorkflowMachine" ADD VALUE 'CHILD';

CREATE TYPE "StaffEditKind" AS ENUM ('ADDRESS', 'QUOTIENT_FAMILIAL', 'ADULT', 'ADULT_DETAILS', 'LOGIN_EMAIL', 'CHILD');

CREATE TABLE "StaffEdit" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "kind" "StaffEditKind" NOT NULL,
    "targetId" TEXT,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffEdit_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "StaffEdit_familyId_createdAt_idx" ON "StaffEdit"("familyId", "createdAt");
CREATE INDEX "StaffEdit_actorId_idx" ON "StaffEdit"("actorId");

ALTER TABLE "StaffEdit" ADD CONSTRAINT "StaffEdit_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StaffEdit" ADD CONSTRAINT "StaffEdit_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
