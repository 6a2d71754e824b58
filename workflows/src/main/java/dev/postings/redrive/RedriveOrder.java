package dev.postings.redrive;

import dev.postings.model.Provider;
import java.util.List;

/**
 * @param providers whose PARKED postings to re-drive (all providers for the scheduled run, one for an operator's)
 * @param requestedBy "scheduled re-drive", or the operator's key name
 */
public record RedriveOrder(List<Provider> providers, String requestedBy, RedrivePolicy policy) {

  /**
   * Who the scheduled re-drive says it is. A posting lets it cut a parking short only after the parking's own share of
   * its wait ({@code ParkingPolicy.redriveAfter}); an operator is never held back.
   */
  public static final String SCHEDULED = "scheduled re-drive";
}
