import type { ColumnName } from './columns.ts';
import { ABROAD_PLACES, distanceKm, HOME_PLACES, type Place } from './places.ts';
import { createPrng, type Prng } from './prng.ts';
import { LEGITIMATE, type Label, type ScenarioId } from './scenarios.ts';

/** One generated row: a cell (string, '' = empty) for every column of COLUMNS. */
export type ActivityRow = Readonly<Record<ColumnName, string>>;

export interface GenerateOptions {
  readonly users: number;
  readonly seed: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Share of each SIM swap scenario; legitimate subscribers are the rest (90 %). */
const SCENARIO_SHARE = 0.02;
const SCENARIO_ORDER: readonly ScenarioId[] = [
  'swap-new-device',
  'swap-location-jump',
  'swap-failed-logins',
  'swap-roaming',
  'swap-otp-flood',
];

/** A subscriber's day as numbers, before it is written as cells. */
interface Line {
  label: Label;
  lastSimChangeAt: number | null;
  deviceId: string;
  deviceFirstSeenAt: number | null;
  here: { lat: number; lon: number } | null;
  previous: { lat: number; lon: number; at: number } | null;
  failedLogins: number;
  cellTowers: number;
  usualCellTowers: number;
  dataMb: number;
  usualDataMb: number;
  calls: number;
  usualCalls: number;
  sms: number;
  usualSms: number;
  roamingCountry: string | null;
}

/**
 * The snapshot time of a generated file: 18:00 UTC on a day of 2026 chosen by the seed, so a file
 * never depends on when it was generated.
 */
export function asOfForSeed(seed: number): Date {
  return new Date(Date.UTC(2026, 0, 1, 18) + createPrng(seed ^ 0x5eed).int(0, 364) * DAY);
}

/**
 * Synthetic activity rows for `users` subscribers, one row each, the same for the same seed: about
 * 90 % legitimate (with hard cases: travellers roaming without a swap, SIM replacements with no
 * other signal, heavy data users, forgetful users, commuters) and 2 % each of the five SIM swap
 * scenarios, at varying strength, so that no rule set separates them perfectly.
 */
export function* generateRows(options: GenerateOptions): Generator<ActivityRow> {
  const asOf = asOfForSeed(options.seed).getTime();
  const random = createPrng(options.seed);
  for (let index = 1; index <= options.users; index++) {
    const line = legitimateLine(random, asOf);
    const draw = random.next();
    const scenario = SCENARIO_ORDER[Math.floor(draw / SCENARIO_SHARE)];
    if (scenario === undefined) {
      addHardCase(random, asOf, line);
    } else {
      attack(random, asOf, line, scenario);
    }
    yield toRow(index, asOf, line);
  }
}

function jitter(random: Prng, place: { lat: number; lon: number }, degrees: number) {
  return {
    lat: place.lat + random.between(-degrees, degrees),
    lon: place.lon + random.between(-degrees, degrees),
  };
}

function legitimateLine(random: Prng, asOf: number): Line {
  const home = random.pick(HOME_PLACES);
  const usualCellTowers = random.int(2, 12);
  const usualDataMb = random.int(40, 900);
  const usualCalls = random.int(2, 15);
  const usualSms = random.int(1, 10);
  const measured = random.chance(0.97);
  const scale = (usual: number) => Math.round(usual * random.between(0.4, 1.6));
  const failed = random.next();
  return {
    label: LEGITIMATE,
    lastSimChangeAt: random.chance(0.25) ? asOf - random.int(30, 1500) * DAY : null,
    deviceId: `dev-${random.int(0, 0xffffffff).toString(16).padStart(8, '0')}`,
    deviceFirstSeenAt: random.chance(0.7) ? asOf - random.int(30, 1000) * DAY : null,
    here: measured ? jitter(random, home, 0.05) : null,
    previous: measured
      ? { ...jitter(random, home, 0.05), at: asOf - random.int(60, 20 * 60) * 60_000 }
      : null,
    failedLogins: failed < 0.85 ? 0 : failed < 0.97 ? 1 : 2,
    cellTowers: scale(usualCellTowers),
    usualCellTowers,
    dataMb: scale(usualDataMb),
    usualDataMb,
    calls: scale(usualCalls),
    usualCalls,
    sms: scale(usualSms),
    usualSms,
    roamingCountry: null,
  };
}

/** The legitimate days that look like fraud to a rule set: a share of legitimate rows. */
function addHardCase(random: Prng, asOf: number, line: Line): void {
  const draw = random.next();
  if (draw < 0.03) {
    // A traveller: roams abroad, hours after leaving home, with no SIM change.
    const abroad = random.pick(ABROAD_PLACES);
    line.roamingCountry = abroad.country;
    line.here = jitter(random, abroad, 0.05);
    line.previous = {
      ...jitter(random, random.pick(HOME_PLACES), 0.05),
      at: asOf - random.int(3, 20) * HOUR,
    };
  } else if (draw < 0.05) {
    // A lost or broken SIM replaced at the shop: a recent swap and nothing else.
    line.lastSimChangeAt = asOf - random.int(2 * 60, 70 * 60) * 60_000;
  } else if (draw < 0.057) {
    // A SIM replaced together with a new phone: indistinguishable from a takeover by its facts.
    const swapAge = random.int(2 * 60, 40 * 60) * 60_000;
    line.lastSimChangeAt = asOf - swapAge;
    line.deviceFirstSeenAt =
      asOf - Math.min(swapAge - 30 * 60_000, random.int(30, 20 * 60) * 60_000);
  } else if (draw < 0.1) {
    // A heavy data day (streaming, a tethered laptop).
    line.dataMb = Math.max(600, Math.round(line.usualDataMb * random.between(3.5, 10)));
  } else if (draw < 0.115) {
    // A forgotten password.
    line.failedLogins = random.int(3, 5);
  } else if (draw < 0.135) {
    // A long drive: many cell tower changes.
    line.cellTowers = Math.max(12, Math.round(line.usualCellTowers * random.between(3.5, 8)));
  }
}

/** A swap `maxHours` ago at most (at least 30 min), the line's new device seen after it. */
function swap(random: Prng, asOf: number, line: Line, maxHours: number): number {
  const swapAge = random.int(30, maxHours * 60 - 1) * 60_000;
  line.lastSimChangeAt = asOf - swapAge;
  return swapAge;
}

function newDevice(random: Prng, asOf: number, line: Line, swapAge: number): void {
  line.deviceId = `dev-${random.int(0, 0xffffffff).toString(16).padStart(8, '0')}`;
  // Anywhere between the swap and now: a device first seen more than a day ago is no longer
  // "new" to the rule set, so some takeovers are weak on this signal.
  line.deviceFirstSeenAt = asOf - Math.round(swapAge * random.between(0.05, 0.95));
}

function farPlace(random: Prng, from: Place): Place {
  for (;;) {
    const to = random.pick(HOME_PLACES);
    if (distanceKm(from, to) > 150) {
      return to;
    }
  }
}

/** One-time codes and calls flooding the line: SMS far above its baseline, calls above it. */
function otpFlood(random: Prng, line: Line): void {
  line.sms = Math.max(20, Math.ceil(line.usualSms * random.between(4, 25)));
  // Calls always above the baseline, but only in most rows past the rule set's 3× and 20.
  line.calls = random.chance(0.7)
    ? Math.max(20, Math.ceil(line.usualCalls * random.between(3, 8)))
    : Math.ceil(line.usualCalls * random.between(1.5, 2.9));
}

function attack(random: Prng, asOf: number, line: Line, scenario: ScenarioId): void {
  line.label = scenario;
  switch (scenario) {
    case 'swap-new-device': {
      newDevice(random, asOf, line, swap(random, asOf, line, 48));
      // Some attackers go further at once: try the account, collect one-time codes.
      if (random.chance(0.3)) {
        line.failedLogins = random.int(1, 6);
      }
      if (random.chance(0.3)) {
        otpFlood(random, line);
      }
      return;
    }
    case 'swap-location-jump': {
      const swapAge = swap(random, asOf, line, 72);
      const from = random.pick(HOME_PLACES);
      line.previous = {
        ...jitter(random, from, 0.02),
        at: asOf - random.int(30, 12 * 60) * 60_000,
      };
      line.here = jitter(random, farPlace(random, from), 0.02);
      if (random.chance(0.4)) {
        newDevice(random, asOf, line, swapAge);
      }
      if (random.chance(0.2)) {
        line.failedLogins = random.int(3, 6);
      }
      return;
    }
    case 'swap-failed-logins': {
      const swapAge = swap(random, asOf, line, 72);
      line.failedLogins = random.int(3, 15);
      if (random.chance(0.3)) {
        newDevice(random, asOf, line, swapAge);
      }
      return;
    }
    case 'swap-roaming': {
      const swapAge = swap(random, asOf, line, 72);
      const abroad = random.pick(ABROAD_PLACES);
      line.roamingCountry = abroad.country;
      line.here = random.chance(0.6) ? jitter(random, abroad, 0.05) : null;
      if (random.chance(0.35)) {
        newDevice(random, asOf, line, swapAge);
      }
      return;
    }
    case 'swap-otp-flood': {
      const swapAge = swap(random, asOf, line, 72);
      otpFlood(random, line);
      if (random.chance(0.5)) {
        newDevice(random, asOf, line, swapAge);
      }
      return;
    }
  }
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const coordinate = (degrees: number): string => degrees.toFixed(4);
const when = (ms: number | null): string => (ms === null ? '' : iso(ms));

function toRow(index: number, asOf: number, line: Line): ActivityRow {
  const number = String(index).padStart(8, '0');
  return {
    subscriber_id: `SUB-${number}`,
    // +27 6x/7x/8x xxx xxxx: South African mobile numbers, unique per subscriber.
    msisdn: `+27${String(60 + Math.floor(index / 10_000_000))}${number.slice(-7)}`,
    as_of: iso(asOf),
    last_sim_change_at: when(line.lastSimChangeAt),
    device_id: line.deviceId,
    device_first_seen_at: when(line.deviceFirstSeenAt),
    lat: line.here === null ? '' : coordinate(line.here.lat),
    lon: line.here === null ? '' : coordinate(line.here.lon),
    previous_lat: line.previous === null ? '' : coordinate(line.previous.lat),
    previous_lon: line.previous === null ? '' : coordinate(line.previous.lon),
    previous_location_at: line.previous === null ? '' : iso(line.previous.at),
    failed_logins_24h: String(line.failedLogins),
    cell_tower_changes_24h: String(line.cellTowers),
    usual_cell_tower_changes_per_day: String(line.usualCellTowers),
    data_mb_24h: String(line.dataMb),
    usual_data_mb_per_day: String(line.usualDataMb),
    calls_24h: String(line.calls),
    usual_calls_per_day: String(line.usualCalls),
    sms_24h: String(line.sms),
    usual_sms_per_day: String(line.usualSms),
    roaming: line.roamingCountry === null ? 'false' : 'true',
    roaming_country: line.roamingCountry ?? '',
    label: line.label,
  };
}
