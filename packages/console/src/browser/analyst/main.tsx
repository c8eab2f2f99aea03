import { render } from 'preact';
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { analyticsViews } from '@sentinel/analytics';
import '../shared/console.css';
import './analyst.css';
import { loadConfig } from '../shared/config.ts';
import { Header } from '../shared/header.tsx';
import { createApi, type Api } from './api.ts';
import { minuteBuckets, topReasons } from './chart-data.ts';
import { ActionMixChart, LatencyChart, TopReasonsChart } from './charts.tsx';
import { DecisionDetail } from './decision-detail.tsx';
import { FeedTable } from './feed-table.tsx';
import { EMPTY_FEED, feedReducer, toTables } from './feed-state.ts';
import { connectFeed, type FeedStatus } from './feed-stream.ts';
import { HeldPayments } from './held-payments.tsx';
import { Kpis } from './kpis.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { KEY_STORAGE, SignIn } from './sign-in.tsx';

const NO_OUTCOMES = [] as const;

function Analyst(props: { readonly api: Api }) {
  const { api } = props;
  const [state, dispatch] = useReducer(feedReducer, EMPTY_FEED);
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [selected, setSelected] = useState<string | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);

  useEffect(
    () =>
      connectFeed(api.key, {
        item: (item) => dispatch({ type: 'item', item, at: performance.now() }),
        control: (event, data) => {
          if (event === 'dropped') {
            dispatch({ type: 'dropped', count: Number(data['dropped'] ?? 0) });
          } else if (event === 'replay' && data['complete'] === false) {
            dispatch({ type: 'gap' });
          }
        },
        status: setStatus,
      }),
    [api],
  );

  // The KPIs and charts are @sentinel/analytics' views over the feed window.
  const views = useMemo(() => analyticsViews(toTables(state)), [state]);
  const buckets = useMemo(() => minuteBuckets(views.decisions_dedup), [views]);
  const reasons = useMemo(() => topReasons(views.top_reasons_daily), [views]);

  const open = (decisionId: string) => {
    setSelected(decisionId);
    // Move focus to the detail so keyboard and screen reader users land on it.
    requestAnimationFrame(() =>
      detailRef.current?.querySelector<HTMLElement>('#detail-title')?.focus(),
    );
  };

  return (
    <main class="analyst">
      <p class="feed-status" role="status">
        Feed: <strong id="feed-status">{status}</strong> · {state.decisions.length} decisions in the
        window
        {state.dropped > 0 ? ` · ${state.dropped} dropped (this page read too slowly)` : ''}
        {state.gap ? ' · some events were missed while disconnected' : ''}
      </p>
      <div class="grid">
        <FeedTable state={state} selected={selected} onOpen={open} />
        <div class="side">
          <Kpis rows={views.kpi_daily} />
          <section aria-labelledby="charts-title" class="panel charts">
            <h2 id="charts-title">Charts</h2>
            <ActionMixChart buckets={buckets} />
            <LatencyChart buckets={buckets} />
            <TopReasonsChart reasons={reasons} />
          </section>
        </div>
      </div>
      <div ref={detailRef}>
        {selected === null ? null : (
          <DecisionDetail
            // A fresh detail per decision: nothing of the previous one shows while this loads.
            key={selected}
            api={api}
            decisionId={selected}
            live={{
              outcomes: state.outcomes.get(selected) ?? NO_OUTCOMES,
              escrows: state.escrows.get(selected) ?? NO_OUTCOMES,
            }}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      <HeldPayments
        api={api}
        changes={state.escrows.size + state.decisions.filter((d) => d.escrowHeld).length}
        onOpen={open}
      />
      <PolicyEditor api={api} />
    </main>
  );
}

function Page() {
  const [api, setApi] = useState<Api | null>(null);
  const [needsKey, setNeedsKey] = useState(false);
  useEffect(() => {
    void loadConfig()
      .catch(() => ({ adminKey: null }))
      .then((config) => {
        const key = config.adminKey ?? sessionStorage.getItem(KEY_STORAGE);
        if (key === null) {
          setNeedsKey(true);
        } else {
          setApi(createApi(key));
        }
      });
  }, []);
  return (
    <>
      <Header current="analyst" />
      {api !== null ? (
        <Analyst api={api} />
      ) : needsKey ? (
        <main>
          <SignIn onKey={(key) => setApi(createApi(key))} />
        </main>
      ) : (
        <main>
          <p>Loading…</p>
        </main>
      )}
    </>
  );
}

render(<Page />, document.getElementById('root') ?? document.body);
