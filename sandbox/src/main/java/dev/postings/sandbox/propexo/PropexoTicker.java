package dev.postings.sandbox.propexo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Moves Propexo's world along when nobody looks at it: jobs settle, the stand-in PMC decides, syncs run, and so
 * webhooks go out on time. Reads catch up by themselves; this only makes the background events happen.
 */
@Component
class PropexoTicker implements DisposableBean {

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "propexo-ticker");
    thread.setDaemon(true);
    return thread;
  });

  PropexoTicker(PropexoLedger ledger, PropexoSandboxProperties properties) {
    long millis = Math.max(10, properties.tick().toMillis());
    ticker.scheduleWithFixedDelay(() -> {
      try {
        ledger.catchUp();
      } catch (RuntimeException e) {
        // a failed tick must not end the ticker: the next one tries again
        LoggerFactory.getLogger(PropexoTicker.class).warn("catching up the Propexo ledger failed", e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    ticker.shutdownNow();
  }
}
