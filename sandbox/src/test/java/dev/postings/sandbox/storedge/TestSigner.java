package dev.postings.sandbox.storedge;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.TimestampService;
import java.util.UUID;

/** A storEDGE client's one-legged OAuth 1.0 signing, with ScribeJava, as the tests need it (any timestamp, nonce). */
final class TestSigner {

  private final OAuth10aService service;

  TestSigner(String key, String secret, long timestampSeconds, String nonce) {
    TimestampService timestamps = new TimestampService() {
      @Override
      public String getNonce() {
        return nonce != null ? nonce : UUID.randomUUID().toString();
      }

      @Override
      public String getTimestampInSeconds() {
        return String.valueOf(timestampSeconds > 0 ? timestampSeconds : System.currentTimeMillis() / 1000);
      }
    };
    this.service = new ServiceBuilder(key).apiSecret(secret).build(new DefaultApi10a() {
      @Override
      public String getRequestTokenEndpoint() {
        return "unused";
      }

      @Override
      public String getAccessTokenEndpoint() {
        return "unused";
      }

      @Override
      protected String getAuthorizationBaseUrl() {
        return "unused";
      }

      @Override
      public TimestampService getTimestampService() {
        return timestamps;
      }
    });
  }

  TestSigner(String key, String secret) {
    this(key, secret, 0, null);
  }

  /** The Authorization header for {@code method url} (the URL with its query). */
  String authorization(String method, String url) {
    OAuthRequest request = new OAuthRequest(Verb.valueOf(method), url);
    service.signRequest(new OAuth1AccessToken("", ""), request);
    return request.getHeaders().get("Authorization");
  }
}
