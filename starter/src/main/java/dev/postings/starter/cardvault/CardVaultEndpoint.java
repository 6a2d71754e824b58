package dev.postings.starter.cardvault;

import dev.postings.cardvault.CardSecrets;
import dev.postings.starter.errors.ErrorResponse;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worker's way into the {@link SealedCardStore}: internal, never for services or operators. Every call presents the
 * shared secret ({@code Authorization: Bearer <postings.card-vault.secret>}); the security chain checks it ({@link
 * CardVaultSecretCheck}) before anything here runs, and without it answers 401. Unknown, expired or discarded
 * references: 404. Redeeming is a POST so that nothing on the way caches or
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

  public CardVaultEndpoint(SealedCardStore store) {
    this.store = store;
  }

  @PostMapping("/{reference}/redeem")
  ResponseEntity<?> redeem(@PathVariable String reference) {
    Optional<CardSecrets> secrets = store.redeem(reference);
    if (secrets.isEmpty()) {
      return notFound();
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(secrets.get());
  }

  @DeleteMapping("/{reference}")
  ResponseEntity<?> discard(@PathVariable String reference) {
    return store.discard(reference) ? ResponseEntity.noContent().build() : notFound();
  }

  private static ResponseEntity<ErrorResponse> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ErrorResponse.of("reference", "no card data under this reference (never sealed, expired or discarded)"));
  }
}
