package dev.postings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosCommandTest {

  /** The submission counts at which each kill comes, submitting one posting at a time. */
  private static List<Integer> killsAt(int postings, int kills) {
    List<Integer> at = new ArrayList<>();
    for (int submitted = 0; submitted <= postings; submitted++) {
      while (ChaosCommand.killDue(submitted, postings, kills, at.size())) {
        at.add(submitted);
      }
    }
    return at;
  }

  @Test
  void twoKillsComeAtAThirdAndTwoThirdsOfTheSubmissions() {
    assertThat(killsAt(1000, 2)).containsExactly(334, 667);
  }

  @Test
  void oneKillComesHalfway() {
    assertThat(killsAt(60, 1)).containsExactly(30);
  }

  @Test
  void noKillsWhenNoneAreAsked() {
    assertThat(killsAt(60, 0)).isEmpty();
  }
}
