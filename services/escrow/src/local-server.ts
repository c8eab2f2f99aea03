import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { ESCROW_TARGETS } from './functions.ts';

/** Where the local server mounts each CloudEvent function (push endpoints point here). */
export const EVENT_PATHS = {
  decisions: '/events/decisions',
  outcomes: '/events/outcomes',
} as const;

/**
 * The three registered functions behind one port, each served by functions-framework's own
 * server (the same middleware as on Cloud Run: raw Pub/Sub pushes become CloudEvents):
 *   /events/decisions/projects/{p}/topics/{t}  escrowOnDecision
 *   /events/outcomes/projects/{p}/topics/{t}   escrowOnOutcome
 *   everything else                            escrowApi
 * For `npm start` and the tests; Cloud Run runs one function per service instead.
 */
export function escrowFunctionsServer(): Server {
  const routes = [
    { prefix: EVENT_PATHS.decisions, server: getTestServer(ESCROW_TARGETS.decisions) },
    { prefix: EVENT_PATHS.outcomes, server: getTestServer(ESCROW_TARGETS.outcomes) },
  ];
  const api = getTestServer(ESCROW_TARGETS.api);
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const route = routes.find((r) => url.startsWith(`${r.prefix}/`));
    if (route === undefined) {
      api.emit('request', req, res);
      return;
    }
    // functions-framework reads the topic from a raw push's path (projects/…/topics/…).
    req.url = url.slice(route.prefix.length);
    route.server.emit('request', req, res);
  });
}
