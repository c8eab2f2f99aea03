/** The UTC calendar day of a timestamp, as BigQuery's DATE(timestamp): `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
