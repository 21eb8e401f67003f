package io.dunkclip.jobs.train;

import io.dunkclip.jobs.frames.FrameRows;
import io.dunkclip.jobs.frames.TapeTable;
import io.dunkclip.video.Rgb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A frames dataset as extract writes it (Parquet partitioned by video, {@code _tapes.csv}) without decoding any
 * video: noisy court-coloured frames, with a bright "player" block in frames {@code 10..24} of every tape. Tiny
 * and fast, for training tests that check mechanics (checkpoints, architectures), not accuracy.
 */
final class SyntheticFrames {
  static final int FIRST_PLAYER_FRAME = 10;
  static final int LAST_PLAYER_FRAME = 24;

  private SyntheticFrames() {}

  /** Writes {@code tapes} tapes of {@code frames} frames each to {@code dir/frames}; returns their labels CSV. */
  static Path write(SparkSession spark, Path dir, int tapes, int frames, int width, int height) throws IOException {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    StringBuilder tapesCsv = new StringBuilder("video,frames,fps,width,height,rotation,audio,uri\n");
    StringBuilder labels = new StringBuilder("video,start_frame,end_frame,label\n");
    for (int t = 1; t <= tapes; t++) {
      String video = String.format("tape-%02d.mp4", t);
      for (int f = 0; f < frames; f++) {
        boolean player = f >= FIRST_PLAYER_FRAME && f <= LAST_PLAYER_FRAME;
        rows.add(RowFactory.create((long) f, f * 66_667L, width, height, png(frame(random, width, height, player),
            width, height), video));
      }
      tapesCsv.append(video).append(',').append(frames).append(",15.000,480,270,0,false,file:/synthetic/")
          .append(video).append('\n');
      labels.append(video).append(",0,").append(FIRST_PLAYER_FRAME - 1).append(",0\n")
          .append(video).append(',').append(FIRST_PLAYER_FRAME).append(',').append(LAST_PLAYER_FRAME).append(",1\n")
          .append(video).append(',').append(LAST_PLAYER_FRAME + 1).append(',').append(frames - 1).append(",0\n");
    }
    String framesDir = dir.resolve("frames").toString();
    spark.createDataFrame(rows, FrameRows.SCHEMA).write().partitionBy(FrameRows.VIDEO).parquet(framesDir);
    Files.writeString(dir.resolve("frames").resolve(TapeTable.FILE_NAME), tapesCsv);
    Path labelsCsv = dir.resolve("labels.csv");
    Files.writeString(labelsCsv, labels);
    return labelsCsv;
  }

  private static byte[] frame(Random random, int width, int height, boolean player) {
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      int noise = random.nextInt(24);
      rgb[i] = (byte) (150 + noise);
      rgb[i + 1] = (byte) (100 + noise);
      rgb[i + 2] = (byte) (60 + noise);
    }
    if (player) {
      int size = Math.max(3, width / 4);
      int x0 = random.nextInt(width - size);
      int y0 = random.nextInt(height - size);
      for (int y = y0; y < y0 + size; y++) {
        for (int x = x0; x < x0 + size; x++) {
          int i = (y * width + x) * 3;
          rgb[i] = (byte) 250;
          rgb[i + 1] = (byte) 250;
          rgb[i + 2] = (byte) 250;
        }
      }
    }
    return rgb;
  }

  private static byte[] png(byte[] rgb, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(Rgb.toImage(rgb, width, height), "png", out);
    return out.toByteArray();
  }
}
