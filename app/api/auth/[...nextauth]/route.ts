import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { publicRoute } from "@/lib/http/route";

const handler = NextAuth(authOptions);

/** Signing in and out: next-auth's own handler, for anyone. */
export const GET = publicRoute<unknown>((request, context) => handler(request, context));
export const POST = publicRoute<unknown>((request, context) => handler(request, context));
