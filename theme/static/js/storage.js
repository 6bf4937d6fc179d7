// What this browser keeps for the reader, in localStorage: the edits to each
// example's files, and each exercise's state. Nothing leaves the browser.
// The live panels bundle this module; the /exercises/ page's script (exercise-list.js)
// imports it by its URL. A browser whose storage is full, turned off or
// refused (a private window, a policy) keeps nothing, and the page works on:
// each call says whether it could, and never throws.

// Every key of the site starts so; /exercises/ clears them all with one button.
export const PREFIX = "how-webservers-work:";

function storage() {
  try {
    return window.localStorage; // reading it throws where storage is refused
  } catch {
    return null;
  }
}

/** The value kept under ``key`` (JSON), or ``null`` if none, or it cannot be read. */
export function readKept(key) {
  try {
    const text = storage()?.getItem(PREFIX + key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Keep ``value`` (JSON-ready) under ``key``; ``null`` forgets it. True if it was kept (or forgotten). */
export function keep(key, value) {
  const store = storage();
  if (!store) return false;
  try {
    if (value === null) store.removeItem(PREFIX + key);
    else store.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false; // the quota, most often
  }
}

/** The keys kept that start with ``start`` (after the site's prefix), without the prefix. */
export function keptKeys(start = "") {
  const store = storage();
  const keys = [];
  try {
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index);
      if (key?.startsWith(PREFIX + start)) keys.push(key.slice(PREFIX.length));
    }
  } catch {
    return [];
  }
  return keys;
}

/** Forget everything this site kept in this browser; true if it could. */
export function forgetAll() {
  return keptKeys().every((key) => keep(key, null));
}

/** An exercise's state kept in this browser: ``solved``, ``tries``, ``hints`` shown, ``picked`` (a prediction). */
export function exerciseState(id) {
  return { solved: false, tries: 0, hints: 0, picked: null, ...readKept(`exercise:${id}`) };
}

/** Keep ``changes`` to exercise ``id``'s state; returns the state as it is now. */
export function updateExercise(id, changes) {
  const state = { ...exerciseState(id), ...changes };
  keep(`exercise:${id}`, state);
  return state;
}
