import type { Metadata } from "next";
import { InformationPage } from "@/components/layout/information-page";
import { getInformationPage, textBlocks } from "@/lib/settings/manage-information-pages";

export const metadata: Metadata = { title: "Données personnelles" };

export default async function Page() {
  const page = await getInformationPage("DONNEES_PERSONNELLES");
  return <InformationPage page={page} blocks={textBlocks(page.body)} />;
}
