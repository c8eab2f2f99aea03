import type { UserProfile } from '@sentinel/engine';

/** The bank's profiles of its customers (onboarding, offboarding), within one tenant. */
export interface CustomerProfiles {
  getProfile(userId: string): Promise<UserProfile | null>;
  putProfile(profile: UserProfile): Promise<void>;
  /** Offboarding: the profile goes; history and decisions stay for audit. Idempotent. */
  deleteProfile(userId: string): Promise<void>;
}
