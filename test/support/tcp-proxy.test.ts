import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

// An echo server stands in for the emulator.
let echo: Server;
let echoPort: number;
let proxy: TcpProxy;
const sockets: Socket[] = [];

beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  echoPort = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => echo.close(resolve));
});

afterEach(async () => {
  for (const s of sockets.splice(0)) {
    s.destroy();
  }
  await proxy.close();
});

/** A connected client that collects what comes back and how the connection ended. */
async function client(p: TcpProxy) {
  const socket = connect(p.port, p.host);
  sockets.push(socket);
  const state = { received: '', ended: null as string | null };
  socket.on('data', (d: Buffer) => (state.received += d.toString('utf8')));
  socket.on('error', (e: NodeJS.ErrnoException) => (state.ended = e.code ?? e.message));
  socket.on('close', () => (state.ended ??= 'closed'));
  // A refused connection may be reset before it ever reports 'connect'.
  await new Promise<void>((resolve) => {
    socket.once('connect', resolve).once('close', resolve);
  });
  return { socket, state };
}

/** A bounded wait for an observable condition (real time only as a give-up bound). */
async function until(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('tcp proxy', () => {
  it('passes bytes both ways', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const { socket, state } = await client(proxy);
    socket.write('hello');
    await until(() => state.received === 'hello');
    expect(proxy.accepted).toBe(1);
    expect(proxy.open).toBe(1);
  });

  it('refuse resets open connections and every new one', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const open = await client(proxy);
    proxy.setMode({ kind: 'refuse' });
    await until(() => open.state.ended !== null);
    expect(open.state.ended).toBe('ECONNRESET');
    const fresh = await client(proxy);
    await until(() => fresh.state.ended !== null);
    expect(fresh.state.ended).toBe('ECONNRESET');
    expect(proxy.open).toBe(0);
  });

  it('blackhole answers nothing and delivers the held bytes in order once it passes', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort }, { kind: 'blackhole' });
    const { socket, state } = await client(proxy);
    socket.write('one,');
    socket.write('two,');
    await until(() => proxy.held === 'one,two,'.length); // the proxy has them, and holds them
    expect(state).toEqual({ received: '', ended: null });
    proxy.setMode({ kind: 'pass' });
    socket.write('three');
    await until(() => state.received === 'one,two,three');
    expect(state.ended).toBeNull();
    expect(proxy.held).toBe(0);
  });

  it('delay holds each direction for the given time, in order', async () => {
    const clock = new FakeClock();
    proxy = await startTcpProxy(
      { host: '127.0.0.1', port: echoPort },
      { kind: 'delay', ms: 100 },
      { clock },
    );
    const { socket, state } = await client(proxy);
    socket.write('a');
    socket.write('b');
    // Time moves only to the proxy's next release, once the bytes wait in it (nothing in flight).
    for (;;) {
      await until(() => state.received === 'ab' || proxy.held > 0);
      if (state.received === 'ab') {
        break;
      }
      clock.advanceToNextTimer();
    }
    // Two one-way delays of the proxy's clock, however long the machine took.
    expect(clock.monotonicMs()).toBeGreaterThanOrEqual(200);
    // Switching to pass does not let new bytes overtake the ones still delayed.
    proxy.setMode({ kind: 'delay', ms: 100 });
    socket.write('c');
    proxy.setMode({ kind: 'pass' });
    socket.write('d');
    await until(() => proxy.held > 0 || state.received === 'abcd');
    clock.advance(200);
    await until(() => state.received === 'abcd');
  });

  it('close ends every connection', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const { state } = await client(proxy);
    await proxy.close();
    await until(() => state.ended !== null);
    expect(proxy.open).toBe(0);
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort }); // for afterEach
  });
});
