/**
 * Last line of defence for secrets: every log line and every error message leaving the
 * client passes through here. The code never puts a secret into a message on purpose;
 * this catches servers that echo one back (an errdesc quoting the token, say).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    // Very short values would redact ordinary words; no real secret or token is that short.
    if (!secret || secret.length < 6) return;
    this.secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  apply(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }

  /** Scrubs an error in place (message and stack) and hands it back. */
  scrub<E>(e: E): E {
    if (e instanceof Error) {
      e.message = this.apply(e.message);
      if (e.stack) e.stack = this.apply(e.stack);
      // A business error carries the server's errdesc to the window: scrubbed like the message.
      const withText = e as { serverText?: unknown };
      if (typeof withText.serverText === 'string') withText.serverText = this.apply(withText.serverText);
    }
    return e;
  }
}
