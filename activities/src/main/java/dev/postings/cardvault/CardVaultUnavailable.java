package dev.postings.cardvault;

/**
 * The vault could not be asked (not reachable, timed out, refused our secret, answered 5xx or something unreadable):
 * nothing is known about the values, which may well still be there. Transient: retry the activity. The message names
 * the status or failure type only, never a value.
 */
public class CardVaultUnavailable extends RuntimeException {

  public CardVaultUnavailable(String message) {
    super(message);
  }
}
