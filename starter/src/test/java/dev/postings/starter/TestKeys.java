package dev.postings.starter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys of several services and roles, for tests of who may see and do what (the local profile has one service key
 * and one operator key only). Passed as arguments, they replace the local profile's list.
 */
final class TestKeys {

  /** Two keys of one service, "billing": each sees what the other started. */
  static final String BILLING_API = "billing-api-key-0123456789abcdef";
  static final String BILLING_BATCH = "billing-batch-key-0123456789abcdef";
  /** A key without a service: a service of its own, "rent-app". */
  static final String RENT_APP = "rent-app-key-0123456789abcdef";
  static final String OPERATOR = "ops-anna-key-0123456789abcdef";
  static final String METRICS = "prometheus-key-0123456789abcdef";

  /** The local profile's Propexo webhook secret (starter-local.yml). */
  static final String WEBHOOK_SECRET = "dev-propexo-webhook-secret";

  private TestKeys() {}

  /** Propexo's {@code propexo-signature} of a body: HMAC-SHA256 under the webhook secret, lower-case hex. */
  static String propexoSignature(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String[] args() {
    List<String> args = new ArrayList<>();
    key(args, 0, "billing-api", BILLING_API, "service", "billing");
    key(args, 1, "billing-batch", BILLING_BATCH, "service", "billing");
    key(args, 2, "rent-app", RENT_APP, "service", null);
    key(args, 3, "ops-anna", OPERATOR, "operator", null);
    key(args, 4, "prometheus", METRICS, "metrics", null);
    return args.toArray(String[]::new);
  }

  private static void key(List<String> args, int index, String name, String key, String role, String service) {
    String at = "--postings.api.keys[" + index + "].";
    args.add(at + "name=" + name);
    args.add(at + "key=" + key);
    args.add(at + "role=" + role);
    if (service != null) {
      args.add(at + "service=" + service);
    }
  }
}
