/** The `label` of a subscriber with no attack on the line. */
export const LEGITIMATE = 'legitimate';

/**
 * The five SIM swap scenarios of the rule-based detector, as `npm run generate` writes them in the
 * `label` column and the detection metrics report them. Each says the facts every row of it has.
 */
export const SCENARIOS = [
  {
    id: 'swap-new-device',
    title: 'SIM swap, then a new handset',
    facts: 'SIM swapped < 48 h ago and a handset first seen after the swap (the classic takeover).',
  },
  {
    id: 'swap-location-jump',
    title: 'SIM swap and a location jump',
    facts: 'SIM swapped < 72 h ago and the line > 100 km from its previous location within hours.',
  },
  {
    id: 'swap-failed-logins',
    title: 'SIM swap and failed logins',
    facts: 'SIM swapped < 72 h ago and ≥ 3 failed logins (the attacker tries the account).',
  },
  {
    id: 'swap-roaming',
    title: 'SIM swap, then roaming',
    facts: 'SIM swapped < 72 h ago and the line roams abroad.',
  },
  {
    id: 'swap-otp-flood',
    title: 'SIM swap and an OTP flood',
    facts:
      "SIM swapped < 72 h ago, SMS and calls far above the subscriber's baseline (one-time codes and calls), a new handset in part of them.",
  },
] as const;

export type ScenarioId = (typeof SCENARIOS)[number]['id'];
export type Label = typeof LEGITIMATE | ScenarioId;
