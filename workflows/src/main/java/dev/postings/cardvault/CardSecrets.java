package dev.postings.cardvault;

/**
 * The cardholder data of one payment method: only the fields that must never appear in clear in history, logs,
 * answers or errors. Any of them may be null (a card has no account number, ACH no card number).
 *
 * <p>It lives in the workflows module only because both sides of the card vault need it: the starter seals it, the
 * worker redeems it ({@code CardVault} in the activities module). It is never a workflow or activity argument or result:
 * the workflow carries the vault reference only ({@code CardSecretsStayOutOfWorkflowsTest} keeps it that way).
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
