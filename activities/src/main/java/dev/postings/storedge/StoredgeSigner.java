package dev.postings.storedge;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.TimestampService;
import com.github.scribejava.core.services.TimestampServiceImpl;
import java.util.UUID;

/**
 * storEDGE's one-legged OAuth 1.0 (HMAC-SHA1), signed by ScribeJava: consumer key and secret, no token, empty token
 * secret. The signature covers the method, the URL, the query and the {@code oauth_*} parameters; the JSON body is not
 * a parameter (RFC 5849 3.4.1.3), so it is not given to the signer. Only the signing is ScribeJava's: the request goes
 * out through java.net.http like every other adapter's.
 */
final class StoredgeSigner {

  /** No token: one-legged OAuth signs with the consumer credentials alone. */
  private static final OAuth1AccessToken NO_TOKEN = new OAuth1AccessToken("", "");

  private final OAuth10aService service;

  StoredgeSigner(String consumerKey, String consumerSecret) {
    this.service = new ServiceBuilder(consumerKey).apiSecret(consumerSecret).build(new OneLegged());
  }

  /** The {@code Authorization} header for one request; {@code url} includes any query string. */
  String authorization(String method, String url) {
    OAuthRequest request = new OAuthRequest(Verb.valueOf(method), url);
    service.signRequest(NO_TOKEN, request);
    return request.getHeaders().get("Authorization");
  }

  /** An API without token endpoints (storEDGE hands out no tokens) and with random UUID nonces. */
  private static final class OneLegged extends DefaultApi10a {

    /** ScribeJava's timestamps; nonces from a UUID rather than its timestamp-plus-random-int, so none ever repeats. */
    private static final TimestampService TIMESTAMPS = new TimestampServiceImpl() {
      @Override
      public String getNonce() {
        return UUID.randomUUID().toString().replace("-", "");
      }
    };

    @Override
    public String getRequestTokenEndpoint() {
      throw new UnsupportedOperationException("storEDGE uses one-legged OAuth: there is no request token");
    }

    @Override
    public String getAccessTokenEndpoint() {
      throw new UnsupportedOperationException("storEDGE uses one-legged OAuth: there is no access token");
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      throw new UnsupportedOperationException("storEDGE uses one-legged OAuth: there is no authorization step");
    }

    @Override
    public TimestampService getTimestampService() {
      return TIMESTAMPS;
    }
  }
}
