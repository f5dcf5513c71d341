-- White-label down to the documents (issue 24, ADR 035): the product's name can be renamed by an admin,
-- and an invoice line says when its day was an « absence facturée ».
ALTER TABLE "PortalSettings" ADD COLUMN "productName" TEXT NOT NULL DEFAULT 'Portail Famille';

ALTER TABLE "InvoiceLine" ADD COLUMN "billedAbsence" BOOLEAN NOT NULL DEFAULT false;

-- Lines billed before this column: the reservation went from « Absence facturée » to « Facturée » (TransitionLog).
UPDATE "InvoiceLine" l SET "billedAbsence" = true
WHERE l."reservationId" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "TransitionLog" t
    WHERE t."machine" = 'RESERVATION' AND t."entityId" = l."reservationId"
      AND t."fromStatus" = 'ABSENT_BILLED' AND t."toStatus" = 'INVOICED'
  );
