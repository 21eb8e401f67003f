package io.dunkclip.jobs.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code WIDTHxHEIGHT} option value such as {@code 64x64}. */
record FrameSize(int width, int height) {
  /** Reads {@code --size}: picocli reports a value it cannot read as bad usage, naming it. */
  static final class Converter implements ITypeConverter<FrameSize> {
    @Override
    public FrameSize convert(String value) {
      String[] parts = value.toLowerCase(Locale.ROOT).split("x");
      try {
        if (parts.length == 2) {
          return new FrameSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
      } catch (NumberFormatException e) {
        // fall through to the message below, which says what a size looks like
      }
      throw new TypeConversionException(
          "Cannot read the size: expected WIDTHxHEIGHT such as 64x64 (size=" + value + ")");
    }
  }
}
