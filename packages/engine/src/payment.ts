/** Payment channels a payment stack can assess. */
export const CHANNELS = ['PAYSHAP', 'EFT', 'CARD', 'QR', 'WALLET', 'OTHER'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Money in integer minor units (cents) with its ISO 4217 currency. Never a float. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

export const LOCATION_SOURCES = ['GPS', 'IP', 'NETWORK'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface Location extends GeoPoint {
  readonly accuracyM?: number;
  readonly source: LocationSource;
}

export interface DeviceInfo {
  /** The app's device-binding id / fingerprint. */
  readonly id: string;
  readonly imei?: string;
  readonly platform?: string;
  readonly appVersion?: string;
}

/** One payment to assess, as the payment stack sent it (already validated at the edge). */
export interface PaymentRequest {
  readonly transactionId: string;
  readonly userId: string;
  readonly phoneNumber: string;
  readonly amount: Money;
  readonly channel: Channel;
  readonly payee?: { readonly accountId: string; readonly isNew?: boolean };
  readonly device: DeviceInfo;
  readonly ipAddress: string;
  readonly location?: Location;
  readonly behavior?: {
    readonly sessionId?: string;
    readonly features: Readonly<Record<string, number>>;
  };
  readonly telcoUsage?: Readonly<Record<string, unknown>>;
  /** When the payment was initiated; the edge defaults it to the time of the request. */
  readonly occurredAt: Date;
}
