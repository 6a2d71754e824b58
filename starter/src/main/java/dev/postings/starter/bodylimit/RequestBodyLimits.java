package dev.postings.starter.bodylimit;

import org.springframework.util.unit.DataSize;

/**
 * {@code postings.request-body-limits.*}: the largest body each family of routes reads. Bodies are bounded before anyone
 * reads them: a declared Content-Length over the limit is refused unread, and a body without one (chunked) is cut off
 * one byte past the limit, so no caller can make the starter hold more than this in memory.
 *
 * @param api every route but the three below: the API (a posting request is a few KiB), the console, the actuator
 * @param webhooks {@code /webhooks/**}: Propexo's notices (read whole before their signature can be checked)
 * @param cardVault {@code /internal/**}: the worker's card vault calls (no body at all today)
 * @param batches {@code POST /api/batches/**}: a day's postings in one file, read as a stream (one line in memory at a
 *     time), so this bounds the file's length, not the memory it takes
 */
public record RequestBodyLimits(DataSize api, DataSize webhooks, DataSize cardVault, DataSize batches) {

  public RequestBodyLimits {
    for (DataSize limit : new DataSize[] {api, webhooks, cardVault, batches}) {
      if (limit == null || limit.toBytes() < 1 || limit.toBytes() > Integer.MAX_VALUE) {
        throw new IllegalStateException("postings.request-body-limits.api, .webhooks, .card-vault and .batches must"
            + " each be set, from 1 byte to 2 GB; were " + api + ", " + webhooks + ", " + cardVault + ", " + batches);
      }
    }
  }
}
