package dev.postings.cardvault;

/** The vault no longer holds the values (expired, discarded, or never sealed): the payment cannot be sent with them. */
public class CardDataUnavailable extends RuntimeException {

  public CardDataUnavailable(String reference) {
    super("card data for vault reference " + reference + " is no longer available (expired or already used)");
  }
}
