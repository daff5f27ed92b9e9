// The memory filters of the Memories page: kept in the URL (shareable, back button works) and
// turned into the API's `filters` object, with only fields the API knows.

/** Filter fields as strings, as they sit in the URL and the form. */
export interface FilterForm {
  q: string;
  user_id: string;
  agent_id: string;
  run_id: string;
  memory_type: string[];
  min_importance: string;
  max_importance: string;
  created_after: string;
  created_before: string;
  topics: string;
  entities: string;
  metadata: string;
  include_superseded: boolean;
}

const TEXT_KEYS = [
  "q",
  "user_id",
  "agent_id",
  "run_id",
  "min_importance",
  "max_importance",
  "created_after",
  "created_before",
  "topics",
  "entities",
  "metadata",
] as const;

/** Reads the form from URL parameters. */
export function formFromParams(params: URLSearchParams): FilterForm {
  const form = {
    memory_type: (params.get("memory_type") ?? "").split(",").filter(Boolean),
    include_superseded: params.get("include_superseded") === "1",
  } as FilterForm;
  for (const k of TEXT_KEYS) form[k] = params.get(k) ?? "";
  return form;
}

/** The form as URL parameters (empty fields left out). */
export function paramsOfForm(form: FilterForm): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of TEXT_KEYS) out[k] = form[k].trim() || undefined;
  out.memory_type = form.memory_type.join(",") || undefined;
  out.include_superseded = form.include_superseded ? "1" : undefined;
  return out;
}

const list = (s: string): string[] =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function metadataOf(text: string): Record<string, string | number | boolean | null> | undefined {
  const out: Record<string, string | number | boolean | null> = {};
  for (const pair of text
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new Error(`Metadata filter "${pair}" must be key=value`);
    const raw = pair.slice(at + 1).trim();
    let value: string | number | boolean | null = raw;
    if (raw === "true" || raw === "false" || raw === "null" || /^-?\d+(\.\d+)?$/.test(raw))
      value = JSON.parse(raw) as number | boolean | null;
    out[pair.slice(0, at).trim()] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The API's `filters` object (scope included); `boundUser` overrides the user. Throws on a bad metadata pair. */
export function wireFilters(form: FilterForm, boundUser?: string): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const user = boundUser ?? form.user_id.trim();
  if (user) f.user_id = user;
  if (form.agent_id.trim()) f.agent_id = form.agent_id.trim();
  if (form.run_id.trim()) f.run_id = form.run_id.trim();
  if (form.memory_type.length) f.memory_type = form.memory_type;
  if (form.min_importance.trim()) f.min_importance = Number(form.min_importance);
  if (form.max_importance.trim()) f.max_importance = Number(form.max_importance);
  if (form.created_after) f.created_after = form.created_after;
  if (form.created_before) f.created_before = form.created_before;
  if (list(form.topics).length) f.topics = list(form.topics);
  if (list(form.entities).length) f.entities = list(form.entities);
  const metadata = metadataOf(form.metadata);
  if (metadata) f.metadata = metadata;
  if (form.include_superseded) f.include_superseded = true;
  return f;
}
