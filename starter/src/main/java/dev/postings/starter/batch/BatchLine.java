package dev.postings.starter.batch;

/**
 * One posting of a batch file as read: its line in the file and the JSON request it stands for, or why the line
 * could not be read as one (then {@code body} is null and {@code field}/{@code problem} say why).
 */
record BatchLine(int line, String body, String field, String problem) {

  static BatchLine of(int line, String body) {
    return new BatchLine(line, body, null, null);
  }

  static BatchLine unreadable(int line, String field, String problem) {
    return new BatchLine(line, null, field, problem);
  }
}
