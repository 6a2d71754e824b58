package dev.postings.starter.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, from its tokens as PromQL's lexer cuts them (strings, numbers and
 * durations, identifiers, label matchers, ranges), so that nothing inside a string or a duration is taken for a name and
 * no name is missed:
 *
 * <ul>
 *   <li>an identifier followed by {@code (} is a function or an aggregation, not a name; so is an aggregation followed
 *       by {@code by}/{@code without} (as in {@code sum by (le) (...)});
 *   <li>the label lists after {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and
 *       {@code group_right} are label names;
 *   <li>inside {@code {...}} only {@code __name__} matters: {@code {__name__="x"}} reads {@code x}, and
 *       {@code {__name__=~"x|y"}} reads {@code x} and {@code y} when the regular expression is a plain list of names
 *       (anything fancier is refused, since no check could say which names it reads);
 *   <li>{@code [...]} (ranges, subqueries), {@code offset} and {@code @} modifiers, numbers ({@code 1e3}, {@code 0x1f},
 *       {@code Inf}, {@code NaN}), Grafana's {@code $variables}, and {@code #} comments are skipped.
 * </ul>
 */
public final class PromqlMetricNames {

  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
      "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern NAME_LIST = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\|[a-zA-Z_:][a-zA-Z0-9_:]*)*");

  private PromqlMetricNames() {}

  /**
   * The metric names {@code expression} reads.
   *
   * @throws IllegalArgumentException when it cannot be read: an unclosed bracket or string, or a {@code __name__}
   *     matcher that is not a plain name or list of names
   */
  public static Set<String> in(String expression) {
    List<Token> tokens = tokens(expression);
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      switch (token.kind) {
        case OPEN_BRACE -> i = matchers(tokens, i, names, expression);
        case OPEN_BRACKET -> i = closing(tokens, i, Kind.OPEN_BRACKET, Kind.CLOSE_BRACKET, expression);
        case IDENTIFIER -> {
          String word = token.text.toLowerCase(Locale.ROOT);
          Kind next = i + 1 < tokens.size() ? tokens.get(i + 1).kind : null;
          if (LABEL_LIST_KEYWORDS.contains(word)) {
            if (next == Kind.OPEN_PAREN) {
              i = closing(tokens, i + 1, Kind.OPEN_PAREN, Kind.CLOSE_PAREN, expression);
            }
          } else if (word.equals("offset")) {
            i++; // its duration
          } else if (next == Kind.OPEN_PAREN || AGGREGATIONS.contains(word) && next == Kind.IDENTIFIER
              && LABEL_LIST_KEYWORDS.contains(tokens.get(i + 1).text.toLowerCase(Locale.ROOT))) {
            // a function or an aggregation: its arguments follow
          } else if (!KEYWORDS.contains(word)) {
            names.add(token.text);
          }
        }
        case AT -> {
          // @ <timestamp> or @ start() / end(): nothing read
          if (i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.IDENTIFIER) {
            i++;
          }
        }
        default -> {
          // numbers, operators, parentheses, commas, variables
        }
      }
    }
    return names;
  }

  /** Reads a label matcher list from its {@code {}; returns the index of its {@code }}. */
  private static int matchers(List<Token> tokens, int open, Set<String> names, String expression) {
    int i = open + 1;
    while (i < tokens.size() && tokens.get(i).kind != Kind.CLOSE_BRACE) {
      Token label = tokens.get(i);
      if (label.kind == Kind.IDENTIFIER && label.text.equals("__name__") && i + 2 < tokens.size()
          && tokens.get(i + 2).kind == Kind.STRING) {
        String op = tokens.get(i + 1).text;
        String value = tokens.get(i + 2).text;
        if (op.equals("=") && NAME.matcher(value).matches()) {
          names.add(value);
        } else if (op.equals("=~") && NAME_LIST.matcher(value).matches()) {
          names.addAll(List.of(value.split("\\|")));
        } else {
          throw new IllegalArgumentException("__name__" + op + "\"" + value + "\" in " + expression
              + ": the names it reads cannot be checked; name them (= or =~ with a|b|c)");
        }
        i += 3;
      } else {
        i++;
      }
    }
    if (i >= tokens.size()) {
      throw new IllegalArgumentException("unclosed { in " + expression);
    }
    return i;
  }

  private static int closing(List<Token> tokens, int open, Kind opening, Kind closing, String expression) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).kind == opening) {
        depth++;
      } else if (tokens.get(i).kind == closing && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed " + tokens.get(open).text + " in " + expression);
  }

  private enum Kind {
    IDENTIFIER, STRING, NUMBER, VARIABLE, OPEN_BRACE, CLOSE_BRACE, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET,
    CLOSE_BRACKET, AT, OTHER
  }

  private record Token(Kind kind, String text) {}

  private static List<Token> tokens(String expression) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < n && expression.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (j < n && expression.charAt(j) != c) {
          if (expression.charAt(j) == '\\' && c != '`' && j + 1 < n) {
            j++;
          }
          value.append(expression.charAt(j));
          j++;
        }
        if (j >= n) {
          throw new IllegalArgumentException("unclosed string in " + expression);
        }
        tokens.add(new Token(Kind.STRING, value.toString()));
        i = j + 1;
      } else if (c == '$') {
        // Grafana: $name, ${name}, ${name:format}, [[name]] is not used here
        int j = i + 1;
        if (j < n && expression.charAt(j) == '{') {
          j = expression.indexOf('}', j) + 1;
          if (j == 0) {
            throw new IllegalArgumentException("unclosed ${ in " + expression);
          }
        } else {
          while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_')) {
            j++;
          }
        }
        tokens.add(new Token(Kind.VARIABLE, expression.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1))) {
        // 42, 0.95, 1e3, 0x1f, and durations (5m, 1h30m): digits, letters and dots run together
        int j = i;
        while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '.'
            || (expression.charAt(j) == '+' || expression.charAt(j) == '-')
            && Character.toLowerCase(expression.charAt(j - 1)) == 'e' && !expression.substring(i, j).startsWith("0x"))) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, expression.substring(i, j)));
        i = j;
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_'
            || expression.charAt(j) == ':')) {
          j++;
        }
        tokens.add(new Token(Kind.IDENTIFIER, expression.substring(i, j)));
        i = j;
      } else {
        Kind kind = switch (c) {
          case '{' -> Kind.OPEN_BRACE;
          case '}' -> Kind.CLOSE_BRACE;
          case '(' -> Kind.OPEN_PAREN;
          case ')' -> Kind.CLOSE_PAREN;
          case '[' -> Kind.OPEN_BRACKET;
          case ']' -> Kind.CLOSE_BRACKET;
          case '@' -> Kind.AT;
          default -> Kind.OTHER;
        };
        // two-character operators: =~ != !~ == <= >=
        if (i + 1 < n && "=!<>".indexOf(c) >= 0 && "=~".indexOf(expression.charAt(i + 1)) >= 0) {
          tokens.add(new Token(Kind.OTHER, expression.substring(i, i + 2)));
          i += 2;
        } else {
          tokens.add(new Token(kind, String.valueOf(c)));
          i++;
        }
      }
    }
    return tokens;
  }
}
