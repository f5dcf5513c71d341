-- « Paiement n° … » on the family's receipt (issue 24, ADR 037): a sequence, as SERIAL makes it, with the payments
-- already recorded numbered in the order they were started.
ALTER TABLE "Payment" ADD COLUMN "number" INTEGER;
CREATE SEQUENCE "Payment_number_seq" AS INTEGER OWNED BY "Payment"."number";
UPDATE "Payment" AS p SET "number" = n.rn
FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id") AS rn FROM "Payment") AS n
WHERE p."id" = n."id";
SELECT setval('"Payment_number_seq"', coalesce((SELECT max("number") FROM "Payment"), 0) + 1, false);
ALTER TABLE "Payment" ALTER COLUMN "number" SET DEFAULT nextval('"Payment_number_seq"'), ALTER COLUMN "number" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Payment_number_key" ON "Payment"("number");
