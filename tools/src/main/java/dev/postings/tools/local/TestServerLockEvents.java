package dev.postings.tools.local;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded test server from slowing down as it runs. Its clock ({@code SelfAdvancingTimerImpl}, temporal-test-server
 * 1.38) notes every time-skipping lock and unlock in a {@code LinkedList} kept "for debugging purposes only". The
 * unlock entries, and the locks taken on behalf of tasks, are never removed, so the list grows by about ten entries per
 * posting for the life of the process; and every timer firing removes its own, newest, entry with
 * {@code LinkedList.remove(Object)}, which searches from the oldest. That search was 70% of the server's CPU after a few
 * thousand workflows (JFR, {@code ./postings bench}), and it grows with every workflow the server has run.
 *
 * <p>The fix swaps in a list that searches from the newest entry: the same entries, in the same order, and the same
 * answer (every entry is a distinct object, so its first and last occurrence are the same), found in a few steps. The
 * entries themselves still accumulate (tens of bytes each, against kilobytes of history kept per workflow). Reached by
 * reflection because the server offers no hook: when a future SDK changes these internals, the server runs unchanged
 * and a warning says so.
 */
final class TestServerLockEvents {

  private static final Logger log = LoggerFactory.getLogger(TestServerLockEvents.class);

  private TestServerLockEvents() {}

  /** Returns whether the server's lock-event list now searches from its newest entry. */
  static boolean searchFromNewest(TestServicesStarter services) {
    try {
      Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
      Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
      Field events = field(timer.getClass(), "lockEvents");
      lock.lock();
      try {
        Object current = events.get(timer);
        if (!(current instanceof NewestFirstRemoval)) {
          events.set(timer, new NewestFirstRemoval<>((Collection<?>) current));
        }
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException changed) {
      log.warn("the test server's time-lock list could not be replaced ({}): the server will slow down the longer it"
          + " runs", changed.toString());
      return false;
    }
  }

  /** The list the server holds after the fix (for tests). */
  static Object lockEvents(TestServicesStarter services) throws ReflectiveOperationException {
    Object timer = field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
    return field(timer.getClass(), "lockEvents").get(timer);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /** A LinkedList whose {@code remove(Object)} searches from the tail, where the entry being removed almost always is. */
  static final class NewestFirstRemoval<E> extends LinkedList<E> {

    NewestFirstRemoval(Collection<? extends E> entries) {
      super(entries);
    }

    @Override
    public boolean remove(Object entry) {
      return removeLastOccurrence(entry);
    }
  }
}
