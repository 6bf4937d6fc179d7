// Whether an example serves HTML, and which pages: the build's answers say
// so. Every block of the same example on this page has its file, as the
// build wrote it. An example serves HTML if any of its answers, other than
// a redirect's stub, is an HTML page (a custom 404 page counts); each GET
// that answered 200 with HTML is a page the panel's Browser tab can start
// at. No request reaches the app to find out.

import { mediaType, statusCode } from "../http.js";

const isHtml = (response) => Boolean(response.body) && mediaType(response.headers) === "text/html";

/** The build's files of every block of ``exchange``'s example on this page, ``block`` (its own) first. */
export async function exampleBlocks(exchange, block, fetchJson) {
  const others = [...document.querySelectorAll(".exchange[data-live]")].filter(
    (other) => other !== exchange && other.dataset.example === exchange.dataset.example,
  );
  const files = await Promise.all(others.map((other) => fetchJson(other.dataset.live).catch(() => null)));
  return [block, ...files.filter(Boolean)];
}

/** Whether any answer of ``blocks`` is an HTML page (not a redirect's stub). */
export function servesHtml(blocks) {
  return blocks.some((block) => block.responses.some((response) => isHtml(response) && Math.floor(statusCode(response.status) / 100) !== 3));
}

/** The targets of the GETs of ``blocks`` answered 200 with HTML, without their {{names}}, each once. */
export function htmlPages(blocks) {
  const pages = blocks.flatMap((block) =>
    block.requests.filter((request, i) => request.method === "GET" && statusCode(block.responses[i].status) === 200 && isHtml(block.responses[i])),
  );
  return [...new Set(pages.map((request) => request.target.replace(/\{\{.*?\}\}/g, "")))];
}
