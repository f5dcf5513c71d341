import type { Metadata } from "next";
import { InformationPage } from "@/components/layout/information-page";
import { getInformationPage, textBlocks } from "@/lib/settings/manage-information-pages";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

export default async function Page() {
  const page = await getInformationPage("ACCESSIBILITE");
  return <InformationPage page={page} blocks={textBlocks(page.body)} />;
}
