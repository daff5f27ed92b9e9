// Hand-drawn SVG charts: a few dozen lines instead of a chart library, styled by the theme's CSS
// variables, each with a text alternative for screen readers.

/** Horizontal bars, one per label, longest first as given. */
export function Bars({
  data,
  label,
  onPick,
}: {
  data: [string, number][];
  label: string;
  onPick?: (key: string) => void;
}) {
  const max = Math.max(1, ...data.map(([, n]) => n));
  return (
    <ul class="bars" aria-label={label}>
      {data.map(([key, n]) => (
        <li key={key}>
          {onPick ? (
            <button type="button" class="link" onClick={() => onPick(key)} title={`Show the memories of ${key}`}>
              {key}
            </button>
          ) : (
            <span class="bar-key">{key}</span>
          )}
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
          </span>
          <span class="bar-n">{n.toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}

/** Vertical columns (growth per day, importance histogram) with labels under the first and last. */
export function Columns({
  data,
  label,
  first,
  last,
}: {
  data: { key: string; n: number }[];
  label: string;
  first: string;
  last: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.n));
  const w = 100 / Math.max(1, data.length);
  const summary = data.map((d) => `${d.key}: ${d.n}`).join(", ");
  return (
    <figure class="columns">
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={`${label}. ${summary}`}>
        {data.map((d, i) => {
          const h = (d.n / max) * 38;
          return (
            <rect key={d.key} x={i * w + w * 0.1} y={40 - h} width={w * 0.8} height={h} class="col">
              <title>{`${d.key}: ${d.n}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>
        <span>{first}</span>
        <span>max {max.toLocaleString()}</span>
        <span>{last}</span>
      </figcaption>
    </figure>
  );
}

/** Score parts of a search hit as a small stacked meter with numbers. */
export function ScoreParts({ parts }: { parts: Record<string, number> }) {
  return (
    <dl class="parts">
      {Object.entries(parts).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v.toFixed(3)}</dd>
        </div>
      ))}
    </dl>
  );
}
