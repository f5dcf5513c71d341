import type { TextBlock } from "@/lib/settings/manage-information-pages";

/** Staff's text as headings, paragraphs and lists — elements, never HTML. */
export function RichText({ blocks }: { blocks: TextBlock[] }) {
  return (
    <div className="flex flex-col gap-3 leading-relaxed">
      {blocks.map((block, index) =>
        block.kind === "heading" ? (
          <h2 key={index} className="mt-2 text-xl font-bold text-gray-900">
            {block.text}
          </h2>
        ) : block.kind === "list" ? (
          <ul key={index} className="list-disc pl-6">
            {block.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={index}>{block.text}</p>
        ),
      )}
    </div>
  );
}
