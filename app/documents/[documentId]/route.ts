import { NextResponse } from "next/server";
import { FileMissingError, openDocument } from "@/lib/documents/open-document";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";
import { parentOrStaffRoute } from "@/lib/http/route";

const NOT_FOUND = "Document introuvable.";
const FILE_MISSING =
  "Ce document n'est plus disponible : son fichier est introuvable. La structure en est informée ; vous pouvez lui demander de le renvoyer.";
const FILE_MISSING_STAFF =
  "Le fichier de ce document est introuvable dans le stockage (supprimé en dehors du portail ?). Le document est marqué « Fichier manquant » dans vos listes : demandez-le à nouveau à la famille, ou remplacez le fichier publié.";

/** `/documents/<id>`: a document's file, always as a download with its safe name (never shown inline). */
export const GET = parentOrStaffRoute(async (_request, { user, familyId }, { params }: { params: Promise<{ documentId: string }> }) => {
  const { documentId } = await params;
  if (!/^[\w-]{1,64}$/.test(documentId)) throw new NotFoundError(NOT_FOUND);
  try {
    const file = await openDocument({ id: documentId, familyId, scope: user.scope });
    return attachment(file.bytes, file.fileName, file.mimeType);
  } catch (error) {
    // Whatever the reason (missing, another family's, withdrawn), the same answer.
    if (error instanceof UserFacingError) throw new NotFoundError(NOT_FOUND);
    // The row is there, its file is not (410 Gone): said in French, to staff what to do about it.
    if (error instanceof FileMissingError) {
      return new NextResponse(familyId === null ? FILE_MISSING_STAFF : FILE_MISSING, {
        status: 410,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    throw error;
  }
});

export const dynamic = "force-dynamic";
