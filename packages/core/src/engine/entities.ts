import { isCommonWord, isFrequentWord, isProperName } from "./english-lexicon.js";

/** Capitalised words that are never names wherever they stand: the pronoun I and its contractions. */
const NEVER = /^(I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d|OK)$/;

/** Days and months: dates, not entities (a closed class of English). */
const CALENDAR =
  /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Lowercase name particles that may join two capitalised words ("University of Toronto", "van Gogh"). */
const PARTICLE = /^(of|de|da|del|der|du|la|le|van|von)$/;

const EMAIL_OR_URL = /[\w.+-]+@[\w-]+\.[\w.-]*\w|https?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/g;
const TOKEN = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*|\S/gu;

/** A run of capitalised words on one line, and whether it opens a sentence (so its capital may be grammar). */
interface Run {
  words: string[];
  initial: boolean;
}

const isCapitalised = (t: string): boolean => /^\p{Lu}/u.test(t) || /^\p{Ll}+\p{Lu}/u.test(t); // Alice, iPhone
const isWord = (t: string): boolean => /^[\p{L}\p{N}]/u.test(t);
/** "Dr.", "Mr.", "St." — a capitalised word without a vowel before a period is an abbreviation, not a sentence end. */
const isAbbreviation = (t: string): boolean => /^\p{Lu}[b-df-hj-np-tv-xz]{1,3}$/u.test(t);
const CLAUSE_END = /^[.!?:;]$/;
const OPENERS = /^["'“‘([*•–—-]$/;

/** The capitalised runs of one line, with sentence starts tracked (line start, after . ! ? : ;). */
function runsOf(line: string): Run[] {
  const runs: Run[] = [];
  let atStart = true;
  let current: Run | undefined;
  let particle: string | undefined;
  let previous = "";
  for (const [token] of line.matchAll(TOKEN)) {
    const word = isWord(token);
    if (word && isCapitalised(token)) {
      if (current) current.words.push(...(particle ? [particle] : []), token);
      else runs.push((current = { words: [token], initial: atStart }));
      particle = undefined;
      atStart = false;
    } else if (word && current && !particle && PARTICLE.test(token)) {
      particle = token;
    } else {
      if (token === "." && isAbbreviation(previous) && current?.words.at(-1) === previous) {
        current.words.pop(); // "Dr." is a title, and its period ends no sentence
        if (current.words.length === 0) runs.pop();
      } else if (CLAUSE_END.test(token)) atStart = true;
      else if (!OPENERS.test(token)) atStart = false;
      current = undefined;
      particle = undefined;
    }
    previous = token;
  }
  return runs;
}

const stripPossessive = (w: string): string => w.replace(/['’]s?$/u, "");

/**
 * Whether a capitalised word that opens a sentence is a name: capitalised elsewhere in the text too,
 * written like one (OpenAI, iPhone, GPT4), no ordinary English word, or listed as a name and not one
 * of the most frequent words ("Maria" and "Google" are names there; "Will", "Mark" and "He" are not).
 */
function initialIsName(word: string, elsewhere: Set<string>): boolean {
  if (elsewhere.has(word)) return true;
  if (/\p{Lu}/u.test(word.slice(1)) || /\p{N}/u.test(word)) return true; // OpenAI, iPhone, GPT4, NASA
  if (isProperName(word)) return !isFrequentWord(word);
  return !isCommonWord(word);
}

/** The entity a run names, or nothing: I, days and months and sentence-opening words drop out. */
function entityOf(run: Run, elsewhere: Set<string>): string | undefined {
  const words = run.words.map((w, i) => (i === run.words.length - 1 ? stripPossessive(w) : w));
  while (words.length > 0 && NEVER.test(words[0]!)) words.shift();
  if (words.length === 0) return undefined;
  if (run.initial && words.length === run.words.length) {
    const first = stripPossessive(words[0]!);
    if (words.length === 1) return initialIsName(first, elsewhere) ? first : undefined;
    // "Visited Kyoto" is Kyoto; "North Carolina" (a name in the dictionary) and "Acme Corp" stay whole.
    if (!elsewhere.has(first) && !isProperName(first) && isCommonWord(first)) words.shift();
  }
  const name = words.join(" ");
  if (words.length === 1 && (CALENDAR.test(name) || NEVER.test(name))) return undefined;
  return name.length > 1 ? name : undefined;
}

/**
 * Proper names (people, places, organisations, products), emails and URLs, by rule. A capitalised
 * word inside a sentence is a name; one that only opens a sentence or a line ("Prefers", "Yesterday",
 * "Assistant:") is one when general English dictionaries do not know it as an ordinary word, or list
 * it as a name and it is not among the most frequent words. Lines are never joined ("Google\nAssistant" is "Google"), days and months are dates, and a
 * trailing possessive is dropped ("Daniel's" → "Daniel"). At most 16, in order of appearance.
 */
export function extractEntities(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(EMAIL_OR_URL)) found.add(m[0]);
  const lines = text.replace(EMAIL_OR_URL, " ").split(/\r?\n/);
  const runs = lines.flatMap(runsOf);
  const elsewhere = new Set(runs.filter((r) => !r.initial).flatMap((r) => r.words.map(stripPossessive)));
  for (const run of runs) {
    const name = entityOf(run, elsewhere);
    if (name) found.add(name);
  }
  return [...found].slice(0, 16);
}
