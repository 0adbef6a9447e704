/**
 * Clock skew correction: learns the offset between this machine's clock and the server's from the
 * `Date` header of responses, when they differ by 5 minutes or more (as the AWS SDK does), and
 * applies it to every timestamp signed afterwards.
 */

export const SKEW_THRESHOLD_MS = 5 * 60 * 1000;

export class ClockSkew {
  /** Milliseconds to add to the local clock to get the server's. */
  offsetMs = 0;
  #lastDate = '';
  #lastServerMs = Number.NaN;

  /**
   * Looks at a response's `Date` header (local time of arrival `localNowMs`). Returns true when the
   * offset was corrected, i.e. the request that got this response was signed with a skewed clock.
   */
  observe(dateHeader: string | null | undefined, localNowMs: number): boolean {
    if (!dateHeader) return false;
    // A server sends the same Date for a whole second: parse each value once.
    if (dateHeader !== this.#lastDate) {
      this.#lastDate = dateHeader;
      this.#lastServerMs = Date.parse(dateHeader);
    }
    const serverMs = this.#lastServerMs;
    if (Number.isNaN(serverMs)) return false;
    if (Math.abs(serverMs - (localNowMs + this.offsetMs)) < SKEW_THRESHOLD_MS) return false;
    this.offsetMs = serverMs - localNowMs;
    return true;
  }
}
