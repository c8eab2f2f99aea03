/**
 * The facts of one staged attempt that decide what a bank WITHOUT Sentinel would have done. Such a
 * bank confirms a payment with an SMS one-time code to the registered number; whoever receives
 * that SMS can approve the payment.
 */
export interface OtpFacts {
  /** The legitimate customer pays (the control row). */
  readonly legitimate: boolean;
  /** The number's SIM was swapped to the attacker's SIM before the payment. */
  readonly simSwapped: boolean;
  /** The attacker holds the customer's own unlocked phone, SIM included (same-device takeover). */
  readonly attackerHoldsPhone: boolean;
}

export interface OtpOnlyOutcome {
  readonly action: 'APPROVE' | 'STOPPED';
  readonly why: string;
}

/**
 * What "OTP only" would have done, derived from the attempt's own facts, never from Sentinel's
 * answer: the SMS code reaches whoever holds the number's SIM. After a swap that is the attacker,
 * so the code is entered and the payment approved; a same-device takeover receives it on the
 * victim's phone; a credential stuffer without the SIM never sees it and is stopped.
 */
export function otpOnly(facts: OtpFacts): OtpOnlyOutcome {
  if (facts.legitimate) {
    return { action: 'APPROVE', why: 'the customer receives the SMS code and enters it' };
  }
  if (facts.simSwapped) {
    return {
      action: 'APPROVE',
      why: 'the SMS code goes to the swapped SIM: the attacker enters it',
    };
  }
  if (facts.attackerHoldsPhone) {
    return { action: 'APPROVE', why: 'the SMS code arrives on the phone the attacker holds' };
  }
  return { action: 'STOPPED', why: 'the SMS code reaches the real customer, not the attacker' };
}
