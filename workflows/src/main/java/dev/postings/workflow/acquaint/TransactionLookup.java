package dev.postings.workflow.acquaint;

/** A read by id: {@code transaction} is null when Acquaint has no transaction with that id. */
public record TransactionLookup(long transactionId, AcquaintTransaction transaction) {

  public boolean found() {
    return transaction != null;
  }
}
