/**
 * Graceful shutdown under keep-alive load: requests in flight when it begins are answered in
 * full; requests that arrive afterwards on connections kept alive are turned away (503,
 * SHUTTING_DOWN, Connection: close) instead of being served and then cut.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/logger';
import { Role, startTestApp, type TestContext } from '../helpers';

interface Outcome {
  sentAt: number;
  status?: number;
  error?: string;
  code?: string;
}

describe('shutdown under keep-alive load', () => {
  let t: TestContext;
  const logged: { msg: string; res?: { statusCode: number } }[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
      done();
    },
  });
  beforeAll(async () => {
    t = await startTestApp({ demo: true, demoAssets: 300, logger: createLogger('info', capture) });
  });
  afterAll(() => t.close());

  it('finishes what is in flight and serves nothing new', async () => {
    await new Promise<void>((resolve) => t.app.server.listen(0, '127.0.0.1', resolve));
    const { port } = t.app.server.address() as AddressInfo;
    const token = await t.token(Role.VIEWER, '522327');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const body = JSON.stringify({ query: '{ assets(first: 100) { nodes { code owners { owner { name } } region { parent { name } } } } }' });
    const outcomes: Outcome[] = [];
    let shutdownAt = Infinity;
    let stopped = false;

    const send = () =>
      new Promise<Outcome>((resolve) => {
        const outcome: Outcome = { sentAt: performance.now() };
        const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            outcome.status = res.statusCode;
            if (res.statusCode === 503) outcome.code = JSON.parse(text).errors[0].extensions.code;
            resolve(outcome);
          });
          res.on('error', (e) => resolve({ ...outcome, error: e.message }));
        });
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ ...outcome, error: e.code ?? e.message }));
        req.end(body);
      });

    const client = async () => {
      while (!stopped) outcomes.push(await send());
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    shutdownAt = performance.now();
    await t.app.shutdown();
    const closedAt = performance.now();
    // A little longer: anything still sent now must be refused, not served.
    await new Promise((resolve) => setTimeout(resolve, 200));
    stopped = true;
    await Promise.all(clients);
    agent.destroy();

    // The server cut no response it had begun: every request it took was completed.
    expect(logged.filter((l) => l.msg === 'request aborted')).toEqual([]);
    // Every request sent before shutdown began was answered, even one still unread in its
    // socket when it began: served (200) or turned away unserved (503), never reset.
    const before = outcomes.filter((o) => o.sentAt < shutdownAt);
    const after = outcomes.filter((o) => o.sentAt > shutdownAt + 20);
    expect(before.length).toBeGreaterThan(8);
    expect(before.filter((o) => o.error || (o.status !== 200 && o.status !== 503))).toEqual([]);
    // After shutdown began, no request was served.
    expect(after.filter((o) => o.status === 200)).toEqual([]);
    for (const o of after.filter((o) => o.status === 503)) expect(o.code).toBe('SHUTTING_DOWN');
    expect(closedAt - shutdownAt).toBeLessThan(t.config.shutdownGraceMs);
  });
});
