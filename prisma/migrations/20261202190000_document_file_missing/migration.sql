-- A download found no file in the store: staff see « Fichier manquant » (issue 21).
ALTER TABLE "Document" ADD COLUMN "fileMissingAt" TIMESTAMP(3);
