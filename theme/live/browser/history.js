// The pages a visitor has seen, for Back and Forward. No DOM.

/** A history of entries, with the one shown; a new page drops those after it, as browsers do. */
export class History {
  constructor() {
    this.entries = [];
    this.index = -1;
  }

  get current() {
    return this.entries[this.index];
  }

  get canGoBack() {
    return this.index > 0;
  }

  get canGoForward() {
    return this.index < this.entries.length - 1;
  }

  /** Add a page after the one shown, or put it in its place (``replace``, as a reload does). */
  visit(entry, { replace = false } = {}) {
    if (replace && this.index >= 0) this.entries[this.index] = entry;
    else {
      this.entries.splice(this.index + 1, Infinity, entry);
      this.index = this.entries.length - 1;
    }
  }

  /** Move ``step`` pages back (negative) or forward; returns the entry, or null if there is none. */
  go(step) {
    const index = this.index + step;
    if (index < 0 || index >= this.entries.length) return null;
    this.index = index;
    return this.current;
  }
}
