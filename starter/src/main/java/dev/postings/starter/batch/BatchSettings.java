package dev.postings.starter.batch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code postings.batches.*}.
 *
 * @param maxRows the most postings one file may carry; a larger day is sent as more than one batch
 * @param maxLineBytes the longest line (JSON Lines) or cell (CSV): one posting request is at most the API's body limit
 * @param listedErrors how many invalid rows an answer lists (each with its line and fields); the count covers all. The
 *     list is bounded so that a file of invalid rows cannot make the answer grow with it
 * @param startsPerSecond how fast the rows of stored batches start as postings, all batches together: the workers'
 *     provider pacing holds each provider's rate, this keeps a 100,000-row day from landing on Temporal at once
 * @param startEvery how often the background intake looks for rows waiting to start
 */
@ConfigurationProperties("postings.batches")
public record BatchSettings(
    @DefaultValue("100000") int maxRows,
    @DefaultValue("65536") int maxLineBytes,
    @DefaultValue("1000") int listedErrors,
    @DefaultValue("50") int startsPerSecond,
    @DefaultValue("1s") Duration startEvery) {

  public BatchSettings {
    if (maxRows < 1 || maxLineBytes < 1 || listedErrors < 0 || startsPerSecond < 1 || startEvery.isNegative()
        || startEvery.isZero()) {
      throw new IllegalStateException("postings.batches.*: max-rows, max-line-bytes and starts-per-second must be"
          + " positive, listed-errors not negative, start-every a positive duration");
    }
  }

  /** Rows started per look: the rate over one interval, at least one. */
  int startsPerLook() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, startsPerSecond * startEvery.toMillis() / 1000));
  }
}
