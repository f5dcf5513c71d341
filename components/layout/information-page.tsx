import type { InformationPageView, TextBlock } from "@/lib/settings/manage-information-pages";
import { PageHeader } from "@/components/ui/page-header";
import { RichText } from "@/components/ui/rich-text";
import { formatDate } from "@/lib/format";
import { Page } from "@/components/ui/page";

/** A footer page (mentions légales, données personnelles, accessibilité, contact) as staff wrote it. */
export function InformationPage({ page, blocks, before }: { page: InformationPageView; blocks: TextBlock[]; before?: React.ReactNode }) {
  return (
    <Page>
      <PageHeader title={page.title} />
      {before}
      <RichText blocks={blocks} />
      {page.updatedAt ? <p className="mt-6 text-sm text-gray-700">Mise à jour le {formatDate(page.updatedAt)}.</p> : null}
    </Page>
  );
}
