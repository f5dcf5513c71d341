-- « Importer » runs in the background (ADR 028): one row per run, the files kept until it ends.
CREATE TYPE "ImportRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'RUNNING',
    "runningKey" TEXT,
    "familles" BYTEA,
    "enfants" BYTEA,
    "inscriptions" BYTEA,
    "batchSize" INTEGER NOT NULL DEFAULT 500,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT,
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ImportRun_runningKey_key" ON "ImportRun"("runningKey");
CREATE INDEX "ImportRun_startedAt_idx" ON "ImportRun"("startedAt");
