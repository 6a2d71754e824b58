package dev.postings.workflow;

/** The fixed steps every posting walks (DESIGN.md): providers differ only in which steps do work. */
public enum PostingStep {
  VALIDATE,
  SUBMIT,
  AWAIT_JOB,
  AWAIT_APPROVAL,
  DISCOVER_RECORD,
  CONFIRM,
  DONE
}
