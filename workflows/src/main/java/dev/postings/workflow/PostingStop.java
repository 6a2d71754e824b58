package dev.postings.workflow;

/** Ends the step machine in a terminal state. Never leaves the workflow method (that would fail the workflow task). */
final class PostingStop extends RuntimeException {

  final PostingState state;

  PostingStop(PostingState state, String reason) {
    super(reason, null, false, false);
    this.state = state;
  }
}
