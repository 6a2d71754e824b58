package dev.postings.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Postings-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The time is signed with the body
 * so a receiver can refuse an old callback replayed to it (a tolerance of a few minutes is usual); {@code v1} leaves
 * room for another scheme later without breaking receivers.
 */
public final class CallbackSignature {

  public static final String HEADER = "Postings-Signature";

  private CallbackSignature() {}

  public static String header(byte[] secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
  }

  static String hmac(byte[] secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
