package dev.postings.architecture.cycle.pong;

import dev.postings.architecture.cycle.ping.Ping;

/** The other half of a package cycle, for {@code RulesCatchViolationsTest}. */
public final class Pong {
  public Ping answer() {
    return new Ping();
  }
}
