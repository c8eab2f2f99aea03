import { z } from '@hono/zod-openapi';
import {
  ESCROW_CAUSES,
  ESCROW_STATUSES,
  type DecisionRecord,
  type Escrow,
} from '@sentinel/contracts';
import { DecisionSchema } from '../schemas.ts';

const EscrowSchema = DecisionSchema.shape.escrow.unwrap();

/** The decision's escrow as it stands now (issue 12): the recorded hold plus its end. */
export const EscrowViewSchema = z
  .object({
    ...EscrowSchema.shape,
    status: z.enum(ESCROW_STATUSES).openapi({
      description:
        'HELD until exactly one of RELEASED (send the payment), REVERSED (do not send it) or ' +
        'EXPIRED (releaseBy passed unverified: it was never sent).',
    }),
    heldAt: z.string().openapi({ description: 'RFC 3339' }),
    settledAt: z.string().nullable().openapi({ description: 'RFC 3339; null while HELD' }),
    cause: z.enum(ESCROW_CAUSES).nullable().openapi({
      description: 'Why it ended (STEP_UP_PASSED, VERIFIED, CONFIRMED_FRAUD…); null while HELD.',
    }),
    verifications: z.number().int().openapi({
      description: 'Out-of-band verifications recorded on the hold so far.',
    }),
  })
  .openapi('EscrowView');
export type EscrowView = z.infer<typeof EscrowViewSchema>;

/**
 * The escrow part of a decision view. The hold is written with the decision, so a missing one
 * (a record from before holds were kept, or memory mode's log) shows the decision's own HELD.
 */
export function escrowView(record: DecisionRecord, escrow: Escrow | null): EscrowView | null {
  const held = record.decision.escrow;
  if (held === undefined) {
    return null;
  }
  return {
    ...held,
    status: escrow?.status ?? 'HELD',
    heldAt: (escrow?.heldAt ?? record.decidedAt).toISOString(),
    settledAt: escrow?.settlement?.at.toISOString() ?? null,
    cause: escrow?.settlement?.cause ?? null,
    verifications: escrow?.verifications.length ?? 0,
  };
}

/** An out-of-band step-up ends with its hold: RELEASED passed it, REVERSED failed it. */
export function outOfBandState(escrow: EscrowView | null) {
  const status =
    escrow === null || escrow.status === 'HELD'
      ? ('PENDING' as const)
      : escrow.status === 'RELEASED'
        ? ('PASSED' as const)
        : escrow.status === 'REVERSED'
          ? ('FAILED' as const)
          : ('EXPIRED' as const);
  return {
    status,
    method: status === 'PASSED' ? ('OUT_OF_BAND' as const) : null,
    completedAt: escrow?.settledAt ?? null,
  };
}
