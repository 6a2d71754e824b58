package dev.postings.redrive;

import java.util.List;

public record RedriveReport(String requestedBy, List<ProviderRedrive> providers) {

  public int redriven() {
    return providers.stream().mapToInt(provider -> provider.redriven().size()).sum();
  }
}
