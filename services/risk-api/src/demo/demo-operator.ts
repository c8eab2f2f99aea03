/**
 * The operator side of the console's attacks (local demo only): the CAMARA simulator's demo
 * endpoints, so a staged SIM swap or outage is what the operator itself answers, not only a value
 * in Sentinel's store.
 */
export interface DemoOperator {
  /** The number's latest SIM swap at the operator; null clears it. */
  setSwap(phoneNumber: string, lastSwapAt: Date | null): Promise<void>;
  /** On: the operator stops answering SIM swap lookups until it is switched off. */
  setOutage(on: boolean): Promise<void>;
}

/** The simulator's demo endpoints at `baseUrl` (`…/sim-swap/v2/demo`). */
export function httpDemoOperator(baseUrl: string, timeoutMs = 2_000): DemoOperator {
  const base = baseUrl.replace(/\/+$/, '');
  const put = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`the operator simulator answered ${response.status} to PUT ${path}`);
    }
  };
  return {
    setSwap: (phoneNumber, lastSwapAt) =>
      put(`/numbers/${encodeURIComponent(phoneNumber)}`, {
        lastSwapAt: lastSwapAt?.toISOString() ?? null,
      }),
    setOutage: (on) => put('/outage', { on }),
  };
}
