package dev.postings.starter.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.postings.batch.BatchFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a batch file as a stream, one posting at a time: memory holds one line (at most {@code maxLineBytes}), never
 * the file. Every byte passes a SHA-256 digest, which tells a re-sent file from another one under the same batch id.
 */
final class BatchFileReader {

  private final int maxRows;
  private final int maxLineBytes;
  private final CsvFactory csv;

  BatchFileReader(int maxRows, int maxLineBytes) {
    this.maxRows = maxRows;
    this.maxLineBytes = maxLineBytes;
    this.csv = CsvFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxLineBytes).build()).build();
  }

  /**
   * Hands every posting of the file to {@code each}, in file order.
   *
   * @return the file's SHA-256, hex
   * @throws BatchFileRefused when the file as a whole is not a batch
   */
  String read(InputStream file, BatchFormat format, Consumer<BatchLine> each) {
    MessageDigest sha256 = sha256();
    try (DigestInputStream digesting = new DigestInputStream(file, sha256)) {
      if (format == BatchFormat.CSV) {
        readCsv(digesting, each);
      } else {
        readJsonLines(digesting, each);
      }
      // whatever follows the last row is part of the file too
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** Digests the file without reading it as a batch: a batch id already taken only needs to know whether it is the same file. */
  static String digest(InputStream file) {
    MessageDigest sha256 = sha256();
    try (DigestInputStream digesting = new DigestInputStream(file, sha256)) {
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private void readCsv(InputStream in, Consumer<BatchLine> each) throws IOException {
    try (CsvParser parser = (CsvParser) csv.createParser(in)) {
      parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      List<String> header = null;
      int rows = 0;
      try {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new BatchFileRefused("file", "is empty: a CSV batch starts with its header line");
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
          // where the row starts (a quoted cell may span lines): the parser stands at the start of its first line
          int line = parser.currentLocation().getLineNr();
          List<String> cells = new ArrayList<>();
          while (parser.nextToken() == JsonToken.VALUE_STRING) {
            cells.add(parser.getText());
          }
          if (header == null) {
            header = header(cells);
            continue;
          }
          if (cells.size() == 1 && cells.get(0).isEmpty()) {
            continue;
          }
          if (++rows > maxRows) {
            throw new BatchFileRefused("file", "has more than " + maxRows + " rows: send it as more than one batch");
          }
          if (cells.size() > header.size()) {
            each.accept(BatchLine.unreadable(line, "line", "has " + cells.size() + " cells, the header names "
                + header.size() + " columns"));
            continue;
          }
          each.accept(BatchLine.of(line, BatchColumns.request(header, cells).toString()));
        }
        if (token != null && token != JsonToken.END_ARRAY) {
          throw new BatchFileRefused("file", "is not CSV");
        }
        if (header == null) {
          throw new BatchFileRefused("file", "is empty: a CSV batch starts with its header line");
        }
      } catch (JsonProcessingException malformed) {
        // an unclosed quote, a cell past the size limit, bytes that are not UTF-8: where, never what
        throw new BatchFileRefused("file", "is not valid CSV at line "
            + malformed.getLocation().getLineNr() + " (UTF-8, RFC 4180 quoting, cells of at most "
            + maxLineBytes + " characters)");
      }
    }
  }

  private static List<String> header(List<String> cells) {
    List<String> header = new ArrayList<>();
    for (String column : cells) {
      String name = column.strip();
      if (!BatchColumns.COLUMNS.containsKey(name)) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        throw new BatchFileRefused("header", "names an unknown column '" + shown + "': the columns are the JSON paths"
            + " of the posting request's fields (docs/batches.md); card and bank account numbers and callbackUrl"
            + " are not taken in a batch");
      }
      if (header.contains(name)) {
        throw new BatchFileRefused("header", "names the column '" + name + "' twice");
      }
      header.add(name);
    }
    return header;
  }

  private void readJsonLines(InputStream in, Consumer<BatchLine> each) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int lineNumber = 0;
    int rows = 0;
    boolean tooLong = false;
    boolean atEnd = false;
    while (!atEnd) {
      int b = in.read();
      if (b != -1 && b != '\n') {
        if (line.size() < maxLineBytes) {
          line.write(b);
        } else {
          tooLong = true;
        }
        continue;
      }
      atEnd = b == -1;
      if (atEnd && line.size() == 0 && !tooLong) {
        break;
      }
      lineNumber++;
      byte[] bytes = line.toByteArray();
      line.reset();
      if (!tooLong && isBlank(bytes)) {
        continue;
      }
      if (++rows > maxRows) {
        throw new BatchFileRefused("file", "has more than " + maxRows + " rows: send it as more than one batch");
      }
      if (tooLong) {
        tooLong = false;
        each.accept(BatchLine.unreadable(lineNumber, "line", "is longer than " + maxLineBytes + " bytes"));
        continue;
      }
      try {
        each.accept(BatchLine.of(lineNumber, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString()));
      } catch (CharacterCodingException notUtf8) {
        each.accept(BatchLine.unreadable(lineNumber, "line", "is not valid UTF-8"));
      }
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
