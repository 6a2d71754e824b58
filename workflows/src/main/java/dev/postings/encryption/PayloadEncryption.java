package dev.postings.encryption;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one data converter of every process that talks to Temporal about postings (the worker, the starter, tools): the
 * default JSON conversion, then {@link AesGcmPayloadCodec}. The worker and all clients must be built with the same keys,
 * or one side cannot read what the other wrote.
 */
public final class PayloadEncryption {

  private static final Logger log = LoggerFactory.getLogger(PayloadEncryption.class);

  private PayloadEncryption() {}

  /**
   * Validates the settings (see {@link EncryptionKeys#of}) and builds the converter. Says at WARN level when the
   * published local development key is configured.
   */
  public static DataConverter dataConverter(EncryptionSettings settings) {
    EncryptionKeys keys = EncryptionKeys.of(settings);
    if (keys.usesLocalDevelopmentKey()) {
      log.warn("payload encryption: using the local development encryption key (published in this repository):"
          + " anyone can read these workflow payloads; never in production");
    }
    log.info("payload encryption: AES-256-GCM, new payloads sealed with key id '{}', keys known {}",
        keys.currentKeyId(), keys.keyIds());
    return dataConverter(keys);
  }

  /** The converter for an already validated key ring ({@code true}: failure messages and stack traces are sealed too). */
  public static DataConverter dataConverter(EncryptionKeys keys) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new AesGcmPayloadCodec(keys)),
        true);
  }
}
