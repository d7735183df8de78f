/**
 * Per-client token buckets (sign-in, bad tokens). Only failures spend a token, so an
 * office of staff behind one address can all sign in, while guessing codes or tokens from
 * one address is held to `perMinute` tries.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  private bucket(key: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
    b.at = t;
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under a spray of addresses
    this.buckets.set(key, b);
    return b;
  }

  /** True when `key` has used up its tries for now. */
  blocked(key: string): boolean {
    return this.bucket(key).tokens < 1;
  }

  /** Records one failure. */
  spend(key: string): void {
    const b = this.bucket(key);
    b.tokens = Math.max(0, b.tokens - 1);
  }
}
