import type { MemoryType } from "../types/memory.js";
import { words } from "../util/text.js";
import { extractEntities } from "./entities.js";

export { extractEntities };

const TYPE_RULES: [MemoryType, RegExp][] = [
  [
    "procedural",
    /\b(how to|step \d|steps?\b|first,? .* then|run `|to (install|deploy|build|configure|set up)|workflow|procedure|always use|make sure to)\b/i,
  ],
  [
    "personal",
    /\b(my (name|wife|husband|partner|son|daughter|kids?|mom|mother|dad|father|sister|brother|friend|dog|cat|birthday|job|favou?rite|hobby)|i(?:'m| am) (a|an|allergic|vegan|vegetarian|from|married|\d+)|i (like|love|hate|prefer|enjoy|dislike|live|work|grew up)|allergic)\b/i,
  ],
  [
    "episodic",
    /\b(yesterday|last (week|month|year|night|weekend|\w+day)|this morning|ago|went|visited|attended|met|traveled|travelled|did|had|was at|on (mon|tues|wednes|thurs|fri|satur|sun)day|\d{4}-\d{2}-\d{2})\b/i,
  ],
  ["semantic", /\b(means|is defined as|refers to|is a kind of|is a type of|concept|definition)\b/i],
  ["factual", /\b(is|are|was|has|have|costs?|located|founded|born|uses?|runs? on|version)\b/i],
];

/** Rule-based memory type: the first rule whose pattern matches, else `conversational`. */
export function classifyType(text: string): MemoryType {
  for (const [type, re] of TYPE_RULES) if (re.test(text)) return type;
  return "conversational";
}

const BASE_IMPORTANCE: Record<MemoryType, number> = {
  personal: 0.7,
  procedural: 0.65,
  factual: 0.55,
  semantic: 0.5,
  episodic: 0.5,
  conversational: 0.3,
};

/** Rule-based importance in [0, 1]: by type, raised by strong words, names and numbers, lowered for chit-chat. */
export function estimateImportance(text: string, type: MemoryType): number {
  let score = BASE_IMPORTANCE[type];
  if (/\b(always|never|must|important|allergic|critical|remember|deadline|password|prefer)\b/i.test(text))
    score += 0.15;
  if (/\d/.test(text)) score += 0.05;
  if (extractEntities(text).length > 0) score += 0.05;
  if (words(text).length < 4) score -= 0.1;
  if (/^(hi|hello|hey|thanks|thank you|ok|okay|bye|lol|haha)\b/i.test(text.trim())) score -= 0.2;
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

const TOPICS: [string, RegExp][] = [
  [
    "food",
    /\b(food|eat|eats|ate|cook|cooking|recipe|restaurant|dinner|lunch|breakfast|vegan|vegetarian|allergic|pizza|coffee|tea)\b/i,
  ],
  ["work", /\b(work|job|career|office|boss|colleague|meeting|project|deadline|company|manager|interview)\b/i],
  [
    "health",
    /\b(health|doctor|hospital|sick|ill|medicine|allergy|allergic|exercise|workout|gym|run|running|diet|sleep)\b/i,
  ],
  ["travel", /\b(travel|trip|flight|vacation|holiday|hotel|visit|visited|abroad|beach|tour)\b/i],
  [
    "family",
    /\b(family|wife|husband|partner|son|daughter|kids?|children|mom|mother|dad|father|sister|brother|parents?)\b/i,
  ],
  [
    "hobbies",
    /\b(hobby|hobbies|paint|painting|music|guitar|piano|read|reading|book|books|hiking|hike|camping|game|games|sport|sports|photography)\b/i,
  ],
  [
    "technology",
    /\b(code|coding|software|program|programming|typescript|javascript|python|rust|database|api|server|computer|app)\b/i,
  ],
  ["education", /\b(school|college|university|class|course|study|studying|degree|exam|teacher|student)\b/i],
  ["pets", /\b(pet|pets|dog|dogs|cat|cats|puppy|kitten)\b/i],
  ["finance", /\b(money|budget|salary|bank|invest|investing|price|cost|pay|paid|savings)\b/i],
];

/** Rule-based topics: the themes whose vocabulary the text uses. */
export function extractTopics(text: string): string[] {
  return TOPICS.filter(([, re]) => re.test(text)).map(([topic]) => topic);
}
