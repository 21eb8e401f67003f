package io.dunkclip.jobs.frames;

import io.dunkclip.video.DecodedFrame;
import io.dunkclip.video.Rgb;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The frames dataset's schema and rows: one row per frame, the picture as an encoded image file. */
public final class FrameRows {
  public static final String VIDEO = "video";
  public static final String FRAME = "frame";
  public static final String TIMESTAMP_US = "timestamp_us";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String IMAGE = "image";

  public static final StructType SCHEMA = new StructType()
      .add(FRAME, DataTypes.LongType, false)
      .add(TIMESTAMP_US, DataTypes.LongType, false)
      .add(WIDTH, DataTypes.IntegerType, false)
      .add(HEIGHT, DataTypes.IntegerType, false)
      .add(IMAGE, DataTypes.BinaryType, false)
      .add(VIDEO, DataTypes.StringType, false);

  private FrameRows() {}

  /** The row of {@code frame} of {@code video}, its picture stored as {@code image} (an encoded image file). */
  public static Row row(String video, DecodedFrame frame, byte[] image) {
    return RowFactory.create(frame.index(), frame.timestampMicros(), frame.width(), frame.height(), image, video);
  }

  /** Packed RGB of a stored image. */
  public static byte[] decode(byte[] image) {
    try {
      return Rgb.fromImage(ImageIO.read(new java.io.ByteArrayInputStream(image)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot decode a stored frame image", e);
    }
  }
}
