import type { Decision } from '@sentinel/contracts';
import { methodName } from './methods.ts';

/** One line of the payment app's system log. */
export interface LogLine {
  readonly text: string;
  /** `alert` lines are the ones a customer must not miss (refusals, holds, freezes). */
  readonly tone: 'info' | 'good' | 'warn' | 'alert';
}

function simStatus(sim: Decision['signals']['simSwap']): LogLine {
  const source = sim.source === null ? '' : `, source ${sim.source}`;
  switch (sim.freshness) {
    case 'UNAVAILABLE':
      return {
        text: 'SIM status: unknown — the operator has no answer for this number',
        tone: 'warn',
      };
    case 'STALE':
      return {
        text: `SIM status: the operator did not answer; its last answer is stale (${sim.lastSwapAt === null ? 'no swap then' : `swap at ${sim.lastSwapAt}`}${source})`,
        tone: 'warn',
      };
    case 'FRESH':
      return sim.ageHours === null
        ? { text: `SIM status: no swap reported by the operator (fresh${source})`, tone: 'good' }
        : {
            text: `SIM status: SIM swapped ${sim.ageHours} h ago (fresh${source})`,
            tone: sim.ageHours < 168 ? 'alert' : 'warn',
          };
  }
}

function action(decision: Decision): LogLine {
  switch (decision.action) {
    case 'APPROVE':
      return { text: 'Action: approve — the payment goes through', tone: 'good' };
    case 'DENY':
      return { text: 'Action: deny — the payment is refused', tone: 'alert' };
    case 'STEP_UP': {
      const methods = decision.stepUp?.methods ?? [];
      const sim = decision.signals.simSwap;
      const simInDoubt = sim.lastSwapAt !== null || sim.freshness !== 'FRESH';
      const bypassed = simInDoubt && !methods.includes('SMS_OTP') ? ', SMS code bypassed' : '';
      return {
        text: `Action: step-up with ${methods.map(methodName).join(' or ')}${bypassed}`,
        tone: 'warn',
      };
    }
  }
}

/**
 * The system log's narration of one decision, every line read from the answer itself (signals,
 * reasons, score, action, step-up methods, hold, freeze): never canned text.
 */
export function narrate(decision: Decision): LogLine[] {
  const lines: LogLine[] = [simStatus(decision.signals.simSwap)];
  const behavior = decision.signals.behavior;
  if (behavior !== undefined) {
    const unusual =
      behavior.topAnomalies.length === 0 ? '' : `; unusual: ${behavior.topAnomalies.join(', ')}`;
    lines.push({
      text: `Behaviour: ${behavior.score.toFixed(0)}/100 like the customer${unusual}`,
      tone: behavior.score < 45 ? 'alert' : behavior.score < 70 ? 'warn' : 'good',
    });
  }
  for (const reason of decision.reasons) {
    lines.push({
      text: `Signal ${reason.code}: ${reason.message}${reason.weight > 0 ? ` (+${reason.weight})` : ''}`,
      tone: 'warn',
    });
  }
  lines.push({
    text: `Risk score ${decision.riskScore} (${decision.riskLevel.toLowerCase()})`,
    tone:
      decision.riskLevel === 'LOW' ? 'good' : decision.riskLevel === 'CRITICAL' ? 'alert' : 'warn',
  });
  lines.push(action(decision));
  if (decision.escrow !== undefined) {
    lines.push({
      text: `Held in escrow (${decision.escrow.reason}) until verified, at the latest ${decision.escrow.releaseBy}`,
      tone: 'alert',
    });
  }
  if (decision.freeze) {
    lines.push({ text: 'Account frozen until the bank unfreezes it', tone: 'alert' });
  }
  lines.push({
    text: `Decided in ${decision.latencyMs.toFixed(0)} ms by policy ${decision.policy.id} v${decision.policy.version}`,
    tone: 'info',
  });
  return lines;
}
