import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * react-hook-form's zod resolver, with the schema (and zod itself, ≈ 80 kB
 * gzip) downloaded on the first validation — the first « Envoyer » or « Suivant »
 * — instead of with the page. The same schema as the server's, as before; a
 * page with a form weighs about what a page without one does.
 */
export function lazyZodResolver<V extends FieldValues, O = V>(load: () => Promise<z.ZodType>): Resolver<V, unknown, O> {
  let ready: Promise<Resolver<V, unknown, O>> | null = null;
  return async (values, context, options) => {
    ready ??= Promise.all([import("@hookform/resolvers/zod"), load()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Resolver<V, unknown, O>,
    );
    try {
      return await (
        await ready
      )(values, context, options);
    } catch (error) {
      ready = null; // a failed download (network) is tried again on the next validation
      throw error;
    }
  };
}
