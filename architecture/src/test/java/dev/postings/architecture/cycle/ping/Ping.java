package dev.postings.architecture.cycle.ping;

import dev.postings.architecture.cycle.pong.Pong;

/** One half of a package cycle, for {@code RulesCatchViolationsTest}. */
public final class Ping {
  public Pong answer() {
    return new Pong();
  }
}
