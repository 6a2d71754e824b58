package dev.postings.workflow;

/** The fixed steps every posting walks (docs/architecture.md#steps): providers differ only in which steps do work. */
public enum PostingStep {
  VALIDATE,
  SUBMIT,
  AWAIT_JOB,
  AWAIT_APPROVAL,
  DISCOVER_RECORD,
  CONFIRM,
  DONE
}
