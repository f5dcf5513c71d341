/** The confirmation a form leaves after redirecting here (?message=…); React escapes it. */
export function FlashMessage({ message }: { message: string | string[] | undefined }) {
  if (typeof message !== "string" || message.length === 0) return null;
  return <p role="status" className="alert alert-success">{message.slice(0, 300)}</p>;
}
