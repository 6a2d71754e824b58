package dev.postings.redrive;

import dev.postings.model.Provider;
import java.util.List;

/**
 * @param parked the PARKED postings found
 * @param redriven workflow ids that accepted {@code retryNow}
 * @param skipped workflow ids that refused it (no longer PARKED by then) or were left for the next run
 */
public record ProviderRedrive(Provider provider, int parked, List<String> redriven, List<String> skipped) {}
