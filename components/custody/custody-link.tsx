import { LinkButton } from "@/components/ui/link-button";

/**
 * The way to a shared child's « Calendrier de garde » from a child's card: the parent's (« Ma famille ») or the
 * staff's (the family file), where the plan is edited.
 */
export function CustodyLink({ href, childFirstName }: { href: string; childFirstName: string }) {
  return (
    <LinkButton href={href} variant="secondary" size="sm" aria-label={`Calendrier de garde de ${childFirstName}`}>
      Calendrier de garde
    </LinkButton>
  );
}
