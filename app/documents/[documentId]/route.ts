import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { FileMissingError, openDocument } from "@/lib/documents/open-document";
import { UserFacingError } from "@/lib/errors";
import { attachment } from "@/lib/http/download";

const FILE_MISSING =
  "Ce document n'est plus disponible : son fichier est introuvable. La structure en est informée ; vous pouvez lui demander de le renvoyer.";
const FILE_MISSING_STAFF =
  "Le fichier de ce document est introuvable dans le stockage (supprimé en dehors du portail ?). Le document est marqué « Fichier manquant » dans vos listes : demandez-le à nouveau à la famille, ou remplacez le fichier publié.";

/** `/documents/<id>`: a document's file, always as a download with its safe name (never shown inline). */
export async function GET(_request: Request, { params }: { params: Promise<{ documentId: string }> }) {
  const user = await getSessionUser();
  const staff = user?.role === "STAFF" || user?.role === "ADMIN";
  if (!user || (!staff && (user.role !== "PARENT" || !user.familyId)))
    return NextResponse.json({ error: "Accès refusé." }, { status: 403 });
  const { documentId } = await params;
  if (!/^[\w-]{1,64}$/.test(documentId)) return NextResponse.json({ error: "Document introuvable." }, { status: 404 });
  try {
    const file = await openDocument({ id: documentId, familyId: staff ? null : user.familyId });
    return attachment(file.bytes, file.fileName, file.mimeType);
  } catch (error) {
    if (error instanceof UserFacingError) return NextResponse.json({ error: "Document introuvable." }, { status: 404 });
    // The row is there, its file is not (410 Gone): said in French, to staff what to do about it.
    if (error instanceof FileMissingError) {
      return new NextResponse(staff ? FILE_MISSING_STAFF : FILE_MISSING, {
        status: 410,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    throw error;
  }
}

export const dynamic = "force-dynamic";
