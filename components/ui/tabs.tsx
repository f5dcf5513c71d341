"use client";
import * as TabsPrimitive from "@radix-ui/react-tabs";
import { useEffect, useState, type ReactNode } from "react";

/**
 * Tabs (Radix: arrow keys move between tabs, the panel follows). The open
 * tab is kept in the URL hash so a reload or a link opens the same one.
 */
export function Tabs({
  label,
  tabs,
  defaultTab,
}: {
  label: string;
  tabs: { id: string; title: string; content: ReactNode }[];
  defaultTab?: string;
}) {
  const [value, setValue] = useState(defaultTab ?? tabs[0]?.id ?? "");
  const ids = tabs.map((t) => t.id).join(" ");
  useEffect(() => {
    const fromHash = window.location.hash.slice(1);
    // The hash exists only in the browser, after hydration: this one update is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (ids.split(" ").includes(fromHash)) setValue(fromHash);
  }, [ids]);
  return (
    <TabsPrimitive.Root
      value={value}
      onValueChange={(next) => {
        setValue(next);
        window.history.replaceState(null, "", `#${next}`);
      }}
    >
      <TabsPrimitive.List aria-label={label} className="mb-4 flex gap-1 overflow-x-auto border-b border-gray-300">
        {tabs.map((tab) => (
          <TabsPrimitive.Trigger
            key={tab.id}
            value={tab.id}
            className="min-h-11 shrink-0 rounded-t-md border-b-4 border-transparent px-3 py-2 font-semibold text-gray-800 hover:bg-brand-soft data-[state=active]:border-brand data-[state=active]:text-brand"
          >
            {tab.title}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
      {tabs.map((tab) => (
        <TabsPrimitive.Content key={tab.id} value={tab.id} className="focus:outline-none focus-visible:ring-2 focus-visible:ring-brand">
          {tab.content}
        </TabsPrimitive.Content>
      ))}
    </TabsPrimitive.Root>
  );
}
