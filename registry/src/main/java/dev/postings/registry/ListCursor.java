package dev.postings.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque {@code nextCursor} of a list: the keyset position of the last row of a page (its start time and posting
 * id), tagged with an HMAC over the position and the list's filters. A cursor that was altered, or that comes from a
 * list with other filters (another service's, say), fails the tag and is refused as {@link InvalidCursor}: the keyset
 * can never be steered to rows the filters exclude, and a forged position never reaches SQL.
 *
 * <p>Layout, base64url without padding: version byte, start time in epoch microseconds (8 bytes), posting id (UTF-8),
 * then the first 16 bytes of the tag.
 */
final class ListCursor {

  private static final byte VERSION = 1;
  private static final int TAG_BYTES = 16;
  private static final int FIXED_BYTES = 1 + Long.BYTES;

  record Position(Instant startedAt, String postingId) {}

  private ListCursor() {}

  static String encode(ReferenceProtection keys, String listKey, Position position) {
    byte[] id = position.postingId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer content = ByteBuffer.allocate(FIXED_BYTES + id.length);
    content.put(VERSION).putLong(micros(position.startedAt())).put(id);
    byte[] tag = tag(keys, listKey, content.array());
    ByteBuffer cursor = ByteBuffer.allocate(content.capacity() + TAG_BYTES);
    cursor.put(content.array()).put(tag);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
  }

  static Position decode(ReferenceProtection keys, String listKey, String cursor) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw new InvalidCursor("not base64url");
    }
    if (bytes.length < FIXED_BYTES + 1 + TAG_BYTES) {
      throw new InvalidCursor("too short");
    }
    byte[] content = Arrays.copyOf(bytes, bytes.length - TAG_BYTES);
    byte[] tag = Arrays.copyOfRange(bytes, bytes.length - TAG_BYTES, bytes.length);
    if (!ReferenceProtection.sameBytes(tag, tag(keys, listKey, content))) {
      throw new InvalidCursor("altered, or from a list with other filters");
    }
    ByteBuffer read = ByteBuffer.wrap(content);
    if (read.get() != VERSION) {
      throw new InvalidCursor("unknown version");
    }
    long micros = read.getLong();
    String postingId = new String(content, FIXED_BYTES, content.length - FIXED_BYTES, StandardCharsets.UTF_8);
    return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), postingId);
  }

  private static byte[] tag(ReferenceProtection keys, String listKey, byte[] content) {
    byte[] key = listKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer tagged = ByteBuffer.allocate(Integer.BYTES + key.length + content.length);
    // the length first, so that no split of (filters, position) can be read as another
    tagged.putInt(key.length).put(key).put(content);
    return Arrays.copyOf(keys.cursorTag(tagged.array()), TAG_BYTES);
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
