// The one tab widget of the panel (the Answers and Browser views, the files
// of the example), as the WAI-ARIA tabs pattern has it: one tab in the Tab
// order at a time (the selected one), arrow keys, Home and End move between
// tabs and select the one they reach, and each tab panel is named by its tab.

import { element } from "./dom.js";

export class Tabs {
  /** A tab list named ``label``; ``onSelect(panel)`` is called when a tab is selected. */
  constructor(label, { onSelect = () => {} } = {}) {
    this.onSelect = onSelect;
    this.tabs = [];
    this.list = element("div", { class: "live-tabs", role: "tablist", "aria-label": label });
    this.list.addEventListener("keydown", (event) => this.keydown(event));
  }

  /** Add a tab called ``name`` for ``panel`` (which has an id); the first one added is selected. */
  add(name, panel) {
    const first = this.tabs.length === 0;
    const tab = element("button", { type: "button", role: "tab", id: `${panel.id}-tab`, "aria-controls": panel.id, text: name });
    tab.setAttribute("aria-selected", String(first));
    tab.tabIndex = first ? 0 : -1;
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.hidden = !first;
    tab.addEventListener("click", () => this.select(tab));
    this.tabs.push({ tab, panel });
    this.list.append(tab);
    return tab;
  }

  /** Select ``tab`` and show its panel. */
  select(tab) {
    for (const { tab: each, panel } of this.tabs) {
      each.setAttribute("aria-selected", String(each === tab));
      each.tabIndex = each === tab ? 0 : -1;
      panel.hidden = each !== tab;
    }
    this.onSelect(this.tabs.find((each) => each.tab === tab).panel);
  }

  /** Show the panel that holds ``node``, selecting its tab unless it is selected. */
  reveal(node) {
    const holder = this.tabs.find(({ panel }) => panel.contains(node));
    if (holder && holder.panel.hidden) this.select(holder.tab);
  }

  keydown(event) {
    const index = this.tabs.findIndex(({ tab }) => tab === event.target);
    if (index < 0) return;
    const last = this.tabs.length - 1;
    const moves = { ArrowLeft: index === 0 ? last : index - 1, ArrowRight: index === last ? 0 : index + 1, Home: 0, End: last };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const { tab } = this.tabs[moves[event.key]];
    tab.focus();
    this.select(tab);
  }
}
