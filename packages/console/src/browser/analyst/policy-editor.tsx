import { useEffect, useState } from 'preact/hooks';
import { describeProblem, type Api, type Problem } from './api.ts';
import { lineDiff, withContext } from './line-diff.ts';

interface Revision {
  readonly scope: string;
  readonly policy: Record<string, unknown>;
  readonly author: string;
  readonly updatedAt: string;
}

type ActionCounts = Readonly<Record<'APPROVE' | 'STEP_UP' | 'DENY', number>>;
interface Backtest {
  readonly window: { readonly from: string; readonly to: string };
  readonly summary: {
    readonly replayed: number;
    readonly changed: number;
    readonly degraded: number;
    readonly actions: { readonly before: ActionCounts; readonly after: ActionCounts };
  } | null;
}

/** A backtest replays the last week of the tenant's decisions (the API allows up to 31 days). */
const BACKTEST_DAYS = 7;
const pretty = (policy: Record<string, unknown>) => JSON.stringify(policy, null, 2);

/**
 * The tenant's policy as JSON: edit, see the diff against the active one, backtest the candidate
 * over recorded decisions, save it (If-Match the version read). Errors are the API's own
 * problem+json, field by field.
 */
export function PolicyEditor(props: { readonly api: Api }) {
  const { api } = props;
  const [current, setCurrent] = useState<{ text: string; etag: string | null; scope: string }>();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [version, setVersion] = useState('?');

  const load = async () => {
    const res = await api.call<Revision>('GET', '/v1/policy');
    if (!res.ok) {
      setProblem(res.problem);
      return;
    }
    const text = pretty(res.value.policy);
    setCurrent({ text, etag: res.headers.get('etag'), scope: res.value.scope });
    setVersion(`${String(res.value.policy['id'])} v${String(res.value.policy['version'])}`);
    setDraft(text);
  };
  useEffect(() => {
    void load();
    // Loaded once; reloaded after a save.
  }, []);

  /** The draft as an object, or a problem the page shows like the API's. */
  const candidate = (): Record<string, unknown> | null => {
    try {
      const parsed: unknown = JSON.parse(draft);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch (error) {
      setProblem({ status: 0, title: 'Not valid JSON', detail: (error as Error).message });
      return null;
    }
    setProblem({ status: 0, title: 'The policy must be a JSON object' });
    return null;
  };

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setProblem(null);
    setSaved(null);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const runBacktest = () =>
    run('Backtesting…', async () => {
      const policy = candidate();
      if (policy === null) {
        return;
      }
      const to = new Date();
      const from = new Date(to.getTime() - BACKTEST_DAYS * 86_400_000);
      const res = await api.call<Backtest>('POST', '/v1/policy/backtest', {
        policy,
        from: from.toISOString(),
        to: to.toISOString(),
        pageSize: 20,
      });
      if (res.ok) {
        setBacktest(res.value);
      } else {
        setProblem(res.problem);
      }
    });

  const save = () =>
    run('Saving…', async () => {
      const policy = candidate();
      if (policy === null) {
        return;
      }
      const res = await api.call<Revision>(
        'PUT',
        '/v1/policy',
        { policy, comment: 'edited in the analyst view' },
        current?.etag === null || current?.etag === undefined ? {} : { 'if-match': current.etag },
      );
      if (!res.ok) {
        setProblem(res.problem);
        return;
      }
      const version = res.value.policy['version'];
      await load();
      setShowDiff(false);
      setSaved(`Saved: version ${typeof version === 'number' ? version : '?'} is active.`);
    });

  const diff = current === undefined ? [] : withContext(lineDiff(current.text, draft));
  return (
    <section aria-labelledby="policy-title" class="panel">
      <h2 id="policy-title">Policy</h2>
      {current === undefined ? (
        <p>Loading the policy…</p>
      ) : (
        <>
          <p class="note">
            Active: the {current.scope} policy, {version}. Saving makes it your tenant&apos;s
            override; every instance applies it within seconds.
          </p>
          <label for="policy-json">Policy document (JSON)</label>
          <textarea
            id="policy-json"
            rows={18}
            spellcheck={false}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <div class="buttons">
            <button type="button" onClick={() => setShowDiff(!showDiff)} aria-expanded={showDiff}>
              {showDiff ? 'Hide diff' : 'Show diff'}
            </button>
            <button type="button" onClick={() => void runBacktest()} disabled={busy !== null}>
              Backtest candidate
            </button>
            <button type="button" onClick={() => void save()} disabled={busy !== null}>
              Save policy
            </button>
            <button type="button" onClick={() => setDraft(current.text)} disabled={busy !== null}>
              Discard edits
            </button>
            <span role="status">{busy ?? saved ?? ''}</span>
          </div>
        </>
      )}
      {problem === null ? null : <ProblemView problem={problem} />}
      {showDiff ? <DiffView diff={diff} /> : null}
      {backtest === null ? null : <BacktestView result={backtest} />}
    </section>
  );
}

function ProblemView(props: { readonly problem: Problem }) {
  const { problem } = props;
  return (
    <div role="alert" class="problem" id="policy-problem">
      <p>
        <strong>{describeProblem(problem)}</strong>
        {problem.code === undefined ? null : <> ({problem.code})</>}
      </p>
      {problem.errors === undefined || problem.errors.length === 0 ? null : (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DiffView(props: { readonly diff: ReturnType<typeof withContext> }) {
  const changes = props.diff.filter((l) => typeof l !== 'number' && l.kind !== 'same').length;
  return (
    <div class="diff" aria-label="Changes against the active policy" role="region">
      <h3>Diff against the active policy ({changes} changed lines)</h3>
      {changes === 0 ? (
        <p>No changes.</p>
      ) : (
        <pre>
          {props.diff.map((line, k) =>
            typeof line === 'number' ? (
              <span key={k} class="diff-skip">{`… ${line} unchanged lines\n`}</span>
            ) : (
              <span key={k} class={`diff-${line.kind}`}>
                {`${line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' '} ${line.text}\n`}
              </span>
            ),
          )}
        </pre>
      )}
    </div>
  );
}

function BacktestView(props: { readonly result: Backtest }) {
  const { summary, window } = props.result;
  if (summary === null) {
    return null;
  }
  const actions = ['APPROVE', 'STEP_UP', 'DENY'] as const;
  return (
    <div class="backtest" id="backtest-result">
      <h3>Backtest: {summary.replayed} decisions replayed</h3>
      <p class="note">
        {window.from.slice(0, 16)} to {window.to.slice(0, 16)} UTC; {summary.changed} would change
        action{summary.degraded > 0 ? `; ${summary.degraded} were decided degraded` : ''}.
      </p>
      <table>
        <caption>Action mix before and after the candidate</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Before (recorded)</th>
            <th scope="col">After (candidate)</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => {
            const delta = summary.actions.after[a] - summary.actions.before[a];
            return (
              <tr key={a}>
                <th scope="row">{a}</th>
                <td>{summary.actions.before[a]}</td>
                <td>{summary.actions.after[a]}</td>
                <td>{delta > 0 ? `+${delta}` : String(delta)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
