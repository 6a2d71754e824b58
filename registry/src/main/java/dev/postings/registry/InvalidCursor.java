package dev.postings.registry;

/**
 * A list cursor that this registry did not hand out for this list: altered, truncated, made under another key, or
 * from a list with other filters. The API answers 400 naming {@code cursor}; the message never repeats the cursor.
 */
public class InvalidCursor extends RuntimeException {

  public InvalidCursor(String why) {
    super("cursor is not one this list handed out: " + why);
  }
}
