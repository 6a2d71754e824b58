package dev.postings.connections;

/** A connection's field is missing or wrong; the message names the field and why, never a credential. */
public class ConnectionInvalid extends RuntimeException {

  private final String field;

  public ConnectionInvalid(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage().substring(field.length() + 1);
  }
}
