// The colours of a message's head, as the notes give them: the roles of
// plugins/example_core/rules.json (the request line's method and path, the
// status, each header's name), the same elements the build's Pygments
// writes, such as <t-na>. No DOM: a test runs it beside the build's rendering.

import rules from "../../plugins/example_core/rules.json" with { type: "json" };

const roles = rules.head_roles;

/**
 * One line of a message's head (``index`` 0 is the start line) as parts
 * ``[role, text]``; ``role`` is null for text the notes leave plain.
 */
export function headParts(line, index) {
  if (index === 0) {
    const response = line.match(/^(HTTP\/\d\.\d) (\d{3}.*)$/);
    if (response) return [[null, `${response[1]} `], [roles.status, response[2]]];
    const request = line.match(/^(\S+ \S+) (HTTP\/\d\.\d)$/);
    if (request) return [[roles.request_line, request[1]], [null, ` ${request[2]}`]];
  }
  const colon = line.indexOf(":");
  if (colon > 0) return [[roles.header_name, line.slice(0, colon)], [null, `: ${line.slice(colon + 1).trimStart()}`]];
  return [[null, line]];
}

/**
 * A whole message, line by line, as parts: its head coloured by ``headParts``,
 * its body plain. ``kinds`` may mark lines of a comparison ("added",
 * "removed"); a marked blank line does not end the head.
 */
export function messageParts(lines, kinds = []) {
  let inBody = false;
  return lines.map((line, index) => {
    const parts = inBody ? [[null, line]] : headParts(line, index);
    if (line === "" && !kinds[index]) inBody = true;
    return parts;
  });
}
