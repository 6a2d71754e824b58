package dev.postings.worker;

import dev.postings.secrets.PublishedSecrets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the local profile the worker does not start with a secret this repository publishes (the local profile's
 * encryption key, card-vault and callback secrets, the sandbox's provider credentials...): each such setting is named.
 * The published values are read from the repository's own configuration files ({@link PublishedSecrets}).
 */
@Component
class PublishedSecretsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  private ConfigurableEnvironment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = (ConfigurableEnvironment) environment;
  }

  /** Before any bean is made: nothing connects anywhere with a published secret. */
  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (environment.acceptsProfiles(Profiles.of("local"))) {
      return;
    }
    List<String> names = StreamSupport.stream(ConfigurationPropertySources.get(environment).spliterator(), false)
        .filter(IterableConfigurationPropertySource.class::isInstance)
        .flatMap(source -> ((IterableConfigurationPropertySource) source).stream())
        .map(Object::toString)
        .toList();
    PublishedSecrets.fromClasspath(getClass().getClassLoader()).refuseAny("worker", names, environment::getProperty);
  }
}
