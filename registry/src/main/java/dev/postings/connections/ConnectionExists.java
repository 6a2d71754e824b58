package dev.postings.connections;

/** A connection with this id exists already: connections are created once, then rotated or disabled. */
public class ConnectionExists extends RuntimeException {

  public ConnectionExists(String connectionId) {
    super("connection " + connectionId + " exists already");
  }
}
