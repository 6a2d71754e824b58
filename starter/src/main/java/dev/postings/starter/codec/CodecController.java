package dev.postings.starter.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.starter.caller.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so that operators read postings' histories in Temporal's own UI and CLI instead of
 * ciphertext: {@code POST /api/codec/decode} and {@code /api/codec/encode}, body {@code {"payloads":[...]}} as proto3
 * JSON (Temporal's {@code Payloads} message, read and written with protobuf's own JSON format), through the same
 * payload codec the worker and the starter use. Role operator only; every call is logged with the caller's key name.
 * Card data is never in a payload (the card vault keeps it), so a decoded history holds nothing more than an operator
 * already reads through the API.
 */
@RestController
@RequestMapping(path = CodecController.PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "codec", description = "Temporal's remote codec for its UI and CLI (role operator)")
public class CodecController {

  public static final String PATH = "/api/codec";
  static final String NAMESPACE_HEADER = "X-Namespace";
  private static final Logger log = LoggerFactory.getLogger(CodecController.class);

  private final PayloadCodec codec;
  private final String namespace;

  public CodecController(PayloadCodec payloadCodec, @Value("${spring.temporal.namespace}") String namespace) {
    this.codec = payloadCodec;
    this.namespace = namespace;
  }

  @Operation(summary = "decode (decrypt) payloads for Temporal's UI or CLI")
  @PostMapping("/decode")
  ResponseEntity<?> decode(@RequestBody(required = false) String body,
      @RequestHeader(name = NAMESPACE_HEADER, required = false) String requestedNamespace,
      @AuthenticationPrincipal ApiCaller caller) {
    return convert("decode", body, requestedNamespace, caller, payloads -> codec.decode(payloads));
  }

  @Operation(summary = "encode (encrypt) payloads for Temporal's UI or CLI")
  @PostMapping("/encode")
  ResponseEntity<?> encode(@RequestBody(required = false) String body,
      @RequestHeader(name = NAMESPACE_HEADER, required = false) String requestedNamespace,
      @AuthenticationPrincipal ApiCaller caller) {
    return convert("encode", body, requestedNamespace, caller, payloads -> codec.encode(payloads));
  }

  private ResponseEntity<?> convert(String direction, String body, String requestedNamespace, ApiCaller caller,
      UnaryOperator<List<Payload>> conversion) {
    if (requestedNamespace != null && !requestedNamespace.isBlank() && !requestedNamespace.equals(namespace)) {
      return ResponseEntity.badRequest().body(ErrorResponse.of(NAMESPACE_HEADER,
          "this codec serves namespace " + namespace + " only"));
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().merge(body == null ? "" : body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException malformed) {
      // the parser's message is not passed on: it quotes the input
      return ResponseEntity.badRequest().body(ErrorResponse.of("payloads",
          "must be {\"payloads\":[...]}, Temporal's Payloads message in proto3 JSON"));
    }
    List<Payload> converted;
    try {
      converted = conversion.apply(payloads.getPayloadsList());
    } catch (RuntimeException unreadable) {
      log.warn("codec {} by {} refused: {}", direction, caller.name(), unreadable.getClass().getSimpleName());
      return ResponseEntity.badRequest().body(ErrorResponse.of("payloads",
          "cannot be " + direction + "d with this deployment's keys (unknown key id, or not sealed by them)"));
    }
    log.info("codec {} of {} payload(s) by {}", direction, converted.size(), caller.name());
    try {
      return ResponseEntity.ok(JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(converted)));
    } catch (InvalidProtocolBufferException cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }
}
