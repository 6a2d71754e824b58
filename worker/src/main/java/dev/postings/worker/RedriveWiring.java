package dev.postings.worker;

import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.model.Provider;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.redrive.ParkedPostingsRedrive;
import dev.postings.redrive.ProviderProbe;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.workflow.acquaint.TransactionRef;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The re-drive activity (on the {@code postings} queue, spring.temporal.workers[].activity-beans): finds PARKED
 * postings through the same lookup as the starter's webhooks and sends each {@code retryNow}, once one cheap read of
 * their provider shows that it answers again.
 */
@Configuration
public class RedriveWiring {

  @Bean
  ParkedPostingsRedrive parkedPostingsRedrive(WorkflowClient client,
      @Value("${postings.redrive.open-postings-window:400d}") Duration window, ProviderProbe probe) {
    return new ParkedPostingsRedrive(client, new TemporalWaitingPostings(client, Clock.systemUTC(), window), probe);
  }

  /**
   * One authenticated read per provider of a record that does not exist: a 404 (an answer) costs the provider nothing
   * and proves that it answers and takes our credentials. At most one per provider and re-drive run, and only when
   * that provider has parked postings.
   */
  @Bean
  ProviderProbe providerProbe(PropexoAdapter propexo, AcquaintAdapter acquaint, StoredgeAdapter storedge) {
    Runnable propexoRead = () -> propexo.readResidentPayment(new ResidentPaymentRef("redrive-probe"));
    return ProviderProbe.of(Map.of(
        Provider.PROPERTYWARE, propexoRead,
        Provider.RESMAN, propexoRead,
        Provider.ACQUAINT, () -> acquaint.readTransaction(new TransactionRef(0)),
        Provider.STOREDGE, () -> storedge.readLedger(new StoredgeLedgerRef("redrive-probe", "redrive-probe"))));
  }
}
