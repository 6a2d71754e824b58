package dev.postings.starter.api;

import dev.postings.starter.api.PostingService.StartOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The services' API: start a posting (idempotent), read its status. */
@RestController
@RequestMapping("/api/postings")
public class PostingController {

  private final PostingService postings;
  private final int maxBodyBytes;

  public PostingController(PostingService postings, @Value("${postings.api.max-body-bytes}") int maxBodyBytes) {
    this.postings = postings;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * JSON only ({@code consumes}): another content type is a 415 ({@link ApiFailures}), never a body read as JSON
   * anyway. The body is taken as bytes and decoded strictly: JSON between systems is UTF-8 (RFC 8259 section 8.1), and
   * a lenient decoding would turn bytes that are not into U+FFFD and post that.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody(required = false) byte[] bytes) {
    if (bytes != null && bytes.length > maxBodyBytes) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
          .body(ErrorResponse.of("body", "must be at most " + maxBodyBytes + " bytes"));
    }
    String body;
    try {
      body = bytes == null ? null : StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is not valid UTF-8"));
    }
    StartOutcome outcome = postings.start(body);
    if (outcome instanceof StartOutcome.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(started.posting());
    }
    if (outcome instanceof StartOutcome.AlreadyExists existing) {
      return ResponseEntity.ok(existing.posting());
    }
    if (outcome instanceof StartOutcome.Conflict conflict) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("postingId",
          "posting " + conflict.postingId() + " already exists with a different request"));
    }
    return ResponseEntity.badRequest().body(new ErrorResponse(((StartOutcome.Invalid) outcome).errors()));
  }

  @GetMapping("/{postingId}")
  ResponseEntity<?> status(@PathVariable String postingId) {
    return postings.status(postingId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(ErrorResponse.of("postingId", "no posting " + postingId)));
  }
}
