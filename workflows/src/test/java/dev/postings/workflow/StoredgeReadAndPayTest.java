package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePayment;
import dev.postings.workflow.storedge.StoredgePaymentResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredgeActivities#readLedgerAndPay} as an activity: the ledger it read goes to Temporal as its heartbeat
 * before the payment is sent, and when that heartbeat cannot be recorded (the worker shutting down, the activity reset,
 * paused or cancelled) the payment is not sent and the failure says so (NOT_SENT), instead of an unclear outcome that
 * would send the posting to an operator.
 */
class StoredgeReadAndPayTest {

  private TestActivityEnvironment env;
  private final List<Object> heartbeats = new ArrayList<>();
  private final List<StoredgePayment> sent = new ArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(String[].class, details -> heartbeats.add(List.of(details)));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** A storEDGE whose ledger lists one older payment; {@code cancelAfterRead} plays a worker shutting down. */
  private StoredgeActivities storedge(boolean cancelAfterRead) {
    return new StoredgeActivities() {
      @Override
      public StoredgeLedger readLedger(StoredgeLedgerRef ref) {
        if (cancelAfterRead) {
          env.requestCancelActivity();
        }
        return new StoredgeLedger(ref.ledgerId(), 6_103, 1_200, "2024-01-09",
            List.of(new StoredgeLedgerPayment("pay_old", -2_000, "Visa ****1111", "2024-01-01T00:00:00Z")));
      }

      @Override
      public StoredgePaymentResult makePayment(StoredgePayment payment) {
        sent.add(payment);
        return new StoredgePaymentResult("pay_new", null);
      }
    };
  }

  private StoredgeActivities stub() {
    return env.newActivityStub(StoredgeActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  }

  private static StoredgePayment payment() {
    return new StoredgePayment("fac_1", "led_1", "posting-se-1", StoredgePaymentKind.CUSTOM, null, 5_000,
        new StoredgePaymentMethod.Stored("pm_1"), null);
  }

  @Test
  void theLedgerReadIsRecordedAsTheHeartbeatBeforeThePaymentIsSent() {
    env.registerActivitiesImplementations(storedge(false));

    StoredgePaymentResult result = stub().readLedgerAndPay(payment());

    assertThat(result.paymentId()).isEqualTo("pay_new");
    assertThat(heartbeats).containsExactly(List.of("pay_old"));
    assertThat(sent).singleElement().satisfies(payment ->
        assertThat(payment.knownPaymentIds()).containsExactly("pay_old"));
  }

  @Test
  void aHeartbeatThatCannotBeRecordedSendsNothingAndSaysNotSent() {
    env.registerActivitiesImplementations(storedge(true));

    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, () -> stub().readLedgerAndPay(payment()));

    assertThat(sent).isEmpty();
    assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, application -> {
      assertThat(application.getType()).isEqualTo(FailureKind.NOT_SENT.name());
      assertThat(application.getOriginalMessage()).contains("payment was not sent");
    });
  }
}
