package dev.postings.registry;

/** What {@link PostingRegistry#register} found: the id was free, or already taken by this request or another. */
public sealed interface Registration {

  /** The row is new: start the workflow. */
  record Registered(PostingRecord posting) implements Registration {}

  /** The same service sent the same request before: answer with the recorded posting (200), start nothing. */
  record SameRequest(PostingRecord existing) implements Registration {}

  /**
   * The id is taken by another request (another body, or another service): 409. Carries nothing of the existing row,
   * which may belong to another service.
   */
  record Conflict(String postingId) implements Registration {}
}
