package dev.postings.starter.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.caller.ApiRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The API keys from {@code postings.api.keys} (checked by {@link ApiKeyChecker} in the security chain, {@link
 * FrontDoorSecurity}). Without a usable key the starter refuses to start and names the setting.
 * In local mode ({@code postings.api.dev-keys-file} set) the development keys are printed at start and written to that
 * file, where the operator CLI finds them.
 */
@Configuration
public class ApiKeyWiring {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyWiring.class);

  @Bean
  ApiKeySettings apiKeySettings(Environment environment) throws IOException {
    ApiKeySettings settings = Binder.get(environment).bind("postings.api", ApiKeySettings.class)
        .orElseGet(() -> new ApiKeySettings(List.of(), null));
    List<String> problems = settings.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the API cannot start: " + String.join("; ", problems));
    }
    if (settings.devKeysFile() != null && !settings.devKeysFile().isBlank()) {
      publishDevKeys(settings);
    }
    return settings;
  }

  /** Local mode only: these keys are published in this repository (starter-local.yml), so printing them leaks nothing. */
  private static void publishDevKeys(ApiKeySettings settings) throws IOException {
    Map<String, String> byRole = new LinkedHashMap<>();
    for (ApiRole role : ApiRole.values()) {
      settings.keys().stream().filter(key -> key.role() == role).findFirst()
          .ifPresent(key -> byRole.put(role.label(), key.key()));
    }
    Path file = Path.of(settings.devKeysFile()).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, new ObjectMapper().writeValueAsString(byRole));
    String line = "dev API keys: service=" + byRole.get("service") + " operator=" + byRole.get("operator")
        + (byRole.containsKey("admin") ? " admin=" + byRole.get("admin") : "");
    System.out.println(line);
    log.warn("local mode: development API keys in use (also written to {})", file);
  }
}
