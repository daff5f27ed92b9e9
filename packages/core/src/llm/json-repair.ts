/**
 * Best-effort repair of the JSON small local models produce: code fences, prose around the
 * object, trailing commas, single-quoted keys, and output cut off before the closing brackets.
 * Returns the parsed value, or `undefined` when nothing sensible can be recovered.
 */
export function parseLooseJson(text: string): unknown {
  const direct = tryParse(text);
  if (direct !== undefined) return direct;
  let s = text.replace(/```(?:json)?/gi, "").trim();
  const start = s.search(/[[{]/);
  if (start < 0) return undefined;
  s = s.slice(start);
  const end = Math.max(s.lastIndexOf("}"), s.lastIndexOf("]"));
  const candidates = [end > 0 ? s.slice(0, end + 1) : s, s];
  for (const candidate of candidates) {
    const cleaned = candidate.replace(/,\s*([}\]])/g, "$1").replace(/([{,]\s*)'([^'\n]+)'\s*:/g, '$1"$2":');
    const parsed = tryParse(cleaned) ?? tryParse(closeBrackets(cleaned));
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Closes every open bracket, dropping a dangling key or comma. A string cut off in the middle is
 * dropped too, never closed: half a sentence must not become a memory (the reply then fails its
 * schema and the LLM is asked again).
 */
function closeBrackets(text: string): string {
  const stack: string[] = [];
  let stringStart = -1;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (stringStart >= 0) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') stringStart = -1;
      continue;
    }
    if (ch === '"') stringStart = i;
    else if (ch === "{") stack.push("}");
    else if (ch === "[") stack.push("]");
    else if (ch === "}" || ch === "]") stack.pop();
  }
  let out = stringStart >= 0 ? text.slice(0, stringStart) : text;
  out = out.replace(/,\s*$/, "").replace(/,?\s*"[^"]*"\s*:\s*$/, "");
  return out + stack.reverse().join("");
}
