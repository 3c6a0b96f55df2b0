/**
 * Closes JSON cut short by a token limit. Under a grammar every generated prefix is a valid start of an
 * action, and a long generation is almost always cut inside a string value (the answer, an argument):
 * closing that string and the open brackets gives back the action the model was writing.
 */

/** The prefix completed into parseable JSON, or undefined when it cannot be closed sensibly. */
export function closeJsonPrefix(prefix: string): string | undefined {
  const stack: Array<"{" | "["> = [];
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  for (let index = 0; index < prefix.length; index += 1) {
    const character = prefix[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (character === "\\") escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
      stringStart = index;
    } else if (character === "{" || character === "[") stack.push(character);
    else if (character === "}" || character === "]") stack.pop();
  }
  let closed = prefix;
  if (inString) {
    // Drop a dangling escape (`\` or a partial `\u12`) before closing the string.
    closed = closed.replace(/\\(u[0-9a-fA-F]{0,3})?$/, "");
    if (closed.length <= stringStart) return undefined;
    closed += '"';
  }
  closed = closed.replace(/[\s,]+$/, "");
  for (const open of stack.reverse()) closed += open === "{" ? "}" : "]";
  try {
    JSON.parse(closed);
    return closed;
  } catch {
    return undefined;
  }
}
