/**
 * Which of the app's screen names play SHIELD's roles. Screens are whatever the app passes to
 * `collector.screen(name)`; these three are the ones some features look for.
 */
export interface ScreenRoles {
  /** The home / accounts overview (time_on_dashboard_ms). */
  readonly dashboard: string;
  /** The payment form (time_on_transfer_ms, direct_to_transfer). */
  readonly transfer: string;
  /** Where a one-time code or step-up is entered (time_to_submit_otp_ms). */
  readonly otp: string;
}

export const DEFAULT_SCREEN_ROLES: ScreenRoles = {
  dashboard: 'dashboard',
  transfer: 'transfer',
  otp: 'otp',
};
