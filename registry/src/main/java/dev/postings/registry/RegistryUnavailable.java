package dev.postings.registry;

import java.sql.SQLException;

/**
 * The registry's database could not answer (down, timed out, refused a statement). The message names what the registry
 * was doing and the SQL state, never a row's values.
 */
public class RegistryUnavailable extends RuntimeException {

  public RegistryUnavailable(String doing, SQLException cause) {
    super(doing + ": SQL state " + cause.getSQLState(), cause);
  }
}
