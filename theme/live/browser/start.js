// Whether an example serves an HTML page, and which: the build's answers
// say so. Every block of the same example on this page has its file, as
// the build wrote it; each GET in them that answered 200 with HTML is a page
// the panel's Browser tab can open. No request reaches the app to find out.

import { mediaType, statusCode } from "../http.js";

/** The targets of a block's GETs that the build saw answered 200 with HTML, without their {{names}}. */
export function htmlPages(block) {
  return block.requests
    .filter((request, i) => {
      const response = block.responses[i];
      return request.method === "GET" && statusCode(response.status) === 200 && mediaType(response.headers) === "text/html";
    })
    .map((request) => request.target.replace(/\{\{.*?\}\}/g, ""));
}

/**
 * The HTML pages the example of ``exchange`` (an exchange block's element,
 * whose file is ``block``) served in the build, ``block``'s own first;
 * ``fetchJson(url)`` fetches another block's file.
 */
export async function examplePages(exchange, block, fetchJson) {
  const others = [...document.querySelectorAll(".exchange[data-live]")].filter(
    (other) => other !== exchange && other.dataset.example === exchange.dataset.example,
  );
  const blocks = await Promise.all(others.map((other) => fetchJson(other.dataset.live).catch(() => null)));
  return [...new Set([block, ...blocks].filter(Boolean).flatMap(htmlPages))];
}
