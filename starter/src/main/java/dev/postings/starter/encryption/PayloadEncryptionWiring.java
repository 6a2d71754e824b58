package dev.postings.starter.encryption;

import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.encryption.PayloadEncryption;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodec;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The starter's Temporal data converter: payloads encrypted with {@code postings.encryption.*}, the same keys as the
 * worker's. temporal-spring-boot-starter builds its {@code WorkflowClient} with the single {@link DataConverter} bean
 * (or, if there are several, the one named {@code mainDataConverter}: AutoConfigurationUtils.chooseDataConverter in
 * 1.38), so every posting the API starts, queries or reads goes through it. Without keys the starter does not start.
 * The same keys also serve Temporal's remote codec ({@code /api/codec}) through the {@link PayloadCodec} bean.
 */
@Configuration
public class PayloadEncryptionWiring {

  @Bean
  DataConverter mainDataConverter(Environment environment) {
    return PayloadEncryption.dataConverter(settings(environment));
  }

  @Bean
  PayloadCodec payloadCodec(Environment environment) {
    return new AesGcmPayloadCodec(EncryptionKeys.of(settings(environment)));
  }

  private static EncryptionSettings settings(Environment environment) {
    return Binder.get(environment).bind("postings.encryption", EncryptionSettings.class).orElse(null);
  }
}
