// The policy backtest on the Firestore emulator (issue 13 item 6): decisions recorded through the
// risk-api on Firestore, replayed by POST /v1/policy/backtest (window read page by page with
// Firestore queries, outcomes in one batched read per page) and by `npm run backtest`, which
// must agree with it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreReportedOutcomes,
  FirestoreRiskStateStore,
  firestoreSettings,
} from '@sentinel/store';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import {
  ADMIN,
  movedAction,
  recordBacktestScenario,
  T0,
  TENANT,
  testApi,
  withNewPayeeWeight,
} from '@sentinel/risk-api/testing';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('backtest');
const db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
afterAll(() => db.terminate());

const WINDOW = { from: T0.toISOString(), to: new Date(T0.getTime() + 86_400_000).toISOString() };

interface BacktestWire {
  summary: { replayed: number; changed: number; labels: Record<string, number> } | null;
  changes: { decisionId: string; action: { before: string; after: string } }[];
  nextCursor: string | null;
}

describe('policy backtest on the emulator', () => {
  it('shows exactly the decisions a raised weight moves, over HTTP (paged) and from the CLI', async () => {
    const t = testApi({
      adapters: {
        state: new FirestoreRiskStateStore(db),
        log: new FirestoreDecisionLog(db),
        policyStores: new FirestorePolicyStores(db),
        publisher: new MemoryDecisionEventPublisher(),
        outcomes: new FirestoreReportedOutcomes(db),
      },
      env: { GOOGLE_CLOUD_PROJECT: projectId },
    });
    const decisions = await recordBacktestScenario(t, 3);
    const charged = decisions[1];
    const report = await t.call('POST', `/v1/decisions/${charged?.decisionId}/outcome`, {
      outcome: 'CHARGEBACK',
      reportedBy: 'analyst',
    });
    expect(report.status).toBe(201);
    const expected = decisions.filter((d) => movedAction(d, 15) !== null).map((d) => d.decisionId);
    expect(expected.length).toBe(3);

    const seen: string[] = [];
    let cursor: string | null = null;
    let first: BacktestWire | null = null;
    do {
      const res: { status: number; body: BacktestWire } = await t.call<BacktestWire>(
        'POST',
        '/v1/policy/backtest',
        {
          ...WINDOW,
          policy: withNewPayeeWeight(40),
          pageSize: 1,
          ...(cursor === null ? {} : { cursor }),
        },
        ADMIN,
      );
      expect(res.status).toBe(200);
      first ??= res.body;
      seen.push(...res.body.changes.map((c) => c.decisionId));
      cursor = res.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(expected);
    expect(first.summary).toMatchObject({
      replayed: 12,
      changed: 3,
      labels: { fraud: 1, legitimate: 0, unlabelled: 11 },
    });

    // The CLI against the same project: the same summary, the same changes, as NDJSON.
    const dir = mkdtempSync(join(tmpdir(), 'backtest-cli-'));
    const policyFile = join(dir, 'candidate.json');
    writeFileSync(policyFile, JSON.stringify(withNewPayeeWeight(40)));
    const run = spawnSync(
      process.execPath,
      [
        'services/risk-api/src/backtest/cli.ts',
        ...['--tenant', TENANT, '--policy', policyFile, '--from', WINDOW.from, '--to', WINDOW.to],
      ],
      {
        cwd: join(import.meta.dirname, '..'),
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, GOOGLE_CLOUD_PROJECT: projectId, METADATA_SERVER_DETECTION: 'none' },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const [head, ...lines] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(head).toMatchObject({ summary: first.summary });
    expect(lines.map((l) => (l as { decisionId: string }).decisionId)).toEqual(expected);
  }, 90_000);
});
