import { useState } from 'preact/hooks';
import type { FeatureInspection } from '../../analyst-feed.ts';

type Scored = Extract<FeatureInspection, { scored: true }>;
const num = (v: number | null, digits = 2) => (v === null ? '–' : v.toFixed(digits));

/** The 55 features: session value against the baseline's mean and deviation, z, flagged. */
export function FeatureTable(props: { readonly inspection: Scored }) {
  const { inspection } = props;
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const flagged = inspection.features.filter((f) => f.flagged).length;
  const rows = onlyFlagged ? inspection.features.filter((f) => f.flagged) : inspection.features;
  return (
    <div class="features">
      <p class="note">
        Behaviour confidence {inspection.score} (Mahalanobis distance {inspection.distance}) against
        baseline v{inspection.baselineVersion}
        {inspection.baselineSessions === null
          ? ''
          : ` (${inspection.baselineSessions} sessions)`}. <strong>{flagged}</strong> of{' '}
        {inspection.features.length} features flagged (|z| &gt; {inspection.flagAboveZ}, or a change
        of a feature constant in training).
      </p>
      <label class="inline">
        <input
          type="checkbox"
          checked={onlyFlagged}
          onChange={(e) => setOnlyFlagged(e.currentTarget.checked)}
        />{' '}
        Only flagged features
      </label>
      <div class="scroll" tabIndex={0} role="region" aria-label="Feature inspector table">
        <table id="feature-inspector">
          <caption>Feature inspector: session against baseline</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Group</th>
              <th scope="col">Session</th>
              <th scope="col">Baseline mean</th>
              <th scope="col">Baseline std</th>
              <th scope="col">z</th>
              <th scope="col">Flag</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.name} class={f.flagged ? 'flagged' : undefined}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>{f.group}</td>
                <td>{f.imputed ? 'missing (mean used)' : num(f.session, 3)}</td>
                <td>{num(f.mean, 3)}</td>
                <td>{num(f.std, 3)}</td>
                <td>{num(f.z)}</td>
                <td>
                  {!f.flagged
                    ? ''
                    : Math.abs(f.z) > inspection.flagAboveZ
                      ? `⚑ |z| > ${inspection.flagAboveZ}`
                      : '⚑ changed (constant in training)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
