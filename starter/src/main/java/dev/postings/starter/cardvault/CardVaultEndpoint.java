package dev.postings.starter.cardvault;

import dev.postings.cardvault.CardSecrets;
import dev.postings.starter.api.ErrorResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worker's way into the {@link SealedCardStore}: internal, never for services or operators. Every call presents the
 * shared secret ({@code Authorization: Bearer <postings.card-vault.secret>}, compared in constant time); without it:
 * 401. Unknown, expired or discarded references: 404. Redeeming is a POST so that nothing on the way caches or
 * prefetches it; answers carrying values are {@code Cache-Control: no-store}. Values are never logged.
 *
 * <ul>
 *   <li>{@code POST /internal/card-vault/{reference}/redeem}: 200 {@code {cardNumber, securityCode, accountNumber}}
 *   <li>{@code DELETE /internal/card-vault/{reference}}: 204
 * </ul>
 */
@RestController
@RequestMapping(CardVaultEndpoint.PATH)
public class CardVaultEndpoint {

  public static final String PATH = "/internal/card-vault";

  private final SealedCardStore store;
  private final byte[] secretDigest;

  public CardVaultEndpoint(SealedCardStore store, CardVaultSettings settings) {
    this.store = store;
    this.secretDigest = sha256(settings.secret());
  }

  @PostMapping("/{reference}/redeem")
  ResponseEntity<?> redeem(@PathVariable String reference,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    Optional<CardSecrets> secrets = store.redeem(reference);
    if (secrets.isEmpty()) {
      return notFound();
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(secrets.get());
  }

  @DeleteMapping("/{reference}")
  ResponseEntity<?> discard(@PathVariable String reference,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    if (!authorized(authorization)) {
      return unauthorized();
    }
    return store.discard(reference) ? ResponseEntity.noContent().build() : notFound();
  }

  private boolean authorized(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    // digests of equal length, compared in constant time: neither the content nor the length of the secret leaks
    return MessageDigest.isEqual(secretDigest, sha256(authorization.substring("Bearer ".length())));
  }

  private static ResponseEntity<ErrorResponse> unauthorized() {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(ErrorResponse.of("Authorization", "the card vault secret is missing or wrong"));
  }

  private static ResponseEntity<ErrorResponse> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ErrorResponse.of("reference", "no card data under this reference (never sealed, expired or discarded)"));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
