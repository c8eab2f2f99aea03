import type { Decision } from '@sentinel/contracts';
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import '../shared/console.css';
import './demo.css';
import { createApi, type ApiKeys, type CustomerView, type DemoFixtures } from '../shared/api.ts';
import { Header } from '../shared/header.tsx';
import { KeyGate } from '../shared/key-gate.tsx';
import { AttackPanel } from './attack-panel.tsx';
import { ComparisonTable } from './comparison-table.tsx';
import { narrate, type LogLine } from './narrate.ts';
import { PaymentApp } from './payment-app.tsx';
import type { AttackContext, ScenarioResult } from './run-scenario.ts';
import { NOTHING_STAGED, type Staged } from './staged.ts';
import { SystemLog, type LogEntry } from './system-log.tsx';

/** Marks the page interactive for the load-time measurement (docs/console.md). */
function markReady() {
  if (document.documentElement.dataset['ready'] !== 'true') {
    performance.mark('console-ready');
    document.documentElement.dataset['ready'] = 'true';
  }
}

function DemoPage(props: { readonly keys: ApiKeys }) {
  const api = useMemo(() => createApi(props.keys), [props.keys]);
  const [fixtures, setFixtures] = useState<DemoFixtures | null>(null);
  const [customers, setCustomers] = useState<readonly CustomerView[]>([]);
  const [userId, setUserId] = useState<string | null>(null);
  const [staged, setStaged] = useState<Staged>(NOTHING_STAGED);
  const [entries, setEntries] = useState<readonly LogEntry[]>([]);
  const [rows, setRows] = useState<readonly ScenarioResult[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const nextId = useRef(0);

  const append = useCallback((lines: readonly (LogLine & { heading?: boolean })[]) => {
    setEntries((now) => [...now, ...lines.map((l) => ({ ...l, id: (nextId.current += 1) }))]);
  }, []);
  const note = useCallback(
    (text: string, tone: LogLine['tone'] = 'info') => append([{ text, tone, heading: true }]),
    [append],
  );
  const decided = useCallback(
    (heading: string, decision: Decision) =>
      append([{ text: heading, tone: 'info', heading: true }, ...narrate(decision)]),
    [append],
  );

  const loadCustomers = useCallback(
    async (list: DemoFixtures) => {
      const loaded = await Promise.all(list.customers.map((c) => api.customer(c.userId)));
      setCustomers(loaded);
    },
    [api],
  );
  useEffect(() => {
    api.demo
      .fixtures()
      .then(async (loaded) => {
        setFixtures(loaded);
        await loadCustomers(loaded);
      })
      .catch((error: unknown) => {
        setProblem(
          `The demo helpers did not answer (${error instanceof Error ? error.message : String(error)}): the payment app and attack panel need the local demo (npm start, SENTINEL_DEMO=true).`,
        );
      })
      .finally(markReady);
  }, [api, loadCustomers]);

  const customer = customers.find((c) => c.userId === userId) ?? null;
  const refresh = useCallback(() => {
    if (fixtures !== null) {
      void loadCustomers(fixtures).catch(() => undefined);
    }
  }, [fixtures, loadCustomers]);
  const ctx: AttackContext | null =
    fixtures === null ? null : { api, fixtures, customers, note, decided };

  return (
    <>
      <Header current="demo" />
      <main class="demo">
        {problem === null ? null : (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
        {fixtures === null || ctx === null ? (
          problem === null ? (
            <p role="status">Loading the demo customers…</p>
          ) : null
        ) : (
          <div class="demo-grid">
            <div class="phone" role="region" aria-label="Payment app (phone)">
              <div class="phone-notch" aria-hidden="true" />
              <PaymentApp
                apiKey={props.keys.apiKey}
                api={api}
                fixtures={fixtures}
                customer={customer}
                signIn={(id) => {
                  setUserId(id);
                  if (id !== null) {
                    note(`${id} signed in on her bound phone`);
                  }
                  refresh();
                }}
                staged={staged}
                consumeStaged={() => setStaged(NOTHING_STAGED)}
                note={note}
                decided={(heading, decision) => {
                  decided(heading, decision);
                  refresh();
                }}
              />
              <SystemLog entries={entries} />
            </div>
            <div class="side">
              <AttackPanel
                ctx={ctx}
                victim={customer}
                staged={staged}
                setStaged={setStaged}
                addRow={(row) => setRows((now) => [...now, row])}
                refresh={refresh}
              />
              <ComparisonTable rows={rows} />
            </div>
          </div>
        )}
      </main>
    </>
  );
}

render(
  <KeyGate>{(keys) => <DemoPage keys={keys} />}</KeyGate>,
  document.getElementById('root') ?? document.body,
);
