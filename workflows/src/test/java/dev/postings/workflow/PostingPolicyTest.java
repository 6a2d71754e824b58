package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostingPolicyTest {

  @Test
  void eachParkingWaitsLongerUpToTheMaximum() {
    ParkingPolicy parking = new ParkingPolicy(Duration.ofHours(1), 2.0, Duration.ofDays(1));
    assertThat(parking.waitFor(1)).isEqualTo(Duration.ofHours(1));
    assertThat(parking.waitFor(2)).isEqualTo(Duration.ofHours(2));
    assertThat(parking.waitFor(5)).isEqualTo(Duration.ofHours(16));
    assertThat(parking.waitFor(6)).isEqualTo(Duration.ofDays(1));
    assertThat(parking.waitFor(60)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void withoutABackoffEveryParkingWaitsTheSame() {
    assertThat(new ParkingPolicy(Duration.ofMinutes(5), null, null).waitFor(9)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void retrySchedulesGrowToTheirMaximum() {
    RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1));
    assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(schedule.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aPartialPolicyIsCompletedFromTheDefaults() {
    PostingPolicy defaults = PostingPolicy.defaults();
    PostingPolicy partial = new PostingPolicy(defaults.limits(), null, new ParkingPolicy(null, null, null), null, null,
        null);

    PostingPolicy completed = new PostingOrder(null, partial).policyOrDefaults();

    assertThat(completed.limits()).isEqualTo(defaults.limits());
    assertThat(completed.propexo()).isEqualTo(defaults.propexo());
    assertThat(completed.acquaint()).isEqualTo(defaults.acquaint());
    assertThat(completed.parking()).isEqualTo(defaults.parking());
    assertThat(completed.resman()).isEqualTo(defaults.resman());
    assertThat(completed.storedge()).isEqualTo(defaults.storedge());
    assertThat(new PostingOrder(null, null).policyOrDefaults()).isEqualTo(defaults);
  }
}
