package dev.postings.batch;

/** What a batch does with the rows that fail validation: the caller chooses when it sends the file. */
public enum InvalidRows {
  /** Any invalid row refuses the whole file: nothing is stored, nothing starts; fix the file and send it again. */
  REFUSE,
  /** Invalid rows are left out and listed; the valid rows start. */
  LEAVE_OUT
}
