package io.dunkclip.jobs.cli;

/** Parses {@code WxH} sizes. */
final class Sizes {
  private Sizes() {}

  static int[] parse(String size) {
    String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the message below, which says what a size looks like
    }
    throw new IllegalArgumentException("Cannot read the size: expected WIDTHxHEIGHT such as 64x64 (size=" + size + ")");
  }
}
