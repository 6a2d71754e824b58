package dev.postings.cardvault;

/**
 * The cardholder data of one payment method: only the fields that must never appear in clear in history, logs,
 * answers or errors. Any of them may be null (a card has no account number, ACH no card number).
 *
 * <p>{@link #toString()} masks every value, so a stray log statement cannot leak them.
 */
public record CardSecrets(String cardNumber, String securityCode, String accountNumber) {

  @Override
  public String toString() {
    return "CardSecrets[cardNumber=" + mask(cardNumber) + ", securityCode=" + (securityCode == null ? null : "***")
        + ", accountNumber=" + mask(accountNumber) + "]";
  }

  /** The last four digits only, as receipts show them. */
  public static String mask(String number) {
    if (number == null) {
      return null;
    }
    return number.length() <= 4 ? "****" : "****" + number.substring(number.length() - 4);
  }
}
