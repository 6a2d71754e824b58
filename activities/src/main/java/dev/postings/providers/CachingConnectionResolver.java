package dev.postings.providers;

import dev.postings.model.ProviderApi;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Resolves connections from their store, cached briefly: an opened connection is kept at most {@code maxAge}, and its
 * version is compared with the store's at most every {@code versionCheck}, so that a rotation or a disabling is seen
 * by the next call after it (with a version check of zero) and opening credentials (a decryption) happens once per
 * change, not once per call.
 */
public final class CachingConnectionResolver implements ConnectionResolver {

  /** What the resolver reads: the store's connections, opened (active or not), and their versions. */
  public interface Source {

    /** The connection with its credentials, and whether it is active; empty when there is none. */
    Optional<Stored> open(String connectionId);

    /** The connection's version; empty when there is none. */
    Optional<Long> version(String connectionId);
  }

  /** A stored connection: what calls need, and whether it may be used. */
  public record Stored(ResolvedConnection connection, boolean active) {}

  private record Cached(Stored stored, long openedAt, long checkedAt) {}

  private final Source source;
  private final long maxAgeNanos;
  private final long versionCheckNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public CachingConnectionResolver(Source source, Duration maxAge, Duration versionCheck) {
    this(source, maxAge, versionCheck, System::nanoTime);
  }

  CachingConnectionResolver(Source source, Duration maxAge, Duration versionCheck, LongSupplier nanoTime) {
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
    this.versionCheckNanos = versionCheck.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public ResolvedConnection resolve(String connectionId, ProviderApi api) {
    if (connectionId == null) {
      throw ConnectionResolver.refused("(none)", "is not named by the posting and no fallback is configured for "
          + api);
    }
    Stored stored = current(connectionId);
    if (stored == null) {
      throw ConnectionResolver.refused(connectionId, "does not exist");
    }
    if (!stored.active()) {
      throw ConnectionResolver.refused(connectionId, "is disabled");
    }
    if (stored.connection().api() != api) {
      throw ConnectionResolver.refused(connectionId, "is a " + stored.connection().api() + " connection, not "
          + api);
    }
    return stored.connection();
  }

  private Stored current(String connectionId) {
    long now = nanoTime.getAsLong();
    Cached cached = cache.get(connectionId);
    if (cached != null && now - cached.openedAt() < maxAgeNanos) {
      if (now - cached.checkedAt() < versionCheckNanos) {
        return cached.stored();
      }
      Optional<Long> version = source.version(connectionId);
      if (version.isPresent() && version.get() == cached.stored().connection().version()) {
        cache.put(connectionId, new Cached(cached.stored(), cached.openedAt(), now));
        return cached.stored();
      }
    }
    Optional<Stored> opened = source.open(connectionId);
    if (opened.isEmpty()) {
      cache.remove(connectionId);
      return null;
    }
    cache.put(connectionId, new Cached(opened.get(), now, now));
    return opened.get();
  }
}
