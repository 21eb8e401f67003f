package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.extract.ExtractFormat;
import io.dunkclip.video.Fit;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values read by the parsers of the types themselves ({@link Fit#parse}, {@link ExtractFormat#parse}), so a
 * value they refuse is bad usage that picocli reports with the type's own message naming the value and the choices.
 */
final class Converters {
  private Converters() {}

  private static <T> T read(String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** {@code stretch} or {@code pad}. */
  static final class FitConverter implements ITypeConverter<Fit> {
    @Override
    public Fit convert(String value) {
      return read(value, Fit::parse);
    }
  }

  /** {@code parquet} or {@code jpg}. */
  static final class FormatConverter implements ITypeConverter<ExtractFormat> {
    @Override
    public ExtractFormat convert(String value) {
      return read(value, ExtractFormat::parse);
    }
  }
}
