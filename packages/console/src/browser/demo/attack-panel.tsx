import { useState } from 'preact/hooks';
import type { CustomerView } from '../shared/api.ts';
import { deviceFor, imeiDriftDevice, newFleetId } from './devices.ts';
import { HOME_IP, IP_PLACES } from './ip-geography.ts';
import {
  runScenario,
  unfreezeIfFrozen,
  type AttackContext,
  type ScenarioResult,
} from './run-scenario.ts';
import { paymentRequest } from './payment-request.ts';
import { SCENARIOS } from './scenarios.ts';
import { stage, type Staged } from './staged.ts';

export interface AttackPanelProps {
  readonly ctx: AttackContext;
  /** The signed-in customer: the attacks' victim (the scenarios use Alice, who has a baseline). */
  readonly victim: CustomerView | null;
  readonly staged: Staged;
  readonly setStaged: (staged: Staged) => void;
  readonly addRow: (row: ScenarioResult) => void;
  /** Re-reads the signed-in customer (freeze state) after an action. */
  readonly refresh: () => void;
}

const SCENARIO_VICTIM = 'demo-alice';
const LONDON = IP_PLACES.find((p) => p.city === 'London') ?? HOME_IP;
const CAPE_TOWN = IP_PLACES.find((p) => p.city === 'Cape Town') ?? HOME_IP;

