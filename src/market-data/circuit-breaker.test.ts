import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

function clocked(failureThreshold = 3, cooldownMs = 1_000) {
  let now = 0;
  const b = new CircuitBreaker({ failureThreshold, cooldownMs, now: () => now });
  return { b, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and resets on success', () => {
    const { b } = clocked(3);
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    b.onSuccess();
    expect(b.consecutiveFailures).toBe(0);
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    const { b, advance } = clocked(3, 1_000);
    for (let i = 0; i < 3; i++) b.onFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.isCallPermitted()).toBe(false);
    expect(b.remainingCooldownMs()).toBe(1_000);
    advance(999);
    expect(b.tryAcquire()).toBe(false);
  });

  it('half-opens after the cool-down and lets exactly one trial through', () => {
    const { b, advance } = clocked(1, 1_000);
    b.onFailure();
    advance(1_000);
    expect(b.state).toBe('half-open');
    expect(b.isCallPermitted()).toBe(true);
    expect(b.tryAcquire()).toBe(true);
    expect(b.isCallPermitted()).toBe(false);
    expect(b.tryAcquire()).toBe(false);
  });

  it('closes when the trial succeeds', () => {
    const { b, advance } = clocked(1, 1_000);
    b.onFailure();
    advance(1_000);
    b.tryAcquire();
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('re-opens for a new cool-down when the trial fails', () => {
    const { b, advance } = clocked(5, 1_000);
    for (let i = 0; i < 5; i++) b.onFailure();
    advance(1_500);
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.remainingCooldownMs()).toBe(1_000);
  });

  it('frees the trial slot on release (caller abort) without judging', () => {
    const { b, advance } = clocked(1, 1_000);
    b.onFailure();
    advance(1_000);
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
  });
});
