import { describe, expect, it } from 'vitest';
import type { OutcomeEvent } from '@sentinel/contracts';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import {
  ADMIN_KEY,
  OTHER_KEY,
  OTHER_TENANT,
  PLATFORM_KEY,
  T0,
  TENANT,
  memoryAdapters,
  testApi,
} from '../testing/harness.ts';

interface ReportBody {
  readonly decisionId: string;
  readonly outcome: string;
  readonly reportedBy: string;
  readonly reference: string | null;
  readonly occurredAt: string;
  readonly reportedAt: string;
  readonly replayed: boolean;
}
interface Problem {
  readonly code: string;
  readonly errors?: readonly { path: string; message: string }[];
}

const DECIDED_AT = new Date(T0.getTime() - 60_000);

/** A risk-api on memory adapters with one decision of TENANT already recorded. */
async function withDecision() {
  const adapters = memoryAdapters();
  const t = testApi({ adapters });
  const record = aDecisionRecord({ clientId: TENANT, decidedAt: DECIDED_AT });
  await adapters.log.record(record);
  const id = record.decision.decisionId;
  const report = (body: unknown, headers: Record<string, string> = {}) =>
    t.call<ReportBody & Problem>('POST', `/v1/decisions/${id}/outcome`, body, headers);
  return { ...t, id, report, events: () => adapters.outcomePublisher.events };
}