/** The attack control panel: world changes now, staged conditions for the next payment, scenarios. */
export function AttackPanel(props: AttackPanelProps) {
  const { ctx, victim } = props;
  const [busy, setBusy] = useState<string | null>(null);
  const [ago, setAgo] = useState('48');
  const [unit, setUnit] = useState<'hours' | 'minutes'>('hours');
  const [outage, setOutage] = useState(false);

  const act = (name: string, run: () => Promise<void>) => async () => {
    setBusy(name);
    try {
      await run();
    } catch (failure) {
      ctx.note(`${name} failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(null);
      props.refresh();
    }
  };
  const needVictim = (run: (v: CustomerView) => Promise<void>) => async () => {
    if (victim === null) {
      ctx.note('Sign in a customer first: the attacks target the signed-in customer');
      return;
    }
    await run(victim);
  };
  const swap = (minutes: number | null, label: string) =>
    act(
      label,
      needVictim(async (v) => {
        const done = await ctx.api.demo.simSwap(v.phoneNumber, minutes);
        ctx.note(
          minutes === null
            ? `Operator: ${v.userId}'s SIM swap cleared (${done.operator})`
            : `Operator: ${v.userId}'s SIM swapped ${minutes < 60 ? `${minutes} min` : `${minutes / 60} h`} ago (${done.operator})`,
        );
      }),
    );
  const stageNext = (add: (v: CustomerView) => Omit<Staged, 'labels'>, label: string) =>
    act(
      label,
      needVictim(async (v) => {
        props.setStaged(stage(props.staged, add(v), label));
        ctx.note(`Staged for the next payment: ${label}`);
        await Promise.resolve();
      }),
    );
  const disabled = busy !== null;
  const button = (id: string, label: string, onClick: () => Promise<void>) => (
    <button type="button" data-id={id} disabled={disabled} onClick={() => void onClick()}>
      {label}
    </button>
  );

  return (
    <section class="attack-panel" aria-labelledby="attack-title" aria-busy={disabled}>
      <h2 id="attack-title">Attack control panel</h2>
      <p class="muted">
        Target:{' '}
        {victim === null ? 'sign a customer in on the phone' : <strong>{victim.userId}</strong>}
        {busy === null ? null : <span role="status"> · {busy}…</span>}
      </p>

      <fieldset>
        <legend>At the operator (now)</legend>
        {button('swap-now', 'SIM swap now', swap(0, 'SIM swap now'))}
        <label class="inline">
          SIM swap
          <input
            type="number"
            data-id="swap-amount"
            min="0"
            max="8760"
            step="1"
            value={ago}
            onInput={(e) => setAgo(e.currentTarget.value)}
          />
        </label>
        <label class="inline">
          <span class="visually-hidden">Unit</span>
          <select
            data-id="swap-unit"
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value === 'minutes' ? 'minutes' : 'hours')}
          >
            <option value="hours">hours ago</option>
            <option value="minutes">minutes ago</option>
          </select>
        </label>
        {button(
          'swap-ago',
          'Swap N ago',
          swap(
            Math.max(0, Number(ago)) * (unit === 'hours' ? 60 : 1),
            `SIM swap ${ago} ${unit} ago`,
          ),
        )}
        {button('swap-clear', 'Clear SIM swap', swap(null, 'Clear SIM swap'))}
        {button(
          'outage',
          outage ? 'End telco outage' : 'Telco outage',
          act(outage ? 'End telco outage' : 'Telco outage', async () => {
            const on = !outage;
            const done = await ctx.api.demo.telcoOutage(
              on,
              ctx.customers.map((c) => c.phoneNumber),
            );
            setOutage(done.on);
            ctx.note(
              on
                ? `Operator outage: SIM swap lookups time out; stored signals of ${done.madeStale.length} numbers are now stale (a real outage gets there after 5 min)`
                : 'Operator outage over: the next lookup refreshes the signal',
            );
          }),
        )}
      </fieldset>

      <fieldset>
        <legend>Staged for the phone’s next payment</legend>
        {button(
          'new-device',
          'New device',
          stageNext(
            (v) => ({ device: deviceFor('attacker-phone', v, '') }),
            'a new device (attacker phone)',
          ),
        )}
        {button(
          'imei-drift',
          'IMEI drift',
          stageNext((v) => ({ device: imeiDriftDevice(v) }), 'her phone id with another IMEI'),
        )}
        {button(
          'travel',
          'Impossible travel',
          stageNext(() => ({ ip: LONDON.ip }), `IP ${LONDON.ip} (${LONDON.city})`),
        )}
        {button(
          'bot',
          'Bot session',
          stageNext(
            (v) => ({ device: deviceFor('bot', v, ''), snapshot: 'scenario_3' }),
            'a bot session (SHIELD 3 snapshot, bot device)',
          ),
        )}
        <p class="muted" data-id="staged">
          {props.staged.labels.length === 0
            ? 'Nothing staged: her own phone, at home, her own behaviour.'
            : `Next payment: ${props.staged.labels.join(' · ')}`}
        </p>
      </fieldset>

      <fieldset>
        <legend>Across accounts</legend>
        {button(
          'fleet',
          'Fleet attack',
          act('Fleet attack', async () => {
            const fleetId = newFleetId();
            for (const c of ctx.customers) {
              const decision = await ctx.api.assessPayment(
                paymentRequest(
                  {
                    userId: c.userId,
                    phoneNumber: c.phoneNumber,
                    amountMinor: 49_900,
                    channel: 'PAYSHAP',
                    payee: 'Mule account 4471',
                    device: deviceFor('fleet', c, fleetId),
                    ipAddress: CAPE_TOWN.ip,
                    location: CAPE_TOWN.location,
                    behaviour: null,
                  },
                  `fleet-${fleetId}-${c.userId}`,
                ),
              );
              ctx.decided(
                `Fleet device ${fleetId} pays from ${c.userId} to Mule account 4471`,
                decision,
              );
            }
          }),
        )}
        {button(
          'reset',
          'Reset the demo',
          act('Reset', async () => {
            await ctx.api.demo.telcoOutage(false).catch(() => undefined);
            setOutage(false);
            for (const c of ctx.customers) {
              await ctx.api.demo.simSwap(c.phoneNumber, null);
              await unfreezeIfFrozen(ctx, c.userId);
            }
            props.setStaged({ labels: [] });
            ctx.note('Demo reset: no swaps, no outage, nobody frozen');
          }),
        )}
      </fieldset>

      <fieldset>
        <legend>SHIELD’s scenarios, one click each (against {SCENARIO_VICTIM})</legend>
        <div class="scenario-buttons">
          {SCENARIOS.map((s) => (
            <button
              key={s.id}
              type="button"
              data-id={`scenario-${s.id}`}
              disabled={disabled}
              title={s.story}
              onClick={() =>
                void act(s.title, async () => {
                  const target = ctx.customers.find((c) => c.userId === SCENARIO_VICTIM);
                  if (target === undefined) {
                    throw new Error(`${SCENARIO_VICTIM} is not a customer here`);
                  }
                  props.addRow(await runScenario(ctx, s, target));
                })()
              }
            >
              {s.title}
            </button>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
