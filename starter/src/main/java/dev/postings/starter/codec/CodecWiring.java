package dev.postings.starter.codec;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** {@code postings.codec.*}: the origins allowed to call the codec from a browser (none by default). */
@Configuration
public class CodecWiring {

  @Bean
  CodecSettings codecSettings(Environment environment) {
    return Binder.get(environment).bind("postings.codec", CodecSettings.class)
        .orElseGet(() -> new CodecSettings(null));
  }
}
