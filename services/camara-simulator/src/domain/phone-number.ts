import { z } from 'zod';

/** `PhoneNumber` of sim-swap.yaml and sim-swap-subscriptions.yaml: E.164 with a leading `+`. */
export const PHONE_NUMBER_PATTERN = /^\+[1-9][0-9]{4,14}$/;

export const PhoneNumberSchema = z.string().regex(PHONE_NUMBER_PATTERN);
