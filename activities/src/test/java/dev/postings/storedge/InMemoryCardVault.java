package dev.postings.storedge;

import dev.postings.cardvault.CardDataUnavailable;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The card vault contract in memory, recording what was redeemed and discarded. */
final class InMemoryCardVault implements CardVault {

  private final Map<String, CardSecrets> sealed = new ConcurrentHashMap<>();
  final List<String> redeemed = new ArrayList<>();
  final List<String> discarded = new ArrayList<>();

  String seal(String reference, CardSecrets secrets) {
    sealed.put(reference, secrets);
    return reference;
  }

  boolean holds(String reference) {
    return sealed.containsKey(reference);
  }

  @Override
  public synchronized CardSecrets redeem(String reference) {
    CardSecrets secrets = sealed.get(reference);
    if (secrets == null) {
      throw new CardDataUnavailable(reference);
    }
    redeemed.add(reference);
    return secrets;
  }

  @Override
  public synchronized void discard(String reference) {
    discarded.add(reference);
    sealed.remove(reference);
  }
}
