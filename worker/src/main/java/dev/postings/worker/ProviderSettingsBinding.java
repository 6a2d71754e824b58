package dev.postings.worker;

import dev.postings.providers.ProviderConnection;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyNameAliases;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Binds {@code postings.<provider>.*} to a provider's settings record. The connection keys every provider shares sit
 * flat under its prefix ({@code base-url}, {@code connect-timeout}, {@code request-timeout}, {@code rate-limit.*}), as
 * worker.yml and the environment set them, while the settings record holds them as one {@link ProviderConnection}
 * named {@code connection}. Each connection key is therefore also found under {@code <prefix>.connection.}, so that
 * Spring's constructor binding fills the record from the keys where they are, and a wrong value is reported with the
 * key the operator wrote.
 */
final class ProviderSettingsBinding {

  /** {@code base-url}, {@code connect-timeout}, ...: ProviderConnection's components in Spring's dashed form. */
  private static final List<String> CONNECTION_KEYS = keys("", ProviderConnection.class);

  private ProviderSettingsBinding() {}

  /** {@code type} bound from {@code prefix} (e.g. {@code postings.propexo}) in {@code environment}. */
  static <S> S bind(Environment environment, String prefix, Class<S> type) {
    ConfigurationPropertyNameAliases aliases = new ConfigurationPropertyNameAliases();
    for (String key : CONNECTION_KEYS) {
      aliases.addAliases(prefix + "." + key, prefix + ".connection." + key);
    }
    List<ConfigurationPropertySource> sources = new ArrayList<>();
    ConfigurationPropertySources.get(environment).forEach(source -> sources.add(source.withAliases(aliases)));
    try {
      return new Binder(sources, new PropertySourcesPlaceholdersResolver(environment))
          .bind(prefix, type)
          .orElseThrow(() -> new IllegalStateException(prefix + ".* is not configured"));
    } catch (BindException refused) {
      // Spring names the key it was binding, which for a connection key is the ".connection." alias: name the key as
      // the operator wrote it.
      String key = (refused.getProperty() != null ? refused.getProperty().getName() : refused.getName()).toString()
          .replace(prefix + ".connection.", prefix + ".");
      Throwable reason = refused;
      while (reason.getCause() != null) {
        reason = reason.getCause();
      }
      throw new IllegalStateException("cannot bind " + key + ": " + reason.getMessage(), refused);
    }
  }

  /** The keys of a record's components, a nested record's ({@code rate-limit.max-wait}) one by one. */
  private static List<String> keys(String parent, Class<?> type) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = parent + DataObjectPropertyName.toDashedForm(component.getName());
      if (component.getType().isRecord()) {
        keys.addAll(keys(key + ".", component.getType()));
      } else {
        keys.add(key);
      }
    }
    return List.copyOf(keys);
  }
}
