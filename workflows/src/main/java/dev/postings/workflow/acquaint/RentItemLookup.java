package dev.postings.workflow.acquaint;

/** A read of one rent-due item: {@code item} is null when the tenancy's list has no item with that id. */
public record RentItemLookup(long rentItemId, RentItem item) {

  public boolean found() {
    return item != null;
  }
}
