package dev.postings.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The secrets this repository publishes: every value of a secret setting in the configuration files of its modules
 * (the local profile's development keys and credentials, and the defaults written into placeholders such as
 * {@code ${PROPEXO_WEBHOOK_SECRET:dev-propexo-webhook-secret}}). Anybody can read them, so outside the local profile
 * the worker and the starter refuse to start with any of them (see {@link #refusals}).
 *
 * <p>The files are not listed here: the build copies every module's {@code *.yml} next to this class
 * ({@value #RESOURCES}), so a secret added to any of them is covered without a second list to keep in step. Which
 * settings are secrets is one rule on their names ({@link #isSecretSetting}), applied alike to the published files and
 * to the configuration a process runs with.
 */
public final class PublishedSecrets {

  /** Where the build puts the repository's configuration files (classpath, {@code *.yml}). */
  public static final String RESOURCES = "dev/postings/secrets/published";

  /** A placeholder with a default: {@code ${NAME:default}}. */
  private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");
  /** A last element that names a secret: token, jwt-secret, key-store-password, credentials (not token-refresh-margin) */
  private static final Pattern SECRET_WORD = Pattern.compile(
      "(^|-)(secret|secrets|token|tokens|password|passphrase|credential|credentials)$");

  /** value -> the files that publish it (for the operator: where the value comes from, never the value itself) */
  private final Map<String, Set<String>> published;

  private PublishedSecrets(Map<String, Set<String>> published) {
    this.published = published;
  }

  /**
   * A setting that holds a secret, by its canonical name ({@code postings.callback.secret},
   * {@code postings.api.keys[0].key}): its last element is a secret, token, password or credential (alone or at the
   * end: {@code jwt-secret}, {@code key-store-password}), an API key, consumer key or bare {@code key}; or it is an
   * entry of a map of {@code keys} (the encryption keys by id).
   */
  public static boolean isSecretSetting(String name) {
    String[] elements = name.toLowerCase(Locale.ROOT).split("[.\\[\\]]+");
    String last = elements[elements.length - 1];
    if (SECRET_WORD.matcher(last).find() || last.equals("key") || last.endsWith("-key") || last.endsWith("apikey")) {
      return true;
    }
    // an entry of a map of keys by id (postings.encryption.keys.<id>), not an element of a list of keys
    return elements.length > 1 && elements[elements.length - 2].equals("keys") && !last.matches("\\d+");
  }

  /**
   * Reads configuration files (YAML, multi-document).
   *
   * @param files each file's text by its name
   */
  public static PublishedSecrets fromYaml(Map<String, String> files) {
    Map<String, Set<String>> published = new TreeMap<>();
    files.forEach((file, text) -> {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      for (Object document : yaml.loadAll(text)) {
        Map<String, String> settings = new LinkedHashMap<>();
        flatten("", document, settings);
        settings.forEach((name, value) -> {
          if (isSecretSetting(name)) {
            for (String secret : valuesOf(value)) {
              published.computeIfAbsent(secret, any -> new TreeSet<>()).add(file);
            }
          }
        });
      }
    });
    return new PublishedSecrets(published);
  }

  /**
   * The repository's configuration files as the build packed them ({@value #RESOURCES}/*.yml), from a directory
   * (tests, IDE) or a jar, nested in a Spring Boot jar included.
   *
   * @throws IllegalStateException when none is found: a build without them must not pass for one without secrets
   */
  public static PublishedSecrets fromClasspath(ClassLoader loader) {
    Map<String, String> files = new TreeMap<>();
    try {
      Enumeration<URL> folders = loader.getResources(RESOURCES);
      while (folders.hasMoreElements()) {
        URL folder = folders.nextElement();
        URLConnection connection = folder.openConnection();
        if (connection instanceof JarURLConnection jar) {
          JarFile archive = jar.getJarFile();
          for (Enumeration<JarEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            String file = name.startsWith(RESOURCES + "/") ? name.substring(RESOURCES.length() + 1) : "";
            if (file.endsWith(".yml") && !file.contains("/")) {
              try (InputStream in = archive.getInputStream(entry)) {
                files.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
              }
            }
          }
        } else {
          try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
            for (Path file : listed.filter(path -> path.toString().endsWith(".yml")).toList()) {
              files.put(file.getFileName().toString(), Files.readString(file));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the published configuration files", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the published configuration files", e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("the published configuration files (" + RESOURCES + "/*.yml) are missing from"
          + " the classpath: this build cannot check its secrets");
    }
    return fromYaml(files);
  }

  /**
   * The refusals for a running process: every secret setting among {@code names} (canonical names, any order,
   * duplicates allowed) whose resolved value is published.
   */
  public List<String> refusals(Iterable<String> names, Function<String, String> valueOf) {
    Map<String, String> settings = new TreeMap<>();
    for (String name : names) {
      if (isSecretSetting(name) && !settings.containsKey(name)) {
        String value;
        try {
          value = valueOf.apply(name);
        } catch (RuntimeException unresolvable) {
          continue; // a placeholder without a value: nothing published in it
        }
        if (value != null) {
          settings.put(name, value);
        }
      }
    }
    return refusals(settings);
  }

  /**
   * Refuses a process that runs outside the local profile with any published secret.
   *
   * @param process "worker", "starter": who refuses
   * @throws IllegalStateException naming every setting whose value is published
   */
  public void refuseAny(String process, Iterable<String> names, Function<String, String> valueOf) {
    List<String> refusals = refusals(names, valueOf);
    if (!refusals.isEmpty()) {
      throw new IllegalStateException("the " + process + " refuses to start outside the local profile: "
          + String.join("; ", refusals));
    }
  }

  /**
   * The literal value, or the defaults of its placeholders, and each element of a comma-separated one (Spring binds
   * {@code a,b} to a list, so {@code b} alone is a value a setting may take); never an empty one.
   */
  static List<String> valuesOf(String value) {
    List<String> values = new ArrayList<>();
    Matcher placeholders = PLACEHOLDER_DEFAULT.matcher(value);
    boolean any = false;
    while (placeholders.find()) {
      any = true;
      values.add(placeholders.group(1));
    }
    if (!any && !value.contains("${")) {
      values.add(value);
    }
    for (String whole : List.copyOf(values)) {
      if (whole.contains(",")) {
        for (String element : whole.split(",")) {
          values.add(element.strip());
        }
      }
    }
    values.removeIf(String::isBlank);
    return values;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Map<String, String> into) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), into);
      }
    } else if (node != null) {
      into.put(prefix, String.valueOf(node));
    }
  }

  /** Every published secret value (tests). */
  public Set<String> values() {
    return published.keySet();
  }

  /**
   * The settings whose value is published, each named with the files that publish its value: why a process outside
   * the local profile must not start.
   *
   * @param settings the secret settings a process runs with, by canonical name
   */
  public List<String> refusals(Map<String, String> settings) {
    List<String> refusals = new ArrayList<>();
    new TreeMap<>(settings).forEach((name, value) -> {
      Set<String> files = value == null ? null : published.get(value.trim());
      if (files != null) {
        refusals.add(name + " is a secret published in this repository (" + String.join(", ", files)
            + "): set one of your own");
      }
    });
    return refusals;
  }
}
