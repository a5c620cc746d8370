import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repeatWhileRunning } from './periodic.js';

afterEach(() => void vi.useRealTimers());

describe('a pass repeated while chibo runs', () => {
  it('runs first after the server is ready, not during start, then every period, and never after close', async () => {
    vi.useFakeTimers();
    const app = Fastify();
    const pass = vi.fn(async () => {});
    repeatWhileRunning(app, pass, 60_000, 5_000);
    await app.ready();
    expect(pass).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pass).toHaveBeenCalledTimes(2);
    await app.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(pass).toHaveBeenCalledTimes(2);
  });

  it('by default runs its first pass when the server is ready, as a restart needs', async () => {
    const app = Fastify();
    const pass = vi.fn(async () => {});
    repeatWhileRunning(app, pass, 60_000);
    expect(pass).not.toHaveBeenCalled();
    await app.ready();
    expect(pass).toHaveBeenCalledTimes(1);
    await app.close();
  });
});
