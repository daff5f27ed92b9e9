/** One fenced block of a markdown guide: its language tag and its text. */
export interface GuideBlock {
  lang: string;
  text: string;
}

/** One `$ command` of a ```console block and the lines shown under it (stdout, then stderr). */
export interface ConsoleStep {
  command: string;
  expected: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
const MINUTE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g;
const DAY = /\d{4}-\d{2}-\d{2}/g;

/** Every fenced block of a guide, in order (```lang … ```). */
export function guideBlocks(markdown: string): GuideBlock[] {
  return [...markdown.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1] ?? "",
    text: m[2] ?? "",
  }));
}

/** The `$ ` commands of every ```console block with the output shown under each. */
export function consoleSteps(markdown: string): ConsoleStep[] {
  const steps: ConsoleStep[] = [];
  for (const block of guideBlocks(markdown).filter((b) => b.lang === "console")) {
    for (const line of block.text.replace(/\n$/, "").split("\n")) {
      if (line.startsWith("$ ")) steps.push({ command: line.slice(2), expected: "" });
      else if (steps.length > 0) {
        const step = steps[steps.length - 1] as ConsoleStep;
        step.expected += `${line}\n`;
      }
    }
  }
  return steps;
}

/**
 * The ids and times a guide shows stand for the ones a real run prints: the first id the guide
 * shows is the first the run printed, and so on. Commands that reuse a shown id get the real one.
 */
export class GuideIds {
  readonly #real = new Map<string, string>();

  /** The command with every id the guide showed replaced by the real one. */
  command(command: string): string {
    return command.replace(UUID, (id) => this.#real.get(id) ?? id);
  }

  /**
   * Pairs the ids of `shown` with those of `printed`, in order, and returns both texts with ids
   * and times made comparable: compare them with `toBe`. An id shown twice must be printed twice.
   */
  compare(shown: string, printed: string): { shown: string; printed: string } {
    const shownIds = shown.match(UUID) ?? [];
    const printedIds = printed.match(UUID) ?? [];
    if (shownIds.length === printedIds.length)
      shownIds.forEach((id, i) => {
        if (!this.#real.has(id)) this.#real.set(id, printedIds[i] as string);
      });
    const times = (s: string): string => s.replace(ISO, "<time>").replace(MINUTE, "<minute>").replace(DAY, "<day>");
    return { shown: times(this.command(shown)), printed: times(printed) };
  }

  /** `actual` with the ids it shares with `shown` (a JSON value) paired, for `toMatchObject`. */
  json(shown: unknown, actual: unknown): unknown {
    if (typeof shown === "string" && typeof actual === "string") {
      if (IS_UUID.test(shown) && IS_UUID.test(actual)) {
        if (!this.#real.has(shown)) this.#real.set(shown, actual);
        return this.#real.get(shown) === actual ? shown : actual;
      }
      const iso = /^\d{4}-\d{2}-\d{2}T/;
      return iso.test(shown) && iso.test(actual) ? shown : actual;
    }
    if (Array.isArray(shown) && Array.isArray(actual)) return actual.map((a, i) => this.json(shown[i], a));
    if (shown && actual && typeof shown === "object" && typeof actual === "object") {
      const a = actual as Record<string, unknown>;
      const s = shown as Record<string, unknown>;
      return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, k in s ? this.json(s[k], v) : v]));
    }
    return actual;
  }
}