describe('POST /v1/decisions/{id}/outcome', () => {
  it('records a new report (201) and publishes it on risk-outcomes as source BANK', async () => {
    const t = await withDecision();
    const res = await t.report({
      outcome: 'STEP_UP_PASSED',
      reportedBy: 'call-centre-7',
      reference: 'CALL-991',
    });
    expect(res).toMatchObject({
      status: 201,
      body: {
        decisionId: t.id,
        outcome: 'STEP_UP_PASSED',
        reportedBy: 'call-centre-7',
        reference: 'CALL-991',
        // occurredAt defaults to now, on the injected clock.
        occurredAt: T0.toISOString(),
        reportedAt: T0.toISOString(),
        replayed: false,
      },
    });
    await t.api.outcomeRelay.settle();
    expect(t.events()).toEqual<OutcomeEvent[]>([
      {
        decisionId: t.id,
        tenantId: TENANT,
        status: 'PASSED',
        method: null,
        completedAt: T0.getTime() * 1000,
        createdAt: DECIDED_AT.getTime() * 1000,
        attempts: 0,
        sends: 0,
        schemaVersion: 2,
        source: 'BANK',
        reportedBy: 'call-centre-7',
        reference: 'CALL-991',
      },
    ]);
    expect(await t.adapters.outcomes.dueReports(10)).toEqual([]);
  });

  it('answers a repeat with the first report (200, replayed) and publishes nothing new', async () => {
    const t = await withDecision();
    const first = await t.report({ outcome: 'CONFIRMED_FRAUD', reportedBy: 'analyst-1' });
    t.clock.advance(60_000);
    const again = await t.report({
      outcome: 'CONFIRMED_FRAUD',
      reportedBy: 'analyst-2',
      reference: 'CASE-2',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    await t.api.outcomeRelay.settle();
    expect(t.events().map((e) => e.status)).toEqual(['CONFIRMED_FRAUD']);
  });

  it('takes another outcome for the same decision as a new report; GET shows them oldest first', async () => {
    const t = await withDecision();
    expect((await t.report({ outcome: 'STEP_UP_PASSED', reportedBy: 'app' })).status).toBe(201);
    t.clock.advance(3_600_000);
    const fraud = await t.report({
      outcome: 'CONFIRMED_FRAUD',
      reportedBy: 'analyst-1',
      occurredAt: '2026-11-21T10:30:00+02:00',
    });
    expect(fraud).toMatchObject({
      status: 201,
      body: { occurredAt: '2026-11-21T08:30:00.000Z', reference: null },
    });
    const view = await t.call<{ outcomes: unknown[] }>('GET', `/v1/decisions/${t.id}`);
    expect(view.body.outcomes).toEqual([
      {
        outcome: 'STEP_UP_PASSED',
        reportedBy: 'app',
        reference: null,
        occurredAt: T0.toISOString(),
        reportedAt: T0.toISOString(),
      },
      {
        outcome: 'CONFIRMED_FRAUD',
        reportedBy: 'analyst-1',
        reference: null,
        occurredAt: '2026-11-21T08:30:00.000Z',
        reportedAt: new Date(T0.getTime() + 3_600_000).toISOString(),
      },
    ]);
    await t.api.outcomeRelay.settle();
    expect(t.events().map((e) => [e.status, e.source])).toEqual([
      ['PASSED', 'BANK'],
      ['CONFIRMED_FRAUD', 'BANK'],
    ]);
  });

  it('shows an empty list on a decision nobody reported on', async () => {
    const t = await withDecision();
    const view = await t.call<{ outcomes: unknown[] }>('GET', `/v1/decisions/${t.id}`);
    expect(view).toMatchObject({ status: 200, body: { outcomes: [] } });
  });

  it('answers another tenant exactly as for an unknown decision (404), and records nothing', async () => {
    const t = await withDecision();
    const body = { outcome: 'CHARGEBACK', reportedBy: 'ops' };
    const theirs = await t.report(body, { authorization: `Bearer ${OTHER_KEY}` });
    const unknown = await t.call<Problem>(
      'POST',
      '/v1/decisions/0193c5f0-0000-7000-8000-00000000dead/outcome',
      body,
    );
    expect(theirs.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(theirs.body.code).toBe('RESOURCE.NOT_FOUND');
    expect(await t.adapters.outcomes.forTenant(OTHER_TENANT).list(t.id)).toEqual([]);
    expect(await t.adapters.outcomes.forTenant(TENANT).list(t.id)).toEqual([]);
    expect(await t.adapters.outcomes.dueReports(10)).toEqual([]);
  });

  it('takes a tenant admin key too, and refuses a platform key (403)', async () => {
    const t = await withDecision();
    const body = { outcome: 'CONFIRMED_LEGITIMATE', reportedBy: 'ops' };
    expect((await t.report(body, { authorization: `Bearer ${ADMIN_KEY}` })).status).toBe(201);
    const platform = await t.report(body, { authorization: `Bearer ${PLATFORM_KEY}` });
    expect(platform).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
  });

  it.each([
    ['an unknown outcome', { outcome: 'REFUNDED', reportedBy: 'ops' }, 'outcome'],
    ['no reportedBy', { outcome: 'CHARGEBACK' }, 'reportedBy'],
    ['an empty reportedBy', { outcome: 'CHARGEBACK', reportedBy: '' }, 'reportedBy'],
    [
      'a reportedBy of 129 characters',
      { outcome: 'CHARGEBACK', reportedBy: 'x'.repeat(129) },
      'reportedBy',
    ],
    [
      'a reference of 129 characters',
      { outcome: 'CHARGEBACK', reportedBy: 'ops', reference: 'r'.repeat(129) },
      'reference',
    ],
    [
      'an occurredAt without offset',
      { outcome: 'CHARGEBACK', reportedBy: 'ops', occurredAt: '2026-11-21T10:00:00' },
      'occurredAt',
    ],
    ['an unknown field', { outcome: 'CHARGEBACK', reportedBy: 'ops', userId: 'u-1' }, 'userId'],
  ])('refuses %s (400, naming the field)', async (_, body, path) => {
    const t = await withDecision();
    const res = await t.report(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.INVALID_BODY');
    expect(res.body.errors?.map((e) => e.path)).toEqual([path]);
    expect(await t.adapters.outcomes.dueReports(10)).toEqual([]);
  });

  it('accepts an occurredAt up to 5 minutes ahead (clock skew) and refuses one beyond', async () => {
    const t = await withDecision();
    const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();
    const skewed = await t.report({
      outcome: 'CHARGEBACK',
      reportedBy: 'ops',
      occurredAt: at(5 * 60_000),
    });
    expect(skewed.status).toBe(201);
    const future = await t.report({
      outcome: 'CONFIRMED_FRAUD',
      reportedBy: 'ops',
      occurredAt: at(5 * 60_000 + 1),
    });
    expect(future).toMatchObject({
      status: 400,
      body: {
        code: 'REQUEST.INVALID_BODY',
        errors: [{ path: 'occurredAt', message: 'must not be in the future' }],
      },
    });
  });

  it('keeps a report while Pub/Sub is down and publishes it on the next sweep', async () => {
    const t = await withDecision();
    t.adapters.outcomePublisher.setAvailable(false);
    t.api.outcomeRelay.start();
    const res = await t.report({ outcome: 'STEP_UP_FAILED', reportedBy: 'app' });
    expect(res.status).toBe(201);
    await t.api.outcomeRelay.settle();
    expect(t.events()).toEqual([]);
    expect(await t.adapters.outcomes.dueReports(10)).toHaveLength(1);
    // Still down at the first sweep: kept.
    await t.clock.advanceAsync(5_000);
    await t.api.outcomeRelay.settle();
    expect(await t.adapters.outcomes.dueReports(10)).toHaveLength(1);
    t.adapters.outcomePublisher.setAvailable(true);
    await t.clock.advanceAsync(5_000);
    await t.api.outcomeRelay.settle();
    expect(t.events().map((e) => [e.decisionId, e.status])).toEqual([[t.id, 'FAILED']]);
    expect(await t.adapters.outcomes.dueReports(10)).toEqual([]);
    await t.api.outcomeRelay.stop();
  });

  it('appears in the OpenAPI document with its request, 201 and 200 answers, and DecisionView.outcomes', async () => {
    const t = await withDecision();
    const doc = (await (await t.api.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const post = doc.paths['/v1/decisions/{decisionId}/outcome']?.['post'];
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '404']),
    );
    expect(Object.keys(doc.components.schemas['ReportOutcomeRequest']?.properties ?? {})).toEqual([
      'outcome',
      'reportedBy',
      'reference',
      'occurredAt',
    ]);
    expect(doc.components.schemas['DecisionView']).toBeDefined();
    expect(JSON.stringify(doc.components.schemas['DecisionView'])).toContain('ReportedOutcome');
  });
});
