-- Issue 26 (ADR 051): a shared child's day billed in a fixed split has one line on each foyer's invoice.
-- DropIndex
DROP INDEX "InvoiceLine_reservationId_key";

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceLine_reservationId_invoiceId_key" ON "InvoiceLine"("reservationId", "invoiceId");

