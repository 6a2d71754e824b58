package dev.postings.starter.batch;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stored row's request, sealed with the payload codec Temporal's payloads go through: the same key ring, the same
 * rotation (the key id travels in the sealed payload's metadata, old keys still open old rows). The request holds
 * payment data (amount, reference, tenant names); it is erased once the row started.
 */
final class BatchSeal {

  private final PayloadCodec codec;

  BatchSeal(PayloadCodec codec) {
    this.codec = codec;
  }

  byte[] seal(String request) {
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(request)).build();
    return codec.encode(List.of(plain)).get(0).toByteArray();
  }

  String open(byte[] sealed) {
    try {
      return codec.decode(List.of(Payload.parseFrom(sealed))).get(0).getData().toString(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a sealed batch row is not a payload", e);
    }
  }
}
