package dev.postings.connections;

/** No connection has this id. */
public class ConnectionNotFound extends RuntimeException {

  public ConnectionNotFound(String connectionId) {
    super("no connection " + connectionId);
  }
}
