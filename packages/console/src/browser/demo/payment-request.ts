/** Where a payment is made from, as `POST /v1/assess-payment` takes it. */
export interface PaymentLocation {
  readonly lat: number;
  readonly lon: number;
  readonly accuracyM: number;
  readonly source: 'GPS' | 'IP' | 'NETWORK';
}

export interface PaymentDevice {
  readonly id: string;
  readonly imei?: string;
  readonly platform?: string;
}

/** A behavioural snapshot: SHIELD's 55 features by the engine's names. */
export interface BehaviourSnapshot {
  readonly sessionId?: string;
  readonly features: Readonly<Record<string, number>>;
}

export interface PaymentInput {
  readonly userId: string;
  readonly phoneNumber: string;
  /** Rand amount in cents (integer minor units). */
  readonly amountMinor: number;
  readonly channel: string;
  readonly payee: string;
  readonly device: PaymentDevice;
  readonly ipAddress: string;
  readonly location: PaymentLocation;
  readonly behaviour: BehaviourSnapshot | null;
}

let sequence = 0;

/** A transaction id unique to this page load: time, a counter and a random tail. */
export function newTransactionId(prefix = 'console'): string {
  sequence += 1;
  const tail = crypto.getRandomValues(new Uint32Array(1))[0]?.toString(36) ?? '0';
  return `${prefix}-${Date.now().toString(36)}-${sequence}-${tail}`;
}

/** The body of `POST /v1/assess-payment` for one payment of the app or of an attack. */
export function paymentRequest(input: PaymentInput, transactionId = newTransactionId()) {
  return {
    transactionId,
    userId: input.userId,
    phoneNumber: input.phoneNumber,
    amount: { minor: input.amountMinor, currency: 'ZAR' },
    channel: input.channel,
    payee: { accountId: input.payee },
    device: input.device,
    ipAddress: input.ipAddress,
    location: input.location,
    ...(input.behaviour === null ? {} : { behavior: input.behaviour }),
  };
}
