package dev.postings.tools.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Postings per second against postings in flight, one line per batch (the floor and each provider), drawn with Java2D
 * beside the bench's own PNG: where a line flattens, more in flight only queues.
 */
final class InFlightChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  private static final Color[] COLORS = {new Color(0x54A24B), new Color(0x4C78A8), new Color(0xF58518),
      new Color(0xE45756), new Color(0x72B7B2), new Color(0xB279A2)};

  private InFlightChart() {}

  /**
   * @param levels the postings in flight measured, in order (the x axis, evenly spaced)
   * @param perSecond for each batch, its postings per second at each level (NaN where not measured)
   */
  static void write(List<Integer> levels, Map<String, double[]> perSecond, Path png, String title)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = BenchChart.canvas(image, title);
    try {
      int left = 70;
      int right = WIDTH - 170;
      int top = 60;
      int bottom = HEIGHT - 60;
      double max = perSecond.values().stream().flatMapToDouble(java.util.Arrays::stream)
          .filter(value -> !Double.isNaN(value)).max().orElse(1) * 1.15;
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1));
      g.drawLine(left, bottom, right, bottom);
      g.drawLine(left, top, left, bottom);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      for (int tick = 0; tick <= 4; tick++) {
        int y = bottom - (bottom - top) * tick / 4;
        g.drawString(String.format(Locale.ROOT, "%.0f", max * tick / 4), 20, y + 4);
      }
      g.setColor(Color.BLACK);
      g.drawString("postings/s", 10, top - 10);
      g.drawString("postings in flight", (left + right) / 2 - 40, bottom + 40);
      for (int i = 0; i < levels.size(); i++) {
        g.drawString(String.valueOf(levels.get(i)), x(i, levels.size(), left, right) - 8, bottom + 18);
      }
      int series = 0;
      for (Map.Entry<String, double[]> line : perSecond.entrySet()) {
        Color color = COLORS[series % COLORS.length];
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        double[] values = line.getValue();
        for (int i = 0; i < values.length; i++) {
          if (Double.isNaN(values[i])) {
            continue;
          }
          int x = x(i, values.length, left, right);
          int y = bottom - (int) Math.round((bottom - top) * values[i] / max);
          g.fillOval(x - 4, y - 4, 8, 8);
          g.drawString(String.format(Locale.ROOT, "%.0f", values[i]), x + 6, y - 6);
          if (i > 0 && !Double.isNaN(values[i - 1])) {
            int previousY = bottom - (int) Math.round((bottom - top) * values[i - 1] / max);
            g.drawLine(x(i - 1, values.length, left, right), previousY, x, y);
          }
        }
        g.fillRect(right + 30, top + series * 22, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(line.getKey(), right + 48, top + series * 22 + 11);
        series++;
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", png.toFile());
  }

  private static int x(int index, int count, int left, int right) {
    return count <= 1 ? (left + right) / 2 : left + 30 + (right - left - 60) * index / (count - 1);
  }
}
