package dev.postings.workflow.propexo;

/** A read by id: {@code payment} is null when Propexo has no resident payment with that id. */
public record ResidentPaymentLookup(String id, ResidentPayment payment) {

  public boolean found() {
    return payment != null;
  }
}
